/**
 * The receiver against senders without the secret (issue 20, finding 3: 30 unsigned 24 MiB bodies
 * were each buffered whole before the missing signature was noticed).
 */
import http from "node:http";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookDeliveries } from "../../src/store/schema.js";
import { sign } from "../../src/util/signature.js";
import { eventually, startTestServer, type TestServer } from "../helpers/server-harness.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ GITHUB_WEBHOOK_SECRET: SECRET });
});
afterAll(() => server?.close());

/**
 * Sends the headers and 1 KiB of a body announced as 24 MiB, and reads the answer without sending
 * more; `sent` gets the request, to cut it.
 */
function startHugeDelivery(
  headers: Record<string, string>,
  sent: (request: http.ClientRequest) => void = () => undefined,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${server.url}/webhooks/github`, {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(24 * 1024 * 1024), ...headers },
    });
    request.on("response", (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => {
        request.destroy();
        resolve({ status: response.statusCode ?? 0, body });
      });
    });
    request.on("error", reject);
    request.write(Buffer.alloc(1024, 32));
    sent(request);
  });
}

const SECRET = "rejections-secret";

/** A delivery with a small body, signed under `secret` (null: unsigned). */
async function deliver(id: string, secret: string | null): Promise<Response> {
  const body = JSON.stringify({ action: "created", zen: "Keep it logically awesome." });
  return fetch(`${server.url}/webhooks/github`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": "ping",
      "x-github-delivery": id,
      ...(secret === null ? {} : { "x-hub-signature-256": sign(secret, body) }),
    },
    body,
  });
}

const rejectedRows = async () =>
  (await server.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.status, "rejected")))
    .length;

describe("senders without the secret", () => {
  it("answers an unsigned delivery 401 before reading its body", async () => {
    const answer = await startHugeDelivery({ "x-github-event": "push", "x-github-delivery": "unsigned-1" });
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({
      status: "rejected",
      error: { code: "invalid_signature" },
    });
    expect(await rejectedRows()).toBe(1);
  });

  it("reads at most 64 MiB of unverified bodies at once, and lets the next in once one ends", async () => {
    const signed = { "x-github-event": "push", "x-hub-signature-256": `sha256=${"0".repeat(64)}` };
    const hanging: http.ClientRequest[] = [];
    const started = [1, 2].map((n) =>
      startHugeDelivery({ ...signed, "x-github-delivery": `huge-${n}` }, (request) =>
        hanging.push(request),
      ).catch(() => undefined),
    );
    await eventually(async () => (hanging.length === 2 ? true : undefined), 10_000, "two bodies being read");
    const third = await startHugeDelivery({ ...signed, "x-github-delivery": "huge-3" });
    expect(third.status).toBe(503);
    expect(JSON.parse(third.body)).toMatchObject({ error: { code: "busy" } });
    for (const request of hanging) request.destroy();
    await Promise.all(started);
    // Read whole this time: its signature is checked and refused, so its bytes were let in.
    const body = Buffer.alloc(24 * 1024 * 1024, 32);
    await eventually(
      async () => {
        const answer = await fetch(`${server.url}/webhooks/github`, {
          method: "POST",
          headers: { "content-type": "application/json", ...signed, "x-github-delivery": "huge-4" },
          body,
        });
        return answer.status === 401 ? true : undefined;
      },
      10_000,
      "a large body to be read again",
    );
  });

  it("stops storing an address's rejections after 600 a minute; a real delivery from it still gets in", async () => {
    const before = await rejectedRows();
    let sent = 0;
    for (; before + sent < 610; sent++) {
      const answer = await deliver(`unsigned-burst-${sent}`, null);
      if (answer.status === 429) break;
      expect(answer.status).toBe(401);
    }
    const refused = await deliver("unsigned-over", null);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const stored = await rejectedRows();
    expect(stored).toBe(600);
    expect((await deliver("wrong-secret-over", "not-the-secret")).status).toBe(401);
    expect(await rejectedRows()).toBe(stored);
    expect((await deliver("genuine-over", SECRET)).status).toBe(202);
  });
});
