/**
 * The emulated GitHub App: JWT checks with GitHub's messages, the installation token flow through
 * @octokit/auth-app (clock skew included), what an installation token may see, installation
 * webhooks in GitHub's shapes, and the App's delivery log with redelivery (same guid, no chaos,
 * 3 days at most). Response bodies are validated against the OpenAPI extract in openapi.test.ts.
 */
import { createRequire } from "node:module";
import { generateKeyPairSync } from "node:crypto";
import { createAppAuth } from "@octokit/auth-app";
import { Octokit } from "@octokit/core";
import { request } from "@octokit/request";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorOptions, RunningEmulator, WebhookOptions } from "../../src/emulator/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import { get, parseLink, record, records } from "./helpers.js";
import type { Reply } from "./helpers.js";
import { appJwt, call, signJwt } from "./app-helpers.js";
import { loadValidators } from "./openapi-schema.js";
import { header, payloadOf, signatureVerifies, startReceiver } from "./webhook-receiver.js";
import type { Receiver, ReceivedRequest } from "./webhook-receiver.js";

const SECRET = "app-webhook-secret";
const START = Date.parse("2025-06-01T12:00:00Z");
const validators = loadValidators();

const NOT_DECODED = "A JSON web token could not be decoded";

interface Example {
  name: string;
  examples: Record<string, unknown>[];
}
const EXAMPLES = createRequire(import.meta.url)(
  "@octokit/webhooks-examples/api.github.com/index.json",
) as Example[];

/** An emulator on a fake clock (`wall`, advanced by the tests), with a webhook receiver if asked. */
interface Session {
  emu: RunningEmulator;
  receiver: Receiver | null;
  key: string;
  appId: number;
  /** Emulator time, epoch seconds. */
  now(): number;
  advance(seconds: number): void;
  jwt(): string;
  /** Authorization header with the App's JWT. */
  bearer(): string;
  close(): Promise<void>;
}

async function session(
  options: EmulatorOptions = {},
  webhook: Partial<WebhookOptions> | null = null,
  answer?: (request: ReceivedRequest) => number,
): Promise<Session> {
  let wall = START;
  const receiver = webhook ? await startReceiver(SECRET, answer) : null;
  const emu = await startEmulator({
    port: 0,
    seed: "app",
    repos: 5,
    clock: () => wall,
    ...options,
    ...(receiver ? { webhook: { url: receiver.url, secret: SECRET, ...webhook } } : {}),
  });
  const { private_key: key, id: appId } = emu.admin.app();
  const now = () => Math.floor(emu.admin.now().getTime() / 1000);
  const jwt = () => appJwt(key, appId, now());
  return {
    emu,
    receiver,
    key,
    appId,
    now,
    advance: (seconds) => (wall += seconds * 1000),
    jwt,
    bearer: () => `Bearer ${jwt()}`,
    close: async () => {
      await emu.close();
      await receiver?.close();
    },
  };
}

async function createToken(s: Session, installationId: number, body?: unknown): Promise<Reply> {
  return call(s.emu.url, `/app/installations/${installationId}/access_tokens`, {
    method: "POST",
    authorization: s.bearer(),
    body,
  });
}

async function tokenFor(s: Session, installationId: number, body?: unknown): Promise<string> {
  const reply = await createToken(s, installationId, body);
  expect(reply.status, reply.text).toBe(201);
  return String(record(reply.body).token);
}

