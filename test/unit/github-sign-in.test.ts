/**
 * The pure parts of "Sign in with GitHub": where GitHub's sign-in pages are for an API base URL
 * (github.com, GitHub Enterprise Server, the emulator), the consent address, who becomes admin,
 * and the settings that turn it on.
 */
import { describe, expect, it } from "vitest";
import { mayJoin, roleAtSignIn } from "../../src/app/sign-in.js";
import { loadSettings } from "../../src/config/settings.js";
import { authorizeUrl, oauthWebUrl } from "../../src/github/oauth.js";
import { stateCookie } from "../../src/api/session-cookie.js";

describe("oauthWebUrl", () => {
  it("follows GITHUB_API_URL: github.com, an Enterprise server beside /api/v3, the emulator itself", () => {
    expect(oauthWebUrl("https://api.github.com")).toBe("https://github.com");
    expect(oauthWebUrl("https://ghe.example.com/api/v3")).toBe("https://ghe.example.com");
    expect(oauthWebUrl("https://ghe.example.com/api/v3/")).toBe("https://ghe.example.com");
    expect(oauthWebUrl("https://proxy.example.com/github/api/v3")).toBe("https://proxy.example.com/github");
    expect(oauthWebUrl("http://127.0.0.1:3901")).toBe("http://127.0.0.1:3901");
  });

  it("builds the consent address with the state, the callback and the scopes", () => {
    const url = new URL(
      authorizeUrl({
        webUrl: "https://github.com",
        clientId: "abc",
        redirectUri: "https://x.test/cb",
        state: "s t",
      }),
    );
    expect(url.origin + url.pathname).toBe("https://github.com/login/oauth/authorize");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: "abc",
      redirect_uri: "https://x.test/cb",
      state: "s t",
      scope: "read:user repo",
    });
  });
});

describe("roleAtSignIn", () => {
  const base = { login: "Octo", current: null, adminExists: false } as const;

  it("with GHSYNC_ADMINS, is admin exactly for the logins listed (any case), whatever came before", () => {
    expect(roleAtSignIn({ ...base, admins: ["octo"] })).toBe("admin");
    expect(roleAtSignIn({ ...base, admins: ["someone"], current: "admin" })).toBe("member");
    expect(roleAtSignIn({ ...base, admins: ["octo"], current: "member", adminExists: true })).toBe("admin");
  });

  it("without it, the first person to sign in is admin, later ones members, and roles stay", () => {
    expect(roleAtSignIn({ ...base, admins: [] })).toBe("admin");
    expect(roleAtSignIn({ ...base, admins: [], adminExists: true })).toBe("member");
    expect(roleAtSignIn({ ...base, admins: [], adminExists: true, current: "admin" })).toBe("admin");
    expect(roleAtSignIn({ ...base, admins: [], current: "member" })).toBe("member");
  });
});

describe("mayJoin", () => {
  it("lets a stranger in only with sign-up on, a listed admin, or as the very first (the admin)", () => {
    const closed = { signup: false, admins: [] };
    expect(mayJoin(closed, "anyone", false)).toBe(true);
    expect(mayJoin(closed, "anyone", true)).toBe(false);
    expect(mayJoin({ signup: false, admins: ["Alice"] }, "alice", true)).toBe(true);
    expect(mayJoin({ signup: false, admins: ["alice"] }, "mallory", false)).toBe(false);
    expect(mayJoin({ signup: true, admins: ["alice"] }, "mallory", true)).toBe(true);
  });
});

describe("sign-in settings and cookie", () => {
  it("needs both OAuth settings, lists admins, allows sign-up only when turned on", () => {
    expect(loadSettings({}).oauth).toBeUndefined();
    expect(loadSettings({}).oauthSignup).toBe(false);
    expect(loadSettings({ GHSYNC_OAUTH_SIGNUP: "true" }).oauthSignup).toBe(true);
    const on = loadSettings({
      GITHUB_OAUTH_CLIENT_ID: "id",
      GITHUB_OAUTH_CLIENT_SECRET: "secret",
      GHSYNC_ADMINS: "alice, bob",
      GHSYNC_OAUTH_SIGNUP: "false",
    });
    expect(on).toMatchObject({
      oauth: { clientId: "id", clientSecret: "secret" },
      admins: ["alice", "bob"],
      oauthSignup: false,
    });
    expect(() => loadSettings({ GITHUB_OAUTH_CLIENT_ID: "id" })).toThrow(/GITHUB_OAUTH_CLIENT_SECRET/);
  });

  it("keeps the state cookie to the sign-in routes, httpOnly, and Lax so GitHub's redirect back carries it", () => {
    expect(stateCookie("abc", { maxAgeS: 600, secure: true })).toBe(
      "ghsync_oauth_state=abc; Path=/api/auth/github; Max-Age=600; HttpOnly; SameSite=Lax; Secure",
    );
  });
});
