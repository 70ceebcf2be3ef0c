/** Guessing tokens is bounded (issue 20, finding 6: 300 wrong tokens in 0.3 s met no limit). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_TOKEN, startTestServer, type TestServer } from "../helpers/server-harness.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({});
});
afterAll(() => server?.close());

const withToken = (token: string) =>
  fetch(`${server.url}/api/repos`, { headers: { authorization: `Bearer ${token}` } });

describe("failed token checks", () => {
  it("answer 429 with Retry-After after 20 from one address, for Bearer and the sign-in form alike", async () => {
    for (let i = 0; i < 20; i++) expect((await withToken(`guess-${i}`)).status).toBe(401);
    const limited = await withToken("guess-20");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: { code: "rate_limited" } });
    // Even the right token waits: a guesser must not learn between guesses.
    expect((await withToken(API_TOKEN)).status).toBe(429);
    const signIn = await fetch(`${server.url}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: API_TOKEN }),
    });
    expect(signIn.status).toBe(429);
    // What needs no token still answers.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    // Not trusting proxies, a forwarded address is not believed: still the same client.
    const forwarded = await fetch(`${server.url}/api/repos`, {
      headers: { authorization: `Bearer ${API_TOKEN}`, "x-forwarded-for": "203.0.113.9" },
    });
    expect(forwarded.status).toBe(429);
  });

  it("counts per forwarded client behind a trusted proxy", async () => {
    const proxied = await startTestServer({ GHSYNC_TRUST_PROXY: "127.0.0.1" });
    try {
      const from = (client: string, token: string) =>
        fetch(`${proxied.url}/api/repos`, {
          headers: { authorization: `Bearer ${token}`, "x-forwarded-for": client },
        });
      for (let i = 0; i < 20; i++) expect((await from("203.0.113.9", `guess-${i}`)).status).toBe(401);
      expect((await from("203.0.113.9", API_TOKEN)).status).toBe(429);
      expect((await from("198.51.100.7", API_TOKEN)).status).toBe(200);
    } finally {
      await proxied.close();
    }
  });
});