function expectError(reply: Reply, status: number, message: string): void {
  expect(reply.status, reply.text).toBe(status);
  const body = record(reply.body);
  expect(body.message).toBe(message);
  expect(body.documentation_url).toEqual(expect.stringMatching(/^https:\/\/docs\.github\.com\//));
  if (!validators.component("basic-error")(body)) throw new Error(`not a basic-error: ${reply.text}`);
}

// ── JWT ──────────────────────────────────────────────────────────────────────

describe("JWT on App endpoints", () => {
  let s: Session;
  const otherKey = generateKeyPairSync("rsa", { modulusLength: 2048 })
    .privateKey.export({ type: "pkcs8", format: "pem" })
    .toString();
  const getApp = (authorization: string | null) => call(s.emu.url, "/app", { authorization });
  const claims = (extra: Record<string, unknown> = {}) => ({
    iat: s.now() - 30,
    exp: s.now() + 570,
    iss: s.appId,
    ...extra,
  });

  beforeAll(async () => {
    s = await session({ app: { id: 4242, slug: "mirror-bot" } });
  });
  afterAll(async () => {
    await s.close();
  });

  it("a valid JWT: GET /app is the App (iss as number, numeric string or client id)", async () => {
    const reply = await getApp(s.bearer());
    expect(reply.status).toBe(200);
    const app = record(reply.body);
    expect(app).toMatchObject({ id: 4242, slug: "mirror-bot", name: "Mirror Bot", installations_count: 0 });
    expect(record(app.owner).login).toBe("acme");
    const { client_id: clientId } = s.emu.admin.app();
    expect(app.client_id).toBe(clientId);
    for (const iss of ["4242", clientId]) {
      expect((await getApp(`Bearer ${signJwt(s.key, claims({ iss }))}`)).status, String(iss)).toBe(200);
    }
    // auth-app sends "bearer" in lower case.
    expect((await getApp(`bearer ${s.jwt()}`)).status).toBe(200);
  });

  it("the key is PEM (PKCS#1, as GitHub hands out) and stable; a PKCS#8 key can be given", async () => {
    const { private_key: key } = s.emu.admin.app();
    expect(key).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
    expect(s.emu.admin.app().private_key).toBe(key);
    const given = await startEmulator({ port: 0, repos: 1, app: { id: 7, privateKey: otherKey } });
    try {
      expect(given.admin.app()).toMatchObject({ id: 7, private_key: otherKey });
      const ok = await call(given.url, "/app", {
        authorization: `Bearer ${appJwt(otherKey, 7, Math.floor(Date.now() / 1000))}`,
      });
      expect(ok.status).toBe(200);
    } finally {
      await given.close();
    }
    await expect(startEmulator({ port: 0, app: { privateKey: "not a key" } })).rejects.toThrow(
      /app.privateKey/,
    );
  });

  it("wrong key, wrong iss, expired, future iat, too long → 401 with GitHub's messages", async () => {
    expectError(await getApp(`Bearer ${signJwt(otherKey, claims())}`), 401, NOT_DECODED);
    expectError(await getApp(`Bearer ${signJwt(s.key, claims({ iss: 1 }))}`), 401, NOT_DECODED);
    expectError(
      await getApp(`Bearer ${signJwt(s.key, claims({ iss: "mirror-bot" }))}`),
      401,
      "'Issuer' claim ('iss') must be an Integer",
    );
    expectError(
      await getApp(`Bearer ${signJwt(s.key, claims({ iat: s.now() - 1200, exp: s.now() - 600 }))}`),
      401,
      "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
    );
    expectError(
      await getApp(`Bearer ${signJwt(s.key, claims({ iat: s.now() + 120, exp: s.now() + 600 }))}`),
      401,
      "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued",
    );
    expectError(
      await getApp(`Bearer ${signJwt(s.key, claims({ iat: s.now() - 30, exp: s.now() + 600 }))}`),
      401,
      "'Expiration time' claim ('exp') is too far in the future",
    );
  });

  it("an expired JWT is expired on the emulator clock", async () => {
    const jwt = s.jwt();
    expect((await getApp(`Bearer ${jwt}`)).status).toBe(200);
    s.advance(11 * 60);
    expectError(
      await getApp(`Bearer ${jwt}`),
      401,
      "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
    );
  });

  it("60 s of clock skew are tolerated each way", async () => {
    const now = s.now();
    expect((await getApp(`Bearer ${signJwt(s.key, claims({ iat: now + 50, exp: now + 600 }))}`)).status).toBe(
      200,
    );
    expect((await getApp(`Bearer ${signJwt(s.key, claims({ iat: now - 600, exp: now - 30 }))}`)).status).toBe(
      200,
    );
  });

  it("not a JWT: forged header, tampered claims, another scheme's token, none", async () => {
    expectError(
      await getApp(`Bearer ${signJwt(s.key, claims(), { alg: "HS256", typ: "JWT" })}`),
      401,
      NOT_DECODED,
    );
    const [head, , signature] = s.jwt().split(".");
    const forged = Buffer.from(JSON.stringify(claims({ iss: s.appId, exp: s.now() + 590 }))).toString(
      "base64url",
    );
    expectError(await getApp(`Bearer ${head}.${forged}.${signature}`), 401, NOT_DECODED);
    expectError(await getApp("token ghp_personal_access_token"), 401, NOT_DECODED);
    expectError(await getApp(null), 401, "Requires authentication");
    const installation = s.emu.admin.createInstallation({ repositories: "all" });
    const { token } = s.emu.admin.createInstallationToken(installation.id);
    expectError(await getApp(`token ${token}`), 401, NOT_DECODED);
    s.emu.admin.deleteInstallation(installation.id);
  });

  it("JWT requests carry rate-limit headers and count against one window for the App", async () => {
    s.emu.admin.resetRequestStats();
    const first = await getApp(s.bearer());
    const second = await getApp(s.bearer());
    expect(Number(first.headers.get("x-ratelimit-used")) + 1).toBe(
      Number(second.headers.get("x-ratelimit-used")),
    );
    expect(first.headers.get("x-oauth-scopes")).toBeNull();
    expect(s.emu.admin.requestStats()["app:4242"]).toMatchObject({ requests: 2, counted: 2 });
  });
});

// ── @octokit/auth-app ────────────────────────────────────────────────────────

describe("the installation token flow with @octokit/auth-app", () => {
  let emu: RunningEmulator;

  beforeAll(async () => {
    emu = await startEmulator({ port: 0, seed: "app", repos: 5 });
  });
  afterAll(async () => {
    await emu.close();
  });

  it("JWT → installation token → the installation's repositories, as ghsync will do it", async () => {
    const { id: appId, private_key: privateKey } = emu.admin.app();
    const installation = emu.admin.createInstallation({ repositories: ["acme/web", "acme/mobile"] });
    const auth = createAppAuth({
      appId,
      privateKey,
      request: request.defaults({ baseUrl: emu.url }),
    });
    const token = await auth({ type: "installation", installationId: installation.id });
    expect(token.token).toMatch(/^ghs_[A-Za-z0-9]{36}$/);
    expect(token.repositorySelection).toBe("selected");
    expect(token.permissions).toEqual({
      contents: "read",
      issues: "read",
      metadata: "read",
      pull_requests: "read",
    });
    const expires = Date.parse(token.expiresAt) - Date.parse(emu.admin.now().toISOString());
    expect(expires).toBeGreaterThan(3590_000);
    expect(expires).toBeLessThanOrEqual(3600_000);

    const octokit = new Octokit({
      baseUrl: emu.url,
      authStrategy: createAppAuth,
      auth: { appId, privateKey, installationId: installation.id },
    });
    const app = await octokit.request("GET /app");
    expect(app.data).toMatchObject({ id: appId, installations_count: 1 });
    const repos = await octokit.request("GET /installation/repositories");
    expect(repos.data.total_count).toBe(2);
    expect(repos.data.repositories.map((repo) => repo.full_name).sort()).toEqual(["acme/mobile", "acme/web"]);
    expect(
      (await octokit.request("GET /repos/{owner}/{repo}/issues", { owner: "acme", repo: "web" })).status,
    ).toBe(200);
    await expect(
      octokit.request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "api" }),
    ).rejects.toMatchObject({
      status: 404,
    });
  });

  it("a skewed clock: auth-app reads the Date header after GitHub's 401 and retries", async () => {
    const ahead = await startEmulator({ port: 0, repos: 1, now: new Date(Date.now() + 2 * 3600_000) });
    try {
      const { id: appId, private_key: privateKey } = ahead.admin.app();
      const warnings: string[] = [];
      const octokit = new Octokit({
        baseUrl: ahead.url,
        authStrategy: createAppAuth,
        auth: { appId, privateKey, log: { warn: (message: string) => warnings.push(message) } },
      });
      const app = await octokit.request("GET /app");
      expect(app.status).toBe(200);
      expect(warnings[0]).toMatch(/'Expiration time' claim \('exp'\)/);
      const skew = Number(/different by (-?\d+) seconds/.exec(warnings[1] ?? "")?.[1]);
      expect(Math.abs(skew - 7200)).toBeLessThan(5);
    } finally {
      await ahead.close();
    }
  });
});

