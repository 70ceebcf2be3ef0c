/**
 * The dashboard's session on both databases: sign-in with an API token sets an httpOnly,
 * SameSite=Strict cookie; cookie-authenticated writes need the CSRF token (Bearer ones do not);
 * the login page's session check never answers 401; sign-out and expiry end the session; the
 * pages are served with an SPA fallback that leaves API 404s alone.
 */
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../src/store/api-tokens.js";
import { sessions } from "../../src/store/schema.js";
import { API_TOKEN, startTestServer, type TestServer } from "../helpers/server-harness.js";

describe("dashboard sessions", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ GITHUB_WEBHOOK_SECRET: "session-test-secret" });
  });
  afterAll(async () => {
    await server?.close();
  });

  const signIn = async (token: string) => {
    const response = await fetch(`${server.url}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token }),
    });
    const cookie = response.headers.get("set-cookie") ?? "";
    const body = (await response.json()) as { csrf_token?: string };
    return { response, cookie: cookie.split(";")[0] ?? "", setCookie: cookie, csrf: body.csrf_token ?? "" };
  };
  const withCookie = (cookie: string, path: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, {
      ...init,
      headers: { cookie, ...(init.body ? { "content-type": "application/json" } : {}), ...init.headers },
    });

  it("answers the session check with 200 before sign-in, and refuses a wrong token", async () => {
    const check = await fetch(`${server.url}/api/session`);
    expect(check.status).toBe(200);
    expect(await check.json()).toEqual({ authenticated: false, github_sign_in: false });
    const wrong = await signIn("not-a-token");
    expect(wrong.response.status).toBe(401);
    expect(wrong.setCookie).toBe("");
  });

  it("signs in with GHSYNC_API_TOKEN or a stored token; the cookie is httpOnly and SameSite=Strict", async () => {
    const stored = await createApiToken(server.database.db, "browser");
    const cookies: string[] = [];
    for (const token of [API_TOKEN, stored.token]) {
      const session = await signIn(token);
      expect(session.response.status).toBe(201);
      expect(session.setCookie).toMatch(
        /^ghsync_session=[A-Za-z0-9_-]{40,}; Path=\/; Max-Age=43200; HttpOnly; SameSite=Strict$/,
      );
      expect(session.setCookie).not.toContain(token);
      const check = await withCookie(session.cookie, "/api/session");
      expect(await check.json()).toMatchObject({ authenticated: true, csrf_token: session.csrf });
      expect((await withCookie(session.cookie, "/api/repos")).status).toBe(200);
      cookies.push(session.cookie.slice("ghsync_session=".length));
    }
    // Only the id's hash is stored.
    const hashes = (await server.database.db.select().from(sessions)).map((row) => row.idHash);
    for (const secret of cookies) {
      expect(hashes).not.toContain(secret);
      expect(hashes).toContain(createHash("sha256").update(secret).digest("hex"));
    }
  });

  it("needs the CSRF token on cookie-authenticated writes, not on Bearer ones; 401 still comes first", async () => {
    const session = await signIn(API_TOKEN);
    const track = { method: "POST", body: JSON.stringify({ full_name: "no-slash" }) };
    const withoutCsrf = await withCookie(session.cookie, "/api/repos", track);
    expect(withoutCsrf.status).toBe(403);
    expect(await withoutCsrf.json()).toMatchObject({ error: { code: "csrf_failed" } });
    const wrongCsrf = await withCookie(session.cookie, "/api/repos", {
      ...track,
      headers: { "x-csrf-token": "forged" },
    });
    expect(wrongCsrf.status).toBe(403);
    const withCsrf = await withCookie(session.cookie, "/api/repos", {
      ...track,
      headers: { "x-csrf-token": session.csrf },
    });
    expect(withCsrf.status).toBe(400); // past auth and CSRF: the body is looked at now
    const bearer = await server.api("/api/repos", track);
    expect(bearer.status).toBe(400);
    const anonymous = await fetch(`${server.url}/api/repos`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(anonymous.status).toBe(401);
  });

  it("ends the session on sign-out and at expiry", async () => {
    const session = await signIn(API_TOKEN);
    const out = await withCookie(session.cookie, "/api/session", {
      method: "DELETE",
      headers: { "x-csrf-token": session.csrf },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(
      /^ghsync_session=; Path=\/; Max-Age=0; HttpOnly; SameSite=Strict/,
    );
    expect(await (await withCookie(session.cookie, "/api/session")).json()).toEqual({
      authenticated: false,
      github_sign_in: false,
    });
    const gone = await withCookie(session.cookie, "/api/repos");
    expect(gone.status).toBe(401);
    expect(await gone.json()).toMatchObject({ error: { message: expect.stringMatching(/sign in again/) } });

    const expiring = await signIn(API_TOKEN);
    await server.database.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1_000) })
      .where(eq(sessions.csrfToken, expiring.csrf));
    expect((await withCookie(expiring.cookie, "/api/repos")).status).toBe(401);
  });

  it("serves the pages at any client path, keeps JSON 404s for the API, and tells the webhook URL", async () => {
    for (const path of ["/", "/sync", "/webhooks"]) {
      const page = await fetch(`${server.url}${path}`);
      expect(page.status, path).toBe(200);
      expect(page.headers.get("content-type")).toMatch(/^text\/html/);
      expect(page.headers.get("content-security-policy")).toMatch(/default-src 'self'/);
      expect(await page.text()).toContain('<div id="app">');
    }
    const missing = await server.api("/api/nothing-here");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: "not_found" } });
    const setup = (await (await server.api("/api/webhooks/setup")).json()) as Record<string, unknown>;
    expect(setup).toMatchObject({
      url: `${server.url}/webhooks/github`,
      configured: true,
      secret_fingerprints: [createHash("sha256").update("session-test-secret").digest("hex").slice(0, 8)],
    });
    expect(JSON.stringify(setup)).not.toContain("session-test-secret");
  });
});
