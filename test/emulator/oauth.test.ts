/**
 * The emulator's OAuth web flow, as GitHub documents it: authorize redirects back with the code and
 * the state, the code is traded once (and not after 10 minutes) for a token that authenticates as
 * the chosen person, errors are GitHub's 200s with `error`, in JSON or form encoding by `Accept`;
 * GET /user with that token validates against GitHub's OpenAPI description, and a person outside
 * the organization does not see its private repository.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { get } from "./helpers.js";
import { loadValidators } from "./openapi-schema.js";

const CLIENT = { client_id: "client-1", client_secret: "secret-1" };
const CALLBACK = "http://127.0.0.1:9/api/auth/github/callback";
let emu: RunningEmulator;
let wallMs = Date.parse("2026-11-01T12:00:00Z");

beforeAll(async () => {
  emu = await startEmulator({
    port: 0,
    seed: 3,
    repos: 2,
    scale: "tiny",
    now: new Date(wallMs),
    clock: () => wallMs,
    oauth: { clientId: CLIENT.client_id, clientSecret: CLIENT.client_secret, callbackUrl: CALLBACK },
  });
});
afterAll(() => emu.close());

async function authorize(params: Record<string, string>): Promise<Response> {
  const query = new URLSearchParams({ client_id: CLIENT.client_id, redirect_uri: CALLBACK, ...params });
  return fetch(`${emu.url}/login/oauth/authorize?${query}`, { redirect: "manual" });
}

async function codeFor(login?: string): Promise<string> {
  const response = await authorize({ state: "s1", ...(login ? { login } : {}) });
  expect(response.status).toBe(302);
  const back = new URL(response.headers.get("location") ?? "");
  expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
  expect(back.searchParams.get("state")).toBe("s1");
  return back.searchParams.get("code") ?? "";
}

async function exchange(fields: Record<string, string>, accept = "application/json") {
  const response = await fetch(`${emu.url}/login/oauth/access_token`, {
    method: "POST",
    headers: { accept, "content-type": "application/json" },
    body: JSON.stringify({ ...CLIENT, redirect_uri: CALLBACK, ...fields }),
  });
  return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
}

describe("emulator OAuth web flow", () => {
  it("signs in as the person named by login; the token's GET /user is theirs and validates", async () => {
    const outsider = emu.admin.people().find((a) => !a.member);
    expect(outsider).toBeDefined();
    const code = await codeFor(outsider?.login);
    const answer = await exchange({ code });
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.text) as { access_token: string; token_type: string; scope: string };
    expect(body.access_token).toMatch(/^gho_[A-Za-z0-9]{36}$/);
    expect(body.token_type).toBe("bearer");
    const user = await get(emu.url, "/user", { token: body.access_token });
    expect(user.status).toBe(200);
    expect((user.body as { login: string }).login).toBe(outsider?.login);
    const validate = loadValidators().validator("users/get-authenticated", 200);
    expect(validate(user.body), JSON.stringify(validate.errors)).toBe(true);
  });

  it("a code works once; a reused, unknown or expired code is bad_verification_code", async () => {
    const code = await codeFor();
    expect(JSON.parse((await exchange({ code })).text)).toHaveProperty("access_token");
    const again = JSON.parse((await exchange({ code })).text) as { error: string };
    expect(again.error).toBe("bad_verification_code");
    expect(JSON.parse((await exchange({ code: "nope" })).text)).toMatchObject({
      error: "bad_verification_code",
    });
    const late = await codeFor();
    wallMs += 10 * 60_000 + 1_000;
    expect(JSON.parse((await exchange({ code: late })).text)).toMatchObject({
      error: "bad_verification_code",
      error_description: "The code passed is incorrect or expired.",
    });
  });

  it("answers form encoding without Accept: application/json, and GitHub's other errors", async () => {
    const form = await exchange({ code: await codeFor() }, "*/*");
    expect(form.type).toContain("application/x-www-form-urlencoded");
    expect(new URLSearchParams(form.text).get("access_token")).toMatch(/^gho_/);
    const secret = await exchange({ code: await codeFor(), client_secret: "wrong" });
    expect(JSON.parse(secret.text)).toMatchObject({ error: "incorrect_client_credentials" });
    const elsewhere = await exchange({ code: await codeFor(), redirect_uri: `${CALLBACK}/other` });
    expect(JSON.parse(elsewhere.text)).toMatchObject({ error: "redirect_uri_mismatch" });
    const away = await authorize({ redirect_uri: "http://elsewhere.invalid/cb", state: "s2" });
    const back = new URL(away.headers.get("location") ?? "");
    expect(back.searchParams.get("error")).toBe("redirect_uri_mismatch");
    expect(back.searchParams.get("state")).toBe("s2");
    expect((await authorize({ client_id: "unknown" })).status).toBe(404);
  });

  it("the private repository answers a member's token and 404 to an outside contributor's", async () => {
    const privateRepo = emu.admin.repositories().find((repo) => repo.private);
    expect(privateRepo).toBeDefined();
    const path = `/repos/${privateRepo?.full_name}`;
    const outsider = emu.admin.people().find((a) => !a.member);
    const member = emu.admin.people().find((a) => a.member);
    const tokenOf = async (login: string | undefined) =>
      (JSON.parse((await exchange({ code: await codeFor(login) })).text) as { access_token: string })
        .access_token;
    expect((await get(emu.url, path, { token: await tokenOf(member?.login) })).status).toBe(200);
    expect((await get(emu.url, path, { token: await tokenOf(outsider?.login) })).status).toBe(404);
  });
});