// ── installation tokens ──────────────────────────────────────────────────────

describe("installation tokens", () => {
  let s: Session;
  let installationId = 0;

  beforeAll(async () => {
    s = await session();
    installationId = s.emu.admin.createInstallation({ repositories: ["acme/web", "acme/mobile"] }).id;
  });
  afterAll(async () => {
    await s.close();
  });

  it("POST …/access_tokens: 201, a unique ghs_ token valid one hour, the selected repositories", async () => {
    const reply = await createToken(s, installationId);
    expect(reply.status).toBe(201);
    const body = record(reply.body);
    expect(body.token).toMatch(/^ghs_[A-Za-z0-9]{36}$/);
    expect(body.expires_at).toBe(new Date((s.now() + 3600) * 1000).toISOString().replace(".000Z", "Z"));
    expect(body).toMatchObject({ repository_selection: "selected", permissions: { metadata: "read" } });
    expect(records(body.repositories).map((repo) => repo.full_name)).toEqual(["acme/web", "acme/mobile"]);
    expect(await tokenFor(s, installationId)).not.toBe(body.token);
    expect(reply.headers.get("etag")).toBeNull();
  });

  it("narrowed tokens: repositories or repository_ids within the installation, fewer permissions", async () => {
    const web = s.emu.admin.repository("acme/web");
    const narrowed = record((await createToken(s, installationId, { repositories: ["web"] })).body);
    expect(records(narrowed.repositories).map((repo) => repo.full_name)).toEqual(["acme/web"]);
    const token = String(narrowed.token);
    expect((await get(s.emu.url, "/repos/acme/web", { token })).status).toBe(200);
    expect((await get(s.emu.url, "/repos/acme/mobile", { token })).status).toBe(404);
    const byId = record((await createToken(s, installationId, { repository_ids: [web.id] })).body);
    expect(records(byId.repositories).map((repo) => repo.id)).toEqual([web.id]);
    const reading = record((await createToken(s, installationId, { permissions: { issues: "read" } })).body);
    expect(reading.permissions).toEqual({ issues: "read" });

    const outside = await createToken(s, installationId, { repositories: ["api"] });
    expect(outside.status).toBe(422);
    expect(record(outside.body).message).toMatch(/not accessible to the parent installation/);
    expect((await createToken(s, installationId, { permissions: { contents: "write" } })).status).toBe(422);
    expect((await createToken(s, 12345)).status).toBe(404);
    expect((await createToken(s, installationId, "not an object")).status).toBe(400);
  });

  it("only the installation's repositories: 404 elsewhere (by name, by id, renamed), filtered org lists", async () => {
    const token = await tokenFor(s, installationId);
    const api = s.emu.admin.repository("acme/api");
    expect((await get(s.emu.url, "/repos/acme/web", { token })).status).toBe(200);
    expect((await get(s.emu.url, "/repos/acme/web/pulls?state=all", { token })).status).toBe(200);
    expectError(await get(s.emu.url, "/repos/acme/api", { token }), 404, "Not Found");
    expect((await get(s.emu.url, "/repos/acme/infra/issues", { token })).status).toBe(404);
    expect((await get(s.emu.url, `/repositories/${api.id}`, { token })).status).toBe(404);
    const org = records((await get(s.emu.url, "/orgs/acme/repos", { token })).body);
    expect(org.map((repo) => repo.full_name).sort()).toEqual(["acme/mobile", "acme/web"]);
    // Any other token keeps seeing everything.
    expect((await get(s.emu.url, "/repos/acme/api")).status).toBe(200);

    s.emu.admin.renameRepository("acme/docs", "handbook");
    expect((await get(s.emu.url, "/repos/acme/docs", { token })).status).toBe(404);
    s.emu.admin.renameRepository("acme/mobile", "mobile-app");
    const moved = await get(s.emu.url, "/repos/acme/mobile", { token });
    expect(moved.status).toBe(301);
    s.emu.admin.renameRepository("acme/mobile-app", "mobile");
  });

  it("user endpoints answer 403; /installation/repositories wants an installation token", async () => {
    const token = await tokenFor(s, installationId);
    expectError(await get(s.emu.url, "/user", { token }), 403, "Resource not accessible by integration");
    expectError(
      await get(s.emu.url, "/user/repos", { token }),
      403,
      "Resource not accessible by integration",
    );
    expectError(
      await get(s.emu.url, "/installation/repositories"),
      403,
      "You must authenticate with an installation access token in order to list repositories for an installation.",
    );
    expectError(
      await get(s.emu.url, "/installation/repositories", { token: null }),
      401,
      "Requires authentication",
    );
  });

  it("rate-limit headers per token, without OAuth scopes", async () => {
    const token = await tokenFor(s, installationId);
    const first = await get(s.emu.url, "/repos/acme/web", { token });
    const second = await get(s.emu.url, "/repos/acme/web/issues", { token });
    expect(first.headers.get("x-ratelimit-limit")).toBe("5000");
    expect(first.headers.get("x-ratelimit-used")).toBe("1");
    expect(second.headers.get("x-ratelimit-remaining")).toBe("4998");
    expect(first.headers.get("x-oauth-scopes")).toBeNull();
    expect(s.emu.admin.requestStats()[token]).toMatchObject({ requests: 2, counted: 2 });
  });

  it("expired after one hour: 401 Bad credentials", async () => {
    const token = await tokenFor(s, installationId);
    s.advance(3599);
    expect((await get(s.emu.url, "/repos/acme/web", { token })).status).toBe(200);
    s.advance(1);
    expectError(await get(s.emu.url, "/repos/acme/web", { token }), 401, "Bad credentials");
  });

  it("suspended: 403 for new and existing tokens; deleted: 404 for the installation, 401 for its tokens", async () => {
    const token = await tokenFor(s, installationId);
    s.emu.admin.suspendInstallation(installationId);
    expectError(await createToken(s, installationId), 403, "This installation has been suspended");
    expectError(
      await get(s.emu.url, "/repos/acme/web", { token }),
      403,
      "This installation has been suspended",
    );
    const listed = record(
      (await call(s.emu.url, `/app/installations/${installationId}`, { authorization: s.bearer() })).body,
    );
    expect(listed.suspended_at).toEqual(expect.any(String));
    expect(record(listed.suspended_by).login).toEqual(expect.any(String));
    s.emu.admin.unsuspendInstallation(installationId);
    expect((await get(s.emu.url, "/repos/acme/web", { token })).status).toBe(200);

    const other = s.emu.admin.createInstallation({ repositories: "all" });
    const otherToken = await tokenFor(s, other.id);
    expect((await get(s.emu.url, "/repos/acme/api", { token: otherToken })).status).toBe(200);
    s.emu.admin.deleteInstallation(other.id);
    expectError(await get(s.emu.url, "/repos/acme/api", { token: otherToken }), 401, "Bad credentials");
    expect(
      (await call(s.emu.url, `/app/installations/${other.id}`, { authorization: s.bearer() })).status,
    ).toBe(404);
    expect((await createToken(s, other.id)).status).toBe(404);
  });

  it("removing a repository takes it from existing tokens; an 'all' installation becomes 'selected'", async () => {
    const all = s.emu.admin.createInstallation({ repositories: "all" });
    const token = await tokenFor(s, all.id);
    expect((await get(s.emu.url, "/repos/acme/api", { token })).status).toBe(200);
    const after = s.emu.admin.removeInstallationRepositories(all.id, ["acme/api"]);
    expect(after.repository_selection).toBe("selected");
    expect(after.repositories).not.toContain("acme/api");
    expect((await get(s.emu.url, "/repos/acme/api", { token })).status).toBe(404);
    expect((await get(s.emu.url, "/repos/acme/web", { token })).status).toBe(200);
    s.emu.admin.addInstallationRepositories(all.id, ["acme/api"]);
    expect((await get(s.emu.url, "/repos/acme/api", { token })).status).toBe(200);
    s.emu.admin.deleteInstallation(all.id);
  });
});

