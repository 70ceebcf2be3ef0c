/**
 * "Sign in with GitHub" through the real server and the emulator's OAuth web flow: the first
 * person becomes the admin, the next a member; a callback whose state is not the one the browser
 * was given, or whose code was used already, starts no session; members get 403 on admin writes
 * (their own API tokens too) while admins and GHSYNC_API_TOKEN write, and change what is theirs
 * (goals, details, targets) but not another's; a private repository is shown to a member only
 * when their own GitHub token reads it, and left out of everything else they see; a person links
 * another GitHub account by signing in to GitHub with it; failed sign-ins are rate-limited.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { sql } from "drizzle-orm";
import { queryRows } from "../../src/store/raw-query.js";
import { startTestServer, trackInFull, type TestServer } from "../helpers/server-harness.js";
import { SECRET_KEY } from "../helpers/notify-harness.js";
import { openSse } from "../helpers/sse.js";

const OAUTH = { clientId: "sign-in-client", clientSecret: "sign-in-secret" };

let emu: RunningEmulator;
let server: TestServer;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, seed: 5, repos: 2, scale: "tiny", oauth: OAUTH });
  server = await startTestServer({
    GITHUB_API_URL: emu.url,
    GITHUB_TOKEN: "sync-token",
    GITHUB_OAUTH_CLIENT_ID: OAUTH.clientId,
    GITHUB_OAUTH_CLIENT_SECRET: OAUTH.clientSecret,
    // Strangers join as members here (off by default).
    GHSYNC_OAUTH_SIGNUP: "true",
    // People's GitHub tokens and targets sealed at rest, as in production.
    GHSYNC_SECRET_KEY: SECRET_KEY,
  });
  await trackInFull(server, ["acme/web", "acme/api"]);
}, 120_000);
afterAll(async () => {
  await server?.close();
  await emu?.close();
});

interface Callback {
  url: string;
  stateCookie: string;
}

/** Starts a sign-in on the server and consents on the emulator as `login`: the callback to call. */
async function consent(login: string): Promise<Callback> {
  const start = await fetch(`${server.url}/api/auth/github`, { redirect: "manual" });
  expect(start.status).toBe(302);
  const stateCookie = (start.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  expect(stateCookie).toMatch(/^ghsync_oauth_state=[A-Za-z0-9_-]{20,}$/);
  const authorize = new URL(start.headers.get("location") ?? "");
  expect(`${authorize.origin}${authorize.pathname}`).toBe(`${emu.url}/login/oauth/authorize`);
  authorize.searchParams.set("login", login);
  const back = await fetch(authorize, { redirect: "manual" });
  expect(back.status).toBe(302);
  return { url: back.headers.get("location") ?? "", stateCookie };
}

async function callback(call: Callback, cookie = call.stateCookie) {
  const response = await fetch(call.url, { headers: { cookie }, redirect: "manual" });
  const cookies = response.headers.getSetCookie();
  const session = cookies.find((c) => c.startsWith("ghsync_session="))?.split(";")[0];
  return { status: response.status, location: response.headers.get("location") ?? "", session };
}

interface Signed {
  cookie: string;
  csrf: string;
  login: string;
  role: string;
}

async function signIn(login: string): Promise<Signed> {
  const done = await callback(await consent(login));
  expect(done.status).toBe(303);
  expect(done.location).toBe("/");
  expect(done.session).toBeDefined();
  const cookie = done.session ?? "";
  const view = (await (await fetch(`${server.url}/api/session`, { headers: { cookie } })).json()) as {
    csrf_token: string;
    login: string;
    role: string;
  };
  return { cookie, csrf: view.csrf_token, login: view.login, role: view.role };
}

const as = (who: Signed, path: string, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, {
    ...init,
    headers: {
      cookie: who.cookie,
      "x-csrf-token": who.csrf,
      ...(init.body ? { "content-type": "application/json" } : {}),
    },
  });

const json = async <T>(who: Signed, path: string) => (await (await as(who, path)).json()) as T;

const people = () => emu.admin.people();

describe("Sign in with GitHub", () => {
  let admin: Signed;
  let member: Signed;
  let outsider: Signed;

  it("offers itself on the login page, and signs the first person in as admin, the next as member", async () => {
    const check = await (await fetch(`${server.url}/api/session`)).json();
    expect(check).toEqual({ authenticated: false, github_sign_in: true });
    const [first, second] = people().filter((p) => p.member);
    admin = await signIn(first?.login ?? "");
    expect(admin).toMatchObject({ login: first?.login, role: "admin" });
    member = await signIn(second?.login ?? "");
    expect(member).toMatchObject({ login: second?.login, role: "member" });
    // The person record exists, linked to the GitHub account by id.
    const person = (await (await server.api(`/api/users/${second?.login}`)).json()) as {
      accounts: { login: string; account_id: number | null }[];
    };
    expect(person.accounts).toEqual([{ login: second?.login, account_id: second?.id }]);
    // Signing in again keeps the same person and role.
    expect(await signIn(first?.login ?? "")).toMatchObject({ role: "admin" });
  });

  it("refuses a callback whose state is not the browser's, and a code used twice", async () => {
    const login = people()[0]?.login ?? "";
    const call = await consent(login);
    const forged = await callback(call, "ghsync_oauth_state=someone-elses-state");
    expect(forged.status).toBe(303);
    expect(forged.location).toMatch(/^\/\?sign_in_error=/);
    expect(forged.session).toBeUndefined();
    const missing = await callback(call, "");
    expect(missing.session).toBeUndefined();

    const good = await consent(login);
    expect((await callback(good)).session).toBeDefined();
    // The same code again, with a fresh state of this browser: GitHub says bad_verification_code.
    const fresh = await consent(login);
    const replay = new URL(good.url);
    replay.searchParams.set("state", new URL(fresh.url).searchParams.get("state") ?? "");
    const again = await callback({ url: replay.toString(), stateCookie: fresh.stateCookie });
    expect(again.session).toBeUndefined();
    expect(decodeURIComponent(again.location)).toContain("bad_verification_code");
  });

  it("gives members 403 on admin writes, their own tokens too; admins and GHSYNC_API_TOKEN write", async () => {
    const track = { method: "POST", body: JSON.stringify({ full_name: "acme/web" }) };
    const refused = await as(member, "/api/repos", track);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    expect((await as(admin, "/api/repos", track)).status).toBe(202);
    expect((await server.api("/api/repos", track)).status).toBe(202);

    const created = await as(member, "/api/tokens", {
      method: "POST",
      body: JSON.stringify({ name: "mine" }),
    });
    expect(created.status).toBe(201);
    const { token } = (await created.json()) as { token: string };
    const bearer = (path: string, init: RequestInit = {}) =>
      fetch(`${server.url}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      });
    expect((await bearer("/api/repos", track)).status).toBe(403);
    expect((await bearer("/api/repos")).status).toBe(200);
    // A member lists only their own tokens; an admin sees whose each is.
    const mine = (await (await as(member, "/api/tokens")).json()) as { items: { user: string | null }[] };
    expect(mine.items.map((t) => t.user)).toEqual([member.login]);
    // Members read their own notifications, not another person's.
    expect((await as(member, `/api/notifications?user=${member.login}`)).status).toBe(200);
    expect((await as(member, `/api/notifications?user=${admin.login}`)).status).toBe(403);
  });

  it("lets a member set, change and remove their own goals, details and targets, not another's", async () => {
    const goal = (user: string, extra: Record<string, unknown> = {}) => ({
      method: "POST",
      body: JSON.stringify({ user, metric: "commits", window: "weekly", target: 3, ...extra }),
    });
    const created = await as(member, "/api/goals", goal(member.login));
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    expect((await as(member, "/api/goals", goal(admin.login))).status).toBe(403);
    const patch = { method: "PATCH", body: JSON.stringify({ target: 5 }) };
    const changed = await as(member, `/api/goals/${id}`, patch);
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as { target: number }).target).toBe(5);
    const adminsGoal = (await (await as(admin, "/api/goals", goal(admin.login))).json()) as { id: number };
    expect((await as(member, `/api/goals/${adminsGoal.id}`, patch)).status).toBe(403);
    expect((await as(member, `/api/goals/${adminsGoal.id}`, { method: "DELETE" })).status).toBe(403);
    expect((await as(member, `/api/goals/${id}`, { method: "DELETE" })).status).toBe(204);
    expect((await as(admin, `/api/goals/${adminsGoal.id}`, { method: "DELETE" })).status).toBe(204);

    // Their own leaderboard and profile; not freezes or commit emails (what counts as theirs), not another's.
    const change = (who: Signed, login: string, body: Record<string, unknown>) =>
      as(who, `/api/users/${login}`, { method: "PATCH", body: JSON.stringify(body) });
    const listed = await change(member, member.login, {
      public: true,
      leaderboard: true,
      timezone: "Europe/Paris",
    });
    expect(listed.status).toBe(200);
    expect(await listed.json()).toMatchObject({ public: true, leaderboard: true, timezone: "Europe/Paris" });
    for (const body of [{ streak_freezes: 31 }, { commit_emails: ["someone@example.com"] }]) {
      const refused = await change(member, member.login, body);
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
        Object.keys(body)[0],
      );
    }
    expect((await change(member, admin.login, { leaderboard: true })).status).toBe(403);

    // Their own notification targets, not another's.
    const hook = { method: "POST", body: JSON.stringify({ url: "https://hooks.example.com/ghsync" }) };
    const made = await as(member, `/api/users/${member.login}/webhooks`, hook);
    expect(made.status).toBe(201);
    const target = (await made.json()) as { id: number };
    expect((await as(member, `/api/users/${admin.login}/webhooks`, hook)).status).toBe(403);
    expect((await as(member, `/api/users/${admin.login}/webhooks`)).status).toBe(403);
    const own = `/api/users/${member.login}/webhooks/${target.id}`;
    expect((await as(member, `${own}/enable`, { method: "POST" })).status).toBe(200);
    expect((await as(member, own, { method: "DELETE" })).status).toBe(204);
    expect(await json(admin, `/api/users/${member.login}`)).toMatchObject({
      streak_freezes: 0,
      commit_emails: [],
    });
  });

  it("shows a private repository to a member only when their own GitHub token reads it", async () => {
    const stranger = people().find((p) => !p.member);
    outsider = await signIn(stranger?.login ?? "");
    expect(outsider.role).toBe("member");
    const names = async (who: Signed) =>
      ((await (await as(who, "/api/repos")).json()) as { items: { full_name: string }[] }).items
        .map((r) => r.full_name)
        .sort();
    expect(await names(admin)).toEqual(["acme/api", "acme/web"]);
    expect(await names(member)).toEqual(["acme/api", "acme/web"]);
    expect(await names(outsider)).toEqual(["acme/web"]);
    expect((await as(outsider, "/api/metrics/repos/acme/api")).status).toBe(404);
    expect((await as(outsider, "/api/metrics/repos/acme/web")).status).toBe(200);
    expect((await as(member, "/api/metrics/repos/acme/api")).status).toBe(200);

    // Counts and metrics across repositories leave out what the outsider may not see: theirs are
    // those of acme/web alone, as an admin reads them.
    type Stats = { repositories: number; commits: number };
    expect((await json<Stats>(admin, "/api/stats?org=acme")).repositories).toBe(2);
    expect(await json<Stats>(outsider, "/api/stats?org=acme")).toEqual(
      await json<Stats>(admin, "/api/stats?repo=acme/web"),
    );
    expect((await as(outsider, "/api/stats?repo=acme/api")).status).toBe(404);
    type Activity = { weeks: unknown[] };
    // A year, so that both repositories' activity is in it.
    const year = `from=${new Date(Date.now() - 360 * 86_400_000).toISOString().slice(0, 10)}`;
    const webActivity = await json<Activity>(admin, `/api/metrics/activity?repo=acme/web&${year}`);
    expect((await json<Activity>(outsider, `/api/metrics/activity?${year}`)).weeks).toEqual(
      webActivity.weeks,
    );
    expect((await json<Activity>(admin, `/api/metrics/activity?${year}`)).weeks).not.toEqual(
      webActivity.weeks,
    );
    expect((await as(outsider, "/api/metrics/activity?repo=acme/api")).status).toBe(404);
    type Dora = { scope: { repositories: string[] } };
    expect((await json<Dora>(admin, "/api/metrics/dora?org=acme")).scope.repositories).toEqual([
      "acme/api",
      "acme/web",
    ]);
    expect((await json<Dora>(outsider, "/api/metrics/dora?org=acme")).scope.repositories).toEqual([
      "acme/web",
    ]);
    expect((await as(outsider, "/api/metrics/dora?repo=acme/api")).status).toBe(404);
    // A person's rows, listed: the outsider sees those of acme/web only. The person: linked by the
    // admin to an author of pull requests in each repository.
    const taken = new Set([admin.login, member.login, outsider.login]);
    const authorOf = (repo: string) =>
      emu.admin
        .pulls(repo)
        .map((pull) => pull.author_login)
        .find((login) => !taken.has(login) && !login.endsWith("[bot]")) ?? "";
    await as(admin, "/api/users", { method: "POST", body: JSON.stringify({ login: "both-repos" }) });
    for (const repo of ["acme/api", "acme/web"])
      await as(admin, "/api/users/both-repos/accounts", {
        method: "POST",
        body: JSON.stringify({ login: authorOf(repo) }),
      });
    type Rows = { items: { repository: string }[] };
    {
      const list = "pulls";
      const path = `/api/users/both-repos/${list}?limit=500`;
      const everywhere = new Set((await json<Rows>(admin, path)).items.map((row) => row.repository));
      expect(everywhere).toEqual(new Set(["acme/api", "acme/web"]));
      const seen = new Set((await json<Rows>(outsider, path)).items.map((row) => row.repository));
      expect(seen).toEqual(new Set(["acme/web"]));
    }
    expect((await as(outsider, "/api/users/both-repos/pulls?repo=acme/api")).status).toBe(404);
    // Nor can they set a goal on it.
    const goalOn = (repository: string) => ({
      method: "POST",
      body: JSON.stringify({
        user: outsider.login,
        metric: "pull_requests_merged",
        window: "monthly",
        target: 2,
        repository,
      }),
    });
    const hiddenGoal = await as(outsider, "/api/goals", goalOn("acme/api"));
    expect(hiddenGoal.status).toBe(404);
    expect((await as(outsider, "/api/goals", goalOn("acme/web"))).status).toBe(201);
  });

  it("leaves a private repository's jobs, totals, webhook deliveries and live events out of a member's view", async () => {
    type Jobs = { items: { id: number; repository: string | null }[] };
    const jobsOf = async (who: Signed) => (await json<Jobs>(who, "/api/sync/jobs?limit=500")).items;
    const apiJob = (await jobsOf(admin)).find((job) => job.repository === "acme/api");
    expect(apiJob).toBeDefined();
    expect((await jobsOf(outsider)).map((job) => job.repository)).not.toContain("acme/api");
    expect((await jobsOf(outsider)).map((job) => job.repository)).toContain("acme/web");
    expect((await as(outsider, `/api/sync/jobs/${apiJob?.id}`)).status).toBe(404);
    expect((await as(member, `/api/sync/jobs/${apiJob?.id}`)).status).toBe(200);
    // A verification asked for by name names the repository too.
    const verify = await as(admin, "/api/sync/verify", {
      method: "POST",
      body: JSON.stringify({ repositories: ["ACME/api"] }),
    });
    const { job_id: verifyId } = (await verify.json()) as { job_id: number };
    expect((await jobsOf(admin)).map((job) => job.id)).toContain(verifyId);
    expect((await jobsOf(outsider)).map((job) => job.id)).not.toContain(verifyId);
    type JobTotals = { total: number; last_success: { repository: string }[] };
    const totals = await json<JobTotals>(outsider, "/api/sync/stats");
    expect(totals.last_success.map((row) => row.repository)).toEqual(["acme/web"]);
    expect(totals.total).toBe((await jobsOf(outsider)).length);

    const ids = await queryRows<{ id: number; full_name: string }>(
      server.database.db,
      sql`select id, full_name from repositories`,
    );
    for (const repo of ids)
      await server.database.db.execute(
        sql`insert into webhook_deliveries (delivery_id, event, status, signature_ok, repository_id)
            values (${`d-${repo.full_name}`}, 'push', 'processed', true, ${repo.id})`,
      );
    type Deliveries = { items: { delivery_id: string }[] };
    const deliveries = async (who: Signed) =>
      (await json<Deliveries>(who, "/api/webhooks/deliveries")).items.map((d) => d.delivery_id).sort();
    expect(await deliveries(admin)).toEqual(["d-acme/api", "d-acme/web"]);
    expect(await deliveries(outsider)).toEqual(["d-acme/web"]);

    const watching = await openSse(`${server.url}/api/sync/events`, { cookie: outsider.cookie });
    const all = await openSse(`${server.url}/api/sync/events`, { cookie: admin.cookie });
    try {
      // acme/api first: once acme/web's sync ended, the outsider had every event before it.
      for (const repo of ["acme/api", "acme/web"])
        await as(admin, `/api/sync/repos/${repo}`, { method: "POST", body: "{}" });
      const ended = (repo: string) => (event: { event: string; data: Record<string, unknown> }) =>
        event.event === "sync:complete" && event.data.repository === repo;
      await all.until(ended("acme/api"), 60_000);
      await watching.until(ended("acme/web"), 60_000);
      expect(all.events.some((event) => event.data.repository === "acme/api")).toBe(true);
      expect(watching.events.filter((event) => event.data.repository === "acme/api")).toEqual([]);
    } finally {
      watching.close();
      all.close();
    }
  });

  it("lets a person link another GitHub account by signing in to GitHub with it, and unlink it (a member: not the last)", async () => {
    /** Starts linking with `who`'s session, consents as `login`; the callback as a browser sends it. */
    const link = async (who: Signed, login: string) => {
      const start = await fetch(`${server.url}/api/auth/github?link=1`, {
        headers: { cookie: who.cookie },
        redirect: "manual",
      });
      expect(start.status).toBe(302);
      const stateCookie = (start.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      const authorize = new URL(start.headers.get("location") ?? "");
      expect(authorize.searchParams.get("prompt")).toBe("select_account");
      authorize.searchParams.set("login", login);
      const back = await fetch(authorize, { redirect: "manual" });
      // GitHub's redirect back is cross-site: the SameSite=Strict session cookie does not come.
      return callback({ url: back.headers.get("location") ?? "", stateCookie });
    };
    type Person = { accounts: { login: string; account_id: number | null }[] };
    const linked = async (login: string) =>
      (await json<Person>(admin, `/api/users/${login}`)).accounts.map((account) => account.login).sort();
    type People = { items: Person[] };
    const taken = new Set(
      (await json<People>(admin, "/api/users?limit=500")).items.flatMap((p) =>
        p.accounts.map((a) => a.login),
      ),
    );
    const spare = people().find((p) => !taken.has(p.login));
    if (!spare) throw new Error("the world has no GitHub account left to link");

    const done = await link(member, spare.login);
    expect(done.status).toBe(303);
    expect(done.location).toBe(`/people/${member.login}?linked=${spare.login}`);
    expect(done.session).toBeUndefined();
    expect(await linked(member.login)).toEqual([member.login, spare.login].sort());
    const person = await json<Person>(admin, `/api/users/${member.login}`);
    expect(person.accounts.find((a) => a.login === spare.login)?.account_id).toBe(spare.id);
    // Signing in with the new account is signing in as the member.
    expect(await signIn(spare.login)).toMatchObject({ login: member.login, role: "member" });

    // Someone else's account stays theirs; linking needs a session; linking by login stays an admin's.
    const refused = await link(member, admin.login);
    expect(refused.location).toMatch(new RegExp(`^/people/${member.login}\\?link_error=`));
    expect(decodeURIComponent(refused.location)).toContain(`already linked to ${admin.login}`);
    expect(await linked(admin.login)).toContain(admin.login);
    const signedOut = await fetch(`${server.url}/api/auth/github?link=1`, { redirect: "manual" });
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get("location")).toMatch(/^\/\?sign_in_error=/);
    const byLogin = { method: "POST", body: JSON.stringify({ login: "someone-else" }) };
    expect((await as(member, `/api/users/${member.login}/accounts`, byLogin)).status).toBe(403);

    // Unlinking: their own accounts, not another person's, and never their last.
    const unlink = (who: Signed, person: string, account: string) =>
      as(who, `/api/users/${person}/accounts/${account}`, { method: "DELETE" });
    expect((await unlink(member, admin.login, admin.login)).status).toBe(403);
    expect((await unlink(member, member.login, spare.login)).status).toBe(204);
    expect(await linked(member.login)).toEqual([member.login]);
    const last = await unlink(member, member.login, member.login);
    expect(last.status).toBe(409);
    expect(((await last.json()) as { error: { code: string } }).error.code).toBe("last_account");
    expect(await linked(member.login)).toEqual([member.login]);
  });

  it("limits failed sign-ins per address (429 with Retry-After)", async () => {
    const call = await consent(people()[0]?.login ?? "");
    let status = 0;
    for (let i = 0; i < 25 && status !== 429; i++)
      status = (
        await fetch(call.url, { headers: { cookie: "ghsync_oauth_state=wrong" }, redirect: "manual" })
      ).status;
    expect(status).toBe(429);
  });
});
