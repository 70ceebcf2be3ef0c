/**
 * Bad input gets a 400 that says why, never a 500 (DESIGN.md, "What bad input gets"; issue 20,
 * findings 2 and 4: each request below answered 500, or held the CPU for minutes, before).
 */
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordFault } from "../helpers/fault-figures.js";
import { startTestServer, type TestServer } from "../helpers/server-harness.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({});
  const person = await server.api("/api/users", { method: "POST", body: JSON.stringify({ login: "alice" }) });
  expect(person.status).toBe(201);
});
afterAll(() => server?.close());

const refused: [string, string, RequestInit?][] = [
  ["a NUL in a path parameter", "/api/users/%00"],
  ["a NUL in a query string", "/api/stats?org=%00"],
  ["a NUL in a list filter", "/api/webhooks/deliveries?event=%00"],
  ["a NUL in a JSON body", "/api/users", { method: "POST", body: JSON.stringify({ login: "a\u0000b" }) }],
  ["a cursor beyond any id", "/api/sync/jobs?cursor=99999999999999999999"],
  ["a window ending in year 0", "/api/metrics/users/alice?to=0000-01-01"],
  ["a window ending in year 9999", "/api/metrics/users/alice?to=9999-12-31T23:59:59Z"],
  ["a window of half a century", "/api/metrics/users/alice?from=1970-01-01&to=2026-01-01"],
  [
    "a goal target beyond an integer",
    "/api/goals",
    {
      method: "POST",
      body: JSON.stringify({ user: "alice", metric: "commits", window: "weekly", target: 9999999999999 }),
    },
  ],
];

describe("hostile input", () => {
  it.for(refused)("refuses %s with a 400 and a reason", async ([, path, init], { task }) => {
    const started = Date.now();
    const answer = await server.api(path, init);
    recordFault(task, {
      family: "hostile input",
      cases: [25, 26],
      injected: 1,
      lost: 0,
      differing: 0,
      crashes: 0,
      serverErrors: answer.status >= 500 ? 1 : 0,
    });
    expect(answer.status).toBe(400);
    const body = (await answer.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toMatch(/^invalid_/);
    expect(body.error.message.length).toBeGreaterThan(10);
    // Refused at the edge, before any work: not after minutes of computing a report.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("closes a connection whose headers do not arrive within 10 s (a slow sender)", async () => {
    const { port } = new URL(server.url);
    const socket = net.connect(Number(port), "127.0.0.1");
    const started = Date.now();
    socket.write("POST /webhooks/github HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
    let answer = "";
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString()));
    await new Promise<void>((resolve) => socket.on("close", () => resolve()));
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  }, 20_000);

  it("still serves the same routes with good input", async () => {
    expect((await server.api("/api/metrics/users/alice?from=2026-01-01&to=2026-02-01")).status).toBe(200);
    expect((await server.api("/api/webhooks/deliveries?event=push")).status).toBe(200);
  });
});