// ── /installation/repositories ───────────────────────────────────────────────

describe("GET /installation/repositories", () => {
  it("pages of per_page with GitHub's Link header, total_count on each, by repository id", async () => {
    const s = await session({ repos: 7 });
    try {
      const { id } = s.emu.admin.createInstallation({ repositories: "all" });
      const token = await tokenFor(s, id);
      const seen: Record<string, unknown>[] = [];
      let next: string | undefined = "/installation/repositories?per_page=2";
      const links: Record<string, string>[] = [];
      while (next) {
        const reply = await get(s.emu.url, next, { token });
        expect(reply.status).toBe(200);
        const body = record(reply.body);
        expect(body).toMatchObject({ total_count: 7, repository_selection: "all" });
        seen.push(...records(body.repositories));
        const link = parseLink(reply.headers.get("link"));
        links.push(link);
        next = link.next;
      }
      expect(links).toHaveLength(4);
      expect(links[0]?.next).toBe(`${s.emu.url}/installation/repositories?per_page=2&page=2`);
      expect(links[0]?.last).toBe(`${s.emu.url}/installation/repositories?per_page=2&page=4`);
      expect(links[3]).toMatchObject({ first: `${s.emu.url}/installation/repositories?per_page=2&page=1` });
      const ids = seen.map((repo) => Number(repo.id));
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(seen.map((repo) => repo.full_name).sort()).toEqual(
        s.emu.admin.installation(id).repositories.sort(),
      );
      const single = await get(s.emu.url, "/installation/repositories?per_page=100", { token });
      expect(single.headers.get("link")).toBeNull();
    } finally {
      await s.close();
    }
  });
});

