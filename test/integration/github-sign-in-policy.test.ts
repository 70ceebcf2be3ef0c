/**
 * The sign-in policy settings through the real server and the emulator: with GHSYNC_ADMINS the
 * listed login is the admin even when someone else signs in first; with GHSYNC_OAUTH_SIGNUP=false
 * only people an admin has linked get in (matched by their GitHub account, whatever their ghsync
 * login), and a stranger gets no session and no person record.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { startTestServer, type TestServer } from "../helpers/server-harness.js";

let emu: RunningEmulator;
let server: TestServer;
let members: { login: string }[];

beforeAll(async () => {
  emu = await startEmulator({ port: 0, seed: 8, repos: 1, scale: "tiny" });
  members = emu.admin.people().filter((p) => p.member);
  server = await startTestServer({
    GITHUB_API_URL: emu.url,
    GITHUB_OAUTH_CLIENT_ID: "ghsync-emulator-client",
    GITHUB_OAUTH_CLIENT_SECRET: "ghsync-emulator-secret",
    GHSYNC_ADMINS: members[1]?.login ?? "",
    GHSYNC_OAUTH_SIGNUP: "false",
  });
}, 60_000);
afterAll(async () => {
  await server?.close();
  await emu?.close();
});

/** The whole browser round trip as `login`: the session's view, or the error it landed with. */
async function signInAs(login: string): Promise<{ login?: string; role?: string; error?: string }> {
  const start = await fetch(`${server.url}/api/auth/github`, { redirect: "manual" });
  const cookie = (start.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const authorize = new URL(start.headers.get("location") ?? "");
  authorize.searchParams.set("login", login);
  const back = await fetch(authorize, { redirect: "manual" });
  const done = await fetch(back.headers.get("location") ?? "", { headers: { cookie }, redirect: "manual" });
  const location = done.headers.get("location") ?? "";
  const session = done.headers.getSetCookie().find((c) => c.startsWith("ghsync_session="));
  if (!session) return { error: new URL(location, server.url).searchParams.get("sign_in_error") ?? location };
  const view = await fetch(`${server.url}/api/session`, { headers: { cookie: session.split(";")[0] ?? "" } });
  return (await view.json()) as { login: string; role: string };
}

describe("sign-in policy settings", () => {
  it("lets in only linked people when sign-up is off, and GHSYNC_ADMINS decides who is admin", async () => {
    const [first, second, third] = members;
    // Linked by an admin under ghsync logins of their own.
    for (const [person, account] of [
      ["first-person", first],
      ["second-person", second],
    ] as const) {
      expect(
        (await server.api("/api/users", { method: "POST", body: JSON.stringify({ login: person }) })).status,
      ).toBe(201);
      const link = await server.api(`/api/users/${person}/accounts`, {
        method: "POST",
        body: JSON.stringify({ login: account?.login }),
      });
      expect(link.status).toBeLessThan(300);
    }
    // The first to sign in is not listed in GHSYNC_ADMINS: a member.
    expect(await signInAs(first?.login ?? "")).toMatchObject({ login: "first-person", role: "member" });
    expect(await signInAs(second?.login ?? "")).toMatchObject({ login: "second-person", role: "admin" });
    const stranger = await signInAs(third?.login ?? "");
    expect(stranger.error).toContain("GHSYNC_OAUTH_SIGNUP");
    expect((await server.api(`/api/users/${third?.login}`)).status).toBe(404);
  });
});
