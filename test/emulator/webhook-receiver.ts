/**
 * A tiny webhook receiver for the emulator tests: records every request (headers and exact body
 * bytes) and answers like a careful receiver — 401 for a signature that does not verify, 400 for a
 * body that is not JSON, else 200 — unless told to answer something else.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import type { IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  status: number;
}

export interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

export function header(request: ReceivedRequest, name: string): string {
  const value = request.headers[name];
  if (typeof value !== "string") throw new Error(`no ${name} header`);
  return value;
}

/** X-Hub-Signature-256 checked over the exact bytes, in constant time. */
export function signatureVerifies(secret: string, request: ReceivedRequest): boolean {
  const given = request.headers["x-hub-signature-256"];
  if (typeof given !== "string" || !given.startsWith("sha256=")) return false;
  const expected = createHmac("sha256", secret).update(request.body).digest();
  const actual = Buffer.from(given.slice("sha256=".length), "hex");
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function payloadOf(request: ReceivedRequest): Record<string, unknown> {
  return JSON.parse(request.body.toString("utf8")) as Record<string, unknown>;
}

export async function startReceiver(
  secret: string,
  answer?: (request: ReceivedRequest) => number,
): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request: ReceivedRequest = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks),
        status: 200,
      };
      request.status = answer ? answer(request) : judge(secret, request);
      requests.push(request);
      res.writeHead(request.status, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: request.status < 300 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/github?source=emulator`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function judge(secret: string, request: ReceivedRequest): number {
  if (!signatureVerifies(secret, request)) return 401;
  try {
    const parsed: unknown = JSON.parse(request.body.toString("utf8"));
    return typeof parsed === "object" && parsed !== null ? 200 : 400;
  } catch {
    return 400;
  }
}