// ── installation webhooks ────────────────────────────────────────────────────

const OPTIONAL_TOP = new Set(["requester", "organization", "enterprise"]);

function keysOf(value: unknown): string[] {
  return typeof value === "object" && value !== null ? Object.keys(value) : [];
}

/** Differences between a payload and the closest of GitHub's examples of the same event and action. */
function shapeProblems(event: string, payload: Record<string, unknown>): string[] {
  const examples = (EXAMPLES.find((entry) => entry.name === event)?.examples ?? []).filter(
    (example) => example.action === payload.action,
  );
  if (examples.length === 0) return [`no example of ${event}.${String(payload.action)}`];
  return examples
    .map((example) => {
      const ours = keysOf(payload).filter((key) => !OPTIONAL_TOP.has(key));
      const theirs = keysOf(example).filter((key) => !OPTIONAL_TOP.has(key));
      const problems = [
        ...theirs.filter((key) => !ours.includes(key)).map((key) => `missing ${key}`),
        ...ours.filter((key) => !theirs.includes(key)).map((key) => `extra ${key}`),
      ];
      for (const main of ["installation", "sender"])
        for (const key of keysOf(example[main]))
          if (!keysOf(payload[main]).includes(key)) problems.push(`missing ${main}.${key}`);
      for (const list of ["repositories", "repositories_added", "repositories_removed"]) {
        const [theirItem] = (example[list] as unknown[] | undefined) ?? [];
        const [ourItem] = (payload[list] as unknown[] | undefined) ?? [];
        if (
          theirItem !== undefined &&
          ourItem !== undefined &&
          keysOf(theirItem).join() !== keysOf(ourItem).join()
        )
          problems.push(`${list}[] keys ${keysOf(ourItem).join()}`);
      }
      return problems;
    })
    .reduce((a, b) => (b.length < a.length ? b : a));
}

