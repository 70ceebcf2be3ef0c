/**
 * The receiver against senders without the secret (issue 20, finding 3: 30 unsigned 24 MiB bodies
 * were each buffered whole before the missing signature was noticed).
 */
import http from "node:http";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookDeliveries } from "../../src/store/schema.js";
import { startTestServer, type TestServer } from "../helpers/server-harness.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ GITHUB_WEBHOOK_SECRET: "rejections-secret" });
});
afterAll(() => server?.close());

/** Sends the headers and 1 KiB of a body announced as 24 MiB, and reads the answer without sending more. */
function startHugeDelivery(headers: Record<string, string>): Promise<{ status: number; body: string }> {
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
});
