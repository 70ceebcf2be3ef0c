/**
 * People, goals and API tokens give the same result through the CLI and the API (app/people.ts,
 * app/goals.ts, app/api-tokens.ts): what one side refuses the other refuses with the same message
 * (the CLI used to take any email, GitHub login or empty goal title the API refused), what one
 * side writes the other reads identically, and a token made or revoked on one side is valid or
 * dead on the other. Both sides share one database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { startServerForCli, type TestServer } from "../helpers/server-harness.js";

describe("people, goals and tokens through the CLI and the API", () => {
  let server: TestServer;
  let env: NodeJS.ProcessEnv;
  let close: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    const shared = await startServerForCli();
    ({ server, close } = shared);
    env = { DATABASE_URL: shared.databaseUrl };
  });
  afterAll(() => close());

  const send = (method: string, path: string, body?: unknown) =>
    server.api(path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const cliJson = async (args: string[]) => {
    const result = await runCli([...args, "--json"], env);
    expect(result.stderr).toBe("");
    return JSON.parse(result.stdout) as Record<string, unknown>;
  };
  /** The CLI's one line and the API's error message for the same mistake. */
  const refusals = async (args: string[], method: string, path: string, body?: unknown) => {
    const cli = await runCli(args, env);
    const api = await send(method, path, body);
    const error = ((await api.json()) as { error: { message: string } }).error;
    return { cli: [cli.code, cli.stderr], api: [api.status, error.message] };
  };

  it("refuses the same input on both sides, with the same message", async () => {
    expect(await cliJson(["users", "add", "ada"])).toMatchObject({ login: "ada" });
    expect(
      await refusals(["users", "add", "bo", "--email", "bo-at-home"], "POST", "/api/users", {
        login: "bo",
        email: "bo-at-home",
      }),
    ).toEqual({
      cli: [1, "ghsync: email: Invalid email address\n"],
      api: [400, "email: Invalid email address"],
    });
    expect(
      await refusals(["users", "set", "ada", "--commit-email", "ada"], "PATCH", "/api/users/ada", {
        commit_emails: ["ada"],
      }),
    ).toEqual({
      cli: [1, "ghsync: commit_emails.0: Invalid email address\n"],
      api: [400, "commit_emails.0: Invalid email address"],
    });
    expect(
      await refusals(["users", "link", "ada", "octo cat"], "POST", "/api/users/ada/accounts", {
        login: "octo cat",
      }),
    ).toEqual({
      cli: [1, "ghsync: login: must be a GitHub login\n"],
      api: [400, "login: must be a GitHub login"],
    });
    const goal = await cliJson(["goals", "add", "--user", "ada", "--metric", "commits", "--target", "3"]);
    expect(
      await refusals(["goals", "set", String(goal.id), "--title", ""], "PATCH", `/api/goals/${goal.id}`, {
        title: "",
      }),
    ).toEqual({
      cli: [1, "ghsync: title: Too small: expected string to have >=1 characters\n"],
      api: [400, "title: Too small: expected string to have >=1 characters"],
    });
    const unknown = await refusals(["users", "show", "nobody"], "GET", "/api/users/nobody");
    expect(unknown).toEqual({
      cli: [1, "ghsync: no user nobody; add it first (ghsync users add, or POST /api/users)\n"],
      api: [404, "no user nobody; add it first (ghsync users add, or POST /api/users)"],
    });
    // Nothing was written by a refused request.
    expect((await send("GET", "/api/users/bo")).status).toBe(404);
    expect(await cliJson(["users", "show", "ada"])).toMatchObject({ commit_emails: [], accounts: [] });
  }, 120_000);

  it("shows what one side wrote identically on the other; the CLI changes a person as PATCH does", async () => {
    const added = await cliJson([
      "users",
      "add",
      "cy",
      "--email",
      "cy@example.com",
      "--notify-sync",
      "--public",
    ]);
    expect(added).toMatchObject({ login: "cy", email: "cy@example.com", notify_sync: true, public: true });
    const changed = await cliJson(["users", "set", "cy", "--no-notify-sync", "--timezone", "Europe/Paris"]);
    expect(changed).toMatchObject({
      notify_sync: false,
      timezone: "Europe/Paris",
      public: true,
      email: "cy@example.com",
    });
    expect(await (await send("GET", "/api/users/cy")).json()).toEqual(changed);

    const created = await send("POST", "/api/goals", {
      user: "cy",
      metric: "manual",
      window: "monthly",
      target: 5,
    });
    const viaApi = (await created.json()) as { id: number };
    expect(await cliJson(["goals", "show", String(viaApi.id)])).toEqual({ ...viaApi, history: [] });
    const list = await cliJson(["goals", "list", "--user", "cy"]);
    expect(list).toEqual(await (await send("GET", "/api/goals?user=cy")).json());
  }, 120_000);

  it("creates, lists and revokes API tokens on either side, valid or dead on both", async () => {
    const fromCli = await cliJson(["token", "create", "--name", "ci"]);
    const created = await send("POST", "/api/tokens", { name: "dashboard" });
    expect(created.status).toBe(201);
    const fromApi = (await created.json()) as { id: number; name: string; token: string };
    expect(fromApi).toMatchObject({ name: "dashboard", token: expect.stringMatching(/^ghs_[\w-]{43}$/) });
    const usable = (token: unknown) =>
      fetch(`${server.url}/api/users`, { headers: { authorization: `Bearer ${String(token)}` } }).then(
        (r) => r.status,
      );
    expect([await usable(fromCli.token), await usable(fromApi.token)]).toEqual([200, 200]);

    const listed = await cliJson(["token", "list"]);
    expect(listed).toEqual(await (await send("GET", "/api/tokens")).json());
    expect((listed.items as { name: string }[]).map((t) => t.name)).toEqual(["ci", "dashboard"]);
    expect(JSON.stringify(listed)).not.toContain("ghs_");

    // A dashboard session signed in with a token ends with it.
    const login = await fetch(`${server.url}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: fromApi.token }),
    });
    const cookie = login.headers.get("set-cookie")?.split(";")[0] ?? "";
    const session = async () =>
      (
        (await (await fetch(`${server.url}/api/session`, { headers: { cookie } })).json()) as {
          authenticated: boolean;
        }
      ).authenticated;
    expect(await session()).toBe(true);

    expect((await runCli(["token", "revoke", String(fromApi.id)], env)).stdout).toBe(
      `revoked API token #${fromApi.id} (its dashboard sessions ended)\n`,
    );
    expect((await send("DELETE", `/api/tokens/${String(fromCli.id)}`)).status).toBe(204);
    expect([await usable(fromCli.token), await usable(fromApi.token), await session()]).toEqual([
      401,
      401,
      false,
    ]);
    expect(await refusals(["token", "revoke", "9999"], "DELETE", "/api/tokens/9999")).toEqual({
      cli: [1, "ghsync: no API token 9999 (`ghsync token list` shows their ids)\n"],
      api: [404, "no API token 9999 (`ghsync token list` shows their ids)"],
    });
    expect(await refusals(["token", "create", "--name", " "], "POST", "/api/tokens", { name: " " })).toEqual({
      cli: [1, "ghsync: name: Too small: expected string to have >=1 characters\n"],
      api: [400, "name: Too small: expected string to have >=1 characters"],
    });
  }, 120_000);
});