describe("installation webhooks", () => {
  let s: Session;
  let installationId = 0;
  let requests: ReceivedRequest[] = [];
  const event = (request: ReceivedRequest) => header(request, "x-github-event");

  beforeAll(async () => {
    s = await session({}, {});
    const admin = s.emu.admin;
    installationId = admin.createInstallation({ repositories: ["acme/web"], by: "alice-chen" }).id;
    admin.addInstallationRepositories(installationId, ["acme/mobile"]);
    admin.addCommits("acme/web", { message: "In the installation" });
    admin.openIssue("acme/api", { title: "Outside it" });
    admin.removeInstallationRepositories(installationId, ["acme/mobile"]);
    admin.suspendInstallation(installationId);
    admin.openIssue("acme/web", { title: "While suspended" });
    admin.unsuspendInstallation(installationId);
    admin.deleteInstallation(installationId);
    await admin.flushWebhooks();
    const seq = new Map(admin.webhookLog().map((entry) => [entry.delivery_id, entry.seq]));
    requests = [...(s.receiver?.requests ?? [])].sort(
      (a, b) =>
        (seq.get(header(a, "x-github-delivery")) ?? 0) - (seq.get(header(b, "x-github-delivery")) ?? 0),
    );
  });
  afterAll(async () => {
    await s.close();
  });

  it("each installation change is a signed delivery from the App's hook, in GitHub's shapes", () => {
    const kinds = requests.map((request) => `${event(request)}.${String(payloadOf(request).action ?? "")}`);
    expect(kinds).toEqual([
      "installation.created",
      "installation_repositories.added",
      "push.",
      "issues.opened",
      "installation_repositories.removed",
      "installation.suspend",
      "issues.opened",
      "installation.unsuspend",
      "installation.deleted",
    ]);
    const installations = requests.filter((request) => event(request).startsWith("installation"));
    for (const request of installations) {
      const payload = payloadOf(request);
      expect(signatureVerifies(SECRET, request)).toBe(true);
      expect(header(request, "x-github-hook-installation-target-type")).toBe("integration");
      expect(header(request, "x-github-hook-installation-target-id")).toBe(String(s.appId));
      const problems = shapeProblems(event(request), payload);
      expect(problems, `${event(request)}.${String(payload.action)}: ${problems.join(", ")}`).toEqual([]);
      const installation = record(payload.installation);
      expect(installation).toMatchObject({
        id: installationId,
        app_id: s.appId,
        target_type: "Organization",
      });
      if (!validators.validator("apps/get-installation", 200)(installation))
        throw new Error(`installation does not match the REST schema: ${JSON.stringify(installation)}`);
    }
    const [created, added, , , removed, suspend, , unsuspend, deleted] = requests.map(payloadOf);
    expect(records(created?.repositories).map((repo) => repo.full_name)).toEqual(["acme/web"]);
    expect(record(created?.sender).login).toBe("alice-chen");
    expect(added).toMatchObject({ repository_selection: "selected", repositories_removed: [] });
    expect(records(added?.repositories_added).map((repo) => repo.full_name)).toEqual(["acme/mobile"]);
    expect(records(removed?.repositories_removed).map((repo) => repo.full_name)).toEqual(["acme/mobile"]);
    expect(record(suspend?.installation).suspended_at).toEqual(expect.any(String));
    expect(record(unsuspend?.installation).suspended_at).toBeNull();
    expect(records(deleted?.repositories).map((repo) => repo.full_name)).toEqual(["acme/web"]);
  });

  it("events of an installation's repositories carry installation {id, node_id}; the others do not", () => {
    const [, , push, outside, , , suspended] = requests;
    const expected = {
      id: installationId,
      node_id: Buffer.from(`023:IntegrationInstallation${installationId}`).toString("base64"),
    };
    expect(payloadOf(push as ReceivedRequest).installation).toEqual(expected);
    expect(header(push as ReceivedRequest, "x-github-hook-installation-target-type")).toBe("integration");
    for (const request of [outside, suspended] as ReceivedRequest[]) {
      expect(payloadOf(request)).not.toHaveProperty("installation");
      expect(header(request, "x-github-hook-installation-target-type")).toBe("organization");
    }
    const log = s.emu.admin.webhookLog();
    expect(log.map((entry) => entry.installation_id)).toEqual(expect.arrayContaining([installationId, null]));
  });
});

