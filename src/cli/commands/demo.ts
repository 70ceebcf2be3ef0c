/**
 * `ghsync demo [--port N] [--host H]`: the whole product offline. The emulator runs in-process
 * with live activity (every few seconds a commit, pull request, review or issue), each change
 * sent as a signed webhook to the server; `ghsync serve`'s server runs on an embedded database of
 * its own (GHSYNC_DATA_DIR/demo, so a demo never mixes with real data); the organization's
 * repositories are tracked through the API like a user would, so the dashboard shows their
 * backfills progressing, and a demo person gets two goals that fill as the activity arrives and,
 * once reached, get a higher target (demo-goals.ts), so they keep moving.
 * Prints the dashboard's URL and a login token; runs until Ctrl-C.
 */
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import path from "node:path";
import { loadSettings } from "../../config/settings.js";
import { startEmulator, type RunningEmulator } from "../../emulator/index.js";
import { periodContaining } from "../../metrics/goal-periods.js";
import { createToken } from "../../app/api-tokens.js";
import { GhsyncError } from "../../util/errors.js";
import { openRuntime } from "../open-runtime.js";
import { waitForShutdown } from "../shutdown.js";
import { startServer } from "./serve.js";
import { keepDemoGoalsMoving } from "../demo-goals.js";

const ORG = "acme";
const DEMO_PERSON = "demo";

/** `preferred` when it is free, else any free port (a demo should start, whatever runs here). */
function pickPort(preferred: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE" && preferred !== 0) resolve(pickPort(0, host));
      else reject(error);
    });
    probe.listen(preferred, host, () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : preferred));
    });
  });
}

/** One call to the demo's own API, as the dashboard makes it; a refusal stops the demo. */
async function callApi(url: string, token: string, path: string, body: unknown): Promise<void> {
  const response = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    throw new GhsyncError("demo_failed", `the demo could not POST ${path}: ${await response.text()}`);
  }
}

/** Tracks every repository of the organization through `POST /api/repos`, as the dashboard does. */
async function trackOrganization(url: string, token: string, emulator: RunningEmulator): Promise<void> {
  for (const repo of emulator.admin.activeRepos()) {
    await callApi(url, token, "/api/repos", { full_name: `${ORG}/${repo.name}`, depth: "full" });
  }
}

/** The `count` accounts with the most default-branch commits in the emulated organization. */
function mostActiveAccounts(emulator: RunningEmulator, count: number): string[] {
  const commits = new Map<string, number>();
  for (const repo of emulator.admin.activeRepos()) {
    for (const commit of emulator.admin.commits(repo.id)) {
      const login = commit.author_login;
      if (login && !login.endsWith("[bot]")) commits.set(login, (commits.get(login) ?? 0) + 1);
    }
  }
  return [...commits]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, count)
    .map(([login]) => login);
}

/** How many of `logins`' commits and merged PRs the emulator holds in the current week and month (UTC). */
function countsSoFar(
  emulator: RunningEmulator,
  logins: string[],
  now: Date,
): { commits: number; merged: number } {
  const week = periodContaining("weekly", "UTC", now);
  const month = periodContaining("monthly", "UTC", now);
  const within = (iso: string | null, period: { start: Date; end: Date }) =>
    iso !== null && new Date(iso) >= period.start && new Date(iso) < period.end;
  let commits = 0;
  let merged = 0;
  for (const repo of emulator.admin.activeRepos()) {
    const mine = (login: string | null) => login !== null && logins.includes(login);
    commits += emulator.admin
      .commits(repo.id)
      .filter((c) => mine(c.author_login) && within(c.authored_at, week)).length;
    merged += emulator.admin
      .pulls(repo.id)
      .filter((p) => mine(p.author_login) && within(p.merged_at, month)).length;
  }
  return { commits, merged };
}

/**
 * A demo person linked to the organization's two most active accounts, with a weekly commits goal
 * and a monthly merged-PRs goal whose targets are a little above what they hold now: the goals
 * fill as the backfill lands, then move and complete with the live activity. A later demo on the
 * same data directory keeps the person (and the goals) it made the first time.
 */
async function addDemoPerson(url: string, token: string, emulator: RunningEmulator): Promise<void> {
  const existing = await fetch(`${url}/api/users/${DEMO_PERSON}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (existing.ok) return;
  const logins = mostActiveAccounts(emulator, 2);
  await callApi(url, token, "/api/users", { login: DEMO_PERSON, name: "Demo developer", timezone: "UTC" });
  for (const login of logins) await callApi(url, token, `/api/users/${DEMO_PERSON}/accounts`, { login });
  const { commits, merged } = countsSoFar(emulator, logins, new Date());
  const goal = (metric: string, window: string, target: number) =>
    callApi(url, token, "/api/goals", { user: DEMO_PERSON, metric, window, target });
  await goal("commits", "weekly", commits + 3);
  await goal("pull_requests_merged", "monthly", merged + 2);
}

const DEMO_OAUTH = { clientId: "ghsync-demo", clientSecret: randomBytes(24).toString("base64url") };

export async function runDemo(flags: { port: number; host: string }): Promise<void> {
  const settings = loadSettings();
  const port = await pickPort(flags.port, flags.host);
  const secret = randomBytes(24).toString("base64url");
  const emulator = await startEmulator({
    port: 0,
    seed: 7,
    org: ORG,
    repos: 3,
    scale: "small",
    // Slow enough that the backfills can be watched on the dashboard.
    latencyMs: 150,
    activity: true,
    webhook: { url: `http://${flags.host}:${port}/webhooks/github`, secret },
    // "Sign in with GitHub" through the emulator: its consent signs in its first member at once.
    oauth: DEMO_OAUTH,
  });
  try {
    const runtime = await openRuntime(
      {
        dataDir: path.join(settings.dataDir, "demo"),
        databaseUrl: undefined,
        githubTokens: ["demo-token"],
        githubApiUrl: emulator.url,
        githubAppId: undefined,
        githubAppPrivateKey: undefined,
        webhookSecrets: [secret],
        oauth: DEMO_OAUTH,
        // The emulated organization's people may all sign in (offline, nobody else can).
        oauthSignup: true,
        apiToken: undefined,
        smtpUrl: undefined,
      },
      { handlesSignals: true },
    );
    try {
      const server = await startServer(runtime, { port, host: flags.host, concurrency: 3 });
      try {
        const { token } = await createToken(runtime.database.db, "demo");
        await trackOrganization(server.url, token, emulator);
        await addDemoPerson(server.url, token, emulator);
        process.stdout.write(`Dashboard: ${server.url}/\nLogin token: ${token}\n`);
        process.stdout.write(
          `Emulated GitHub organization ${ORG} with live activity; its webhooks are signed and sent to this server. Database: ${runtime.database.location}. Ctrl-C stops.\n`,
        );
        const stopGoals = keepDemoGoalsMoving(server.url, token, DEMO_PERSON);
        await waitForShutdown();
        stopGoals();
        runtime.log.info("shutting down");
      } finally {
        await server.close();
      }
    } finally {
      await runtime.close();
    }
  } finally {
    await emulator.close();
  }
}
