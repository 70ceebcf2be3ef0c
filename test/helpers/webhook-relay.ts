/**
 * A webhook relay for tests: the emulator delivers to it, it keeps every request, and the test
 * decides when to pass them on to ghsync — before or after a reconciliation, once or again under
 * a new delivery id (the same facts in a second delivery, as a repository hook and an
 * organization hook would send them). The signature covers the body only, so it stays valid.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";

interface Captured {
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const PASSED_ON = [
  "content-type",
  "x-github-event",
  "x-github-delivery",
  "x-github-hook-id",
  "x-hub-signature-256",
];

export interface WebhookRelay {
  url: string;
  /** Requests received and not yet taken. */
  take(): Captured[];
  /** POSTs the requests to `target`; `freshIds` gives each a new X-GitHub-Delivery. */
  forward(target: string, requests: Captured[], options?: { freshIds?: boolean }): Promise<void>;
  close(): Promise<void>;
}

export async function startWebhookRelay(): Promise<WebhookRelay> {
  let captured: Captured[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      captured.push({ headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    take() {
      const taken = captured;
      captured = [];
      return taken;
    },
    async forward(target, requests, options = {}) {
      for (const { headers, body } of requests) {
        const sent: Record<string, string> = {};
        for (const name of PASSED_ON) if (typeof headers[name] === "string") sent[name] = headers[name];
        if (options.freshIds) sent["x-github-delivery"] = randomUUID();
        const response = await fetch(target, { method: "POST", headers: sent, body });
        if (!response.ok)
          throw new Error(`the webhook was answered ${response.status}: ${await response.text()}`);
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