describe("the last event of a deleted repository", () => {
  it("repository.deleted still reaches the installation that covered it", async () => {
    const s = await session({}, {});
    try {
      const { id } = s.emu.admin.createInstallation({ repositories: ["acme/docs"] });
      s.emu.admin.deleteRepository("acme/docs");
      await s.emu.admin.flushWebhooks();
      const deleted = s.receiver?.requests.find(
        (request) => header(request, "x-github-event") === "repository",
      );
      expect(deleted && payloadOf(deleted)).toMatchObject({ action: "deleted", installation: { id } });
      expect(s.emu.admin.installation(id).repositories).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

// ── the App's delivery log ───────────────────────────────────────────────────

describe("GET /app/hook/deliveries and redelivery", () => {
  const deliveries = async (s: Session, query = "") => {
    const reply = await call(s.emu.url, `/app/hook/deliveries${query}`, { authorization: s.bearer() });
    expect(reply.status, reply.text).toBe(200);
    return { items: records(reply.body), link: parseLink(reply.headers.get("link")) };
  };

  it("dropped deliveries are failed attempts (timed out, status_code 0); redelivery resends them", async () => {
    const s = await session({}, { dropRate: 1 });
    try {
      const { id: installationId } = s.emu.admin.createInstallation({ repositories: ["acme/web"] });
      s.emu.admin.addCommits("acme/web");
      s.emu.admin.openIssue("acme/web", { title: "Lost" });
      s.emu.admin.openIssue("acme/api", { title: "Lost too" });
      await s.emu.admin.flushWebhooks();
      expect(s.receiver?.requests).toHaveLength(0);

      const { items } = await deliveries(s);
      expect(items.map((item) => `${String(item.event)}.${String(item.action)}`)).toEqual([
        "issues.opened",
        "issues.opened",
        "push.null",
        "installation.created",
      ]);
      const ids = items.map((item) => Number(item.id));
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      const web = s.emu.admin.repository("acme/web").id;
      const api = s.emu.admin.repository("acme/api").id;
      expect(items.map((item) => [item.installation_id, item.repository_id])).toEqual([
        [null, api],
        [installationId, web],
        [installationId, web],
        [installationId, null],
      ]);
      for (const item of items)
        expect(item).toMatchObject({ redelivery: false, status: "timed out", status_code: 0, duration: 10 });

      const lost = items[1] as Record<string, unknown>;
      const original = record(
        (await call(s.emu.url, `/app/hook/deliveries/${String(lost.id)}`, { authorization: s.bearer() }))
          .body,
      );
      expect(record(original.request).headers).toMatchObject({
        "X-GitHub-Delivery": lost.guid,
        "X-GitHub-Event": "issues",
      });
      expect(original.response).toEqual({ headers: {}, payload: null });

      const attempt = await call(s.emu.url, `/app/hook/deliveries/${String(lost.id)}/attempts`, {
        method: "POST",
        authorization: s.bearer(),
      });
      expect(attempt.status).toBe(202);
      expect(attempt.body).toEqual({});
      await s.emu.admin.flushWebhooks();
      const [received] = s.receiver?.requests ?? [];
      expect(received && header(received, "x-github-delivery")).toBe(lost.guid);
      expect(received && signatureVerifies(SECRET, received)).toBe(true);
      expect(received && payloadOf(received)).toEqual(record(original.request).payload);
      expect(received && payloadOf(received)).toMatchObject({
        action: "opened",
        issue: { title: "Lost" },
        installation: { id: installationId },
      });

      const [newest] = (await deliveries(s)).items;
      expect(newest).toMatchObject({
        guid: lost.guid,
        redelivery: true,
        status: "OK",
        status_code: 200,
        event: "issues",
        action: "opened",
        installation_id: installationId,
        repository_id: web,
      });
      expect(Number(newest?.id)).toBeGreaterThan(ids[0] ?? 0);
      const detail = record(
        (await call(s.emu.url, `/app/hook/deliveries/${String(newest?.id)}`, { authorization: s.bearer() }))
          .body,
      );
      expect(record(detail.response).payload).toBe('{"ok":true}');
      expect(s.emu.admin.webhookStats()).toMatchObject({ dropped: 4, redelivered: 1, sent: 1, delivered: 1 });
      expect(s.emu.admin.webhookLog().at(-1)).toMatchObject({
        kind: "redelivery",
        delivery_id: lost.guid,
        status: 200,
      });
    } finally {
      await s.close();
    }
  });

  it("per_page and cursor: Link rel=next until the oldest; status filters by status_code", async () => {
    const s = await session({}, { badSignatureRate: 0.5 });
    try {
      for (let i = 0; i < 7; i++) s.emu.admin.openIssue("acme/web", { title: `Issue ${i}` });
      await s.emu.admin.flushWebhooks();
      const all = (await deliveries(s, "?per_page=100")).items;
      expect(all).toHaveLength(7);
      const pages: Record<string, unknown>[][] = [];
      let query: string | undefined = "?per_page=3";
      while (query !== undefined) {
        const page = await deliveries(s, query);
        pages.push(page.items);
        query = page.link.next?.replace(`${s.emu.url}/app/hook/deliveries`, "");
        if (query !== undefined) expect(query).toMatch(/^\?per_page=3&cursor=v1_\d+$/);
      }
      expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
      expect(pages.flat()).toEqual(all);

      const bad = all.filter((item) => item.status_code === 401);
      expect(bad.length).toBeGreaterThan(0);
      expect(bad[0]?.status).toBe("Invalid HTTP Response: 401");
      expect((await deliveries(s, "?status=failure")).items).toEqual(bad);
      expect((await deliveries(s, "?status=success")).items).toEqual(
        all.filter((item) => item.status === "OK"),
      );

      // The receiver rejected a bad signature; redelivered, it verifies.
      const attempt = await call(s.emu.url, `/app/hook/deliveries/${String(bad[0]?.id)}/attempts`, {
        method: "POST",
        authorization: s.bearer(),
      });
      expect(attempt.status).toBe(202);
      await s.emu.admin.flushWebhooks();
      const resent = s.receiver?.requests.at(-1) as ReceivedRequest;
      expect(header(resent, "x-github-delivery")).toBe(bad[0]?.guid);
      expect(signatureVerifies(SECRET, resent)).toBe(true);
      expect(resent.status).toBe(200);
      expect(
        (await call(s.emu.url, "/app/hook/deliveries?cursor=nope", { authorization: s.bearer() })).status,
      ).toBe(400);
    } finally {
      await s.close();
    }
  });

  it("a malformed delivery is redelivered whole; older than 3 days: 422; unknown: 404", async () => {
    const s = await session({}, { malformedRate: 1 });
    try {
      s.emu.admin.openIssue("acme/web", { title: "Cut in half" });
      await s.emu.admin.flushWebhooks();
      const [cut] = (await deliveries(s)).items;
      expect(cut).toMatchObject({ status: "Invalid HTTP Response: 400", status_code: 400 });
      const redeliver = () =>
        call(s.emu.url, `/app/hook/deliveries/${String(cut?.id)}/attempts`, {
          method: "POST",
          authorization: s.bearer(),
        });
      s.advance(3 * 86400 - 60);
      expect((await redeliver()).status).toBe(202);
      await s.emu.admin.flushWebhooks();
      const whole = s.receiver?.requests.at(-1) as ReceivedRequest;
      expect(payloadOf(whole)).toMatchObject({ action: "opened", issue: { title: "Cut in half" } });
      expect(whole.status).toBe(200);
      s.advance(61);
      const old = await redeliver();
      expect(old.status).toBe(422);
      if (!validators.component("validation-error")(old.body)) throw new Error(old.text);
      expect(
        (
          await call(s.emu.url, "/app/hook/deliveries/1/attempts", {
            method: "POST",
            authorization: s.bearer(),
          })
        ).status,
      ).toBe(404);
      expect((await call(s.emu.url, "/app/hook/deliveries/1", { authorization: s.bearer() })).status).toBe(
        404,
      );
    } finally {
      await s.close();
    }
  });

  it("without a webhook URL the log is empty", async () => {
    const s = await session();
    try {
      s.emu.admin.createInstallation({ repositories: "all" });
      expect((await deliveries(s)).items).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

// ── admin ────────────────────────────────────────────────────────────────────

describe("HTTP admin for the App", () => {
  it("GET /_emulator/app, installations: create, add, remove, suspend, token, delete", async () => {
    const s = await session({}, {});
    const admin = (method: string, path: string, body?: unknown) =>
      call(s.emu.url, `/_emulator${path}`, { method, authorization: null, body });
    try {
      const app = record((await admin("GET", "/app")).body);
      expect(app).toMatchObject({ id: 1, slug: "ghsync-emulator", private_key: s.key });
      const created = await admin("POST", "/installations", { repositories: ["acme/web"] });
      expect(created.status).toBe(200);
      const id = Number(record(created.body).id);
      const added = record(
        (await admin("POST", `/installations/${id}/repositories`, { repositories: ["acme/api"] })).body,
      );
      expect((added.repositories as string[]).sort()).toEqual(["acme/api", "acme/web"]);
      expect(
        record(
          (await admin("DELETE", `/installations/${id}/repositories`, { repositories: ["acme/web"] })).body,
        ),
      ).toMatchObject({
        repositories: ["acme/api"],
      });
      expect(record((await admin("POST", `/installations/${id}/suspend`)).body).suspended).toBe(true);
      expect((await admin("POST", `/installations/${id}/suspend`)).status).toBe(422);
      expect(record((await admin("POST", `/installations/${id}/unsuspend`)).body).suspended).toBe(false);
      const token = String(record((await admin("POST", `/installations/${id}/token`)).body).token);
      expect((await get(s.emu.url, "/repos/acme/api", { token })).status).toBe(200);
      expect(records((await admin("GET", "/installations")).body)).toHaveLength(1);
      expect((await admin("DELETE", `/installations/${id}`)).body).toEqual({ deleted: true });
      expect((await admin("GET", `/installations/${id}`)).status).toBe(404);
      expect((await admin("POST", "/installations", { repositories: ["upstream-oss/nope"] })).status).toBe(
        404,
      );
      expect((await admin("POST", "/installations", { repositories: "some" })).status).toBe(422);
      await s.emu.admin.flushWebhooks();
      expect((s.receiver?.requests ?? []).map((request) => header(request, "x-github-event"))).toEqual([
        "installation",
        "installation_repositories",
        "installation_repositories",
        "installation",
        "installation",
        "installation",
      ]);
    } finally {
      await s.close();
    }
  });
});
