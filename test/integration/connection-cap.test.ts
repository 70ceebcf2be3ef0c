/**
 * Slow senders from one address cannot take every socket (issue 20, finding 6; FAULTS.md #27):
 * past GHSYNC_MAX_CONNECTIONS_PER_IP open connections, a new one from that address is closed at
 * once, while another address (127.0.0.2, also loopback) is served as usual.
 */
import { connect, type Socket } from "node:net";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, startTestServer, type TestServer } from "../helpers/server-harness.js";

const CAP = 4;

/** A connection that sends half a request line and then nothing (a slow sender). */
async function slowSender(
  port: number,
  localAddress = "127.0.0.1",
): Promise<{ socket: Socket; closed: Promise<void> }> {
  const socket = connect({ port, host: "127.0.0.1", localAddress });
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  socket.write("GET /api/health HTTP/1.1\r\nHost: x\r\n");
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  socket.on("error", () => undefined);
  return { socket, closed };
}

function healthFrom(port: number, localAddress: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { port, host: "127.0.0.1", localAddress, path: "/api/health", agent: false },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

describe("open connections per client address", () => {
  let server: TestServer;
  let port: number;
  beforeAll(async () => {
    server = await startTestServer({ GHSYNC_MAX_CONNECTIONS_PER_IP: String(CAP) });
    port = Number(new URL(server.url).port);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("closes the connection over the cap at once; other addresses and freed slots are served", async () => {
    const held = await Promise.all(Array.from({ length: CAP }, () => slowSender(port)));
    const extra = await slowSender(port);
    const outcome = await Promise.race([
      extra.closed.then(() => "closed"),
      new Promise((r) => setTimeout(() => r("open"), 2000)),
    ]);
    expect(outcome).toBe("closed");
    expect(await healthFrom(port, "127.0.0.2")).toBe(200);

    // A freed slot is reused (once the server has seen the close).
    held[0]?.socket.destroy();
    const served = await eventually(
      () => healthFrom(port, "127.0.0.1").catch(() => undefined),
      5000,
      "a freed slot",
    );
    expect(served).toBe(200);
    for (const sender of held) sender.socket.destroy();
  });
});
