/**
 * bench/backfill — what a full backfill costs against the emulator, as ratios to the floor:
 *   requests ÷ theoretical minimum (Σ ceil(items/100) over the lists needed — org repositories,
 *   commits, pulls, issues (GitHub lists PRs there too), repository-wide comments, contributors —
 *   plus max(1, ceil(reviews/100)) per pull request, since REST has no repository-wide review list)
 *   and, counted apart, the PR details metrics need — per pull request the detail, its commits
 *   (ceil(min(commits, 250)/100) pages) and its timeline (one page);
 *   points spent by an immediate no-change rerun; wall time ÷ (minimum × latency ÷ concurrency);
 *   peak RSS of the syncing process (the emulator serves from a child process of its own).
 *   Scenarios: an organization at --scale medium, and one 100,000-commit repository.
 *
 *   node --import tsx bench/backfill.ts [--latency-ms 100] [--quick]
 * (--quick: small scale and a 20,000-commit repository, for a fast look.) The database is an
 * in-memory PGlite, or PostgreSQL when DATABASE_URL is set.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { pino } from "pino";
import { startEmulator, type EmulatorOptions } from "../src/emulator/index.js";
import { GitHubClient } from "../src/github/client.js";
import { CredentialPool, credentialsFromTokens } from "../src/github/credential-pool.js";
import { openDatabase } from "../src/store/database.js";
import { parseDepth } from "../src/sync/depth.js";
import { Progress } from "../src/sync/progress.js";
import { runSync } from "../src/sync/run-sync.js";

/** The throttling plugin's cap on requests in flight per client (see src/github/client.ts). */
const CONCURRENCY = 10;

const { values } = parseArgs({
  options: { "latency-ms": { type: "string", default: "100" }, quick: { type: "boolean", default: false } },
});
const latencyMs = Number(values["latency-ms"]);
const log = pino({ level: "silent" });
const pages = (items: number) => Math.max(1, Math.ceil(items / 100));

/** The emulator in a child process; its data is deterministic, so an in-process twin tells the truth. */
async function serveEmulator(options: EmulatorOptions): Promise<{ url: string; stop(): void }> {
  const script = fileURLToPath(new URL("./serve-emulator.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", script, JSON.stringify(options)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [chunk] = (await once(child.stdout, "data")) as [Buffer];
  return { url: chunk.toString().trim(), stop: () => child.kill("SIGTERM") };
}

async function scenario(name: string, scenarioOptions: EmulatorOptions): Promise<void> {
  const options = { seed: 7, latencyMs, ...scenarioOptions };
  const served = await serveEmulator(options);
  // Same options, same world: the twin answers the truth without serving.
  const twin = await startEmulator({ ...options, port: 0, now: new Date() });
  const database = await openDatabase(
    process.env.DATABASE_URL ? { kind: "postgres", url: process.env.DATABASE_URL } : { kind: "pglite" },
  );
  try {
    const admin = twin.admin;
    const repos = admin.repositories();
    let minimum = pages(repos.length);
    let details = 0;
    for (const repo of repos) {
      const pulls = admin.pulls(repo.id);
      minimum += pages(admin.commits(repo.id).length) + pages(pulls.length);
      minimum += pages(admin.issues(repo.id).length + pulls.length) + pages(admin.comments(repo.id).length);
      minimum += pages(admin.contributors(repo.id).length);
      for (const pull of pulls) minimum += pages(pull.reviews);
      for (const pull of pulls) details += 1 + pages(Math.min(pull.commits, 250)) + 1;
    }
    const counts = admin.counts();
    await twin.close();
    const afterOpen = Math.round(process.resourceUsage().maxRSS / 1024);
    const client = new GitHubClient({
      baseUrl: served.url,
      pool: new CredentialPool(credentialsFromTokens(["bench"])),
      log,
    });
    const sync = () =>
      runSync(
        { db: database.db, client, log, progress: new Progress() },
        { repositories: [], org: "acme", depth: parseDepth("full") },
      );
    const first = await sync();
    const rerun = await sync();
    const floorMs = ((minimum + details) * latencyMs) / CONCURRENCY;
    console.log(`\n## ${name} (latency ${latencyMs} ms, ${database.kind})`);
    console.log(
      `data: ${counts.repositories} repositories, ${counts.commits} commits, ${counts.pull_requests} PRs, ${counts.reviews} reviews, ${counts.issues} issues, ${counts.comments} comments`,
    );
    console.log(
      `requests: ${first.requests} / minimum ${minimum + details} (lists ${minimum} + PR details ${details}) = ${(first.requests / (minimum + details)).toFixed(3)}`,
    );
    console.log(
      `no-change rerun: ${rerun.requests} requests, ${rerun.not_modified} not modified, ${rerun.points_used} points`,
    );
    console.log(
      `wall: ${(first.duration_ms / 1000).toFixed(1)} s / floor ${(floorMs / 1000).toFixed(1)} s ((lists + details) × latency ÷ ${CONCURRENCY}) = ${(first.duration_ms / floorMs).toFixed(2)}`,
    );
    console.log(
      `peak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB (${afterOpen} MB before syncing, with the database open)`,
    );
  } finally {
    await database.close();
    served.stop();
  }
}

await scenario(values.quick ? "organization, small scale" : "organization, medium scale", {
  repos: 3,
  scale: values.quick ? "small" : "medium",
});
const bigCommits = values.quick ? 20_000 : 100_000;
await scenario(`one repository with ${bigCommits.toLocaleString("en")} commits`, {
  repos: 1,
  scale: "small",
  commitsPerRepo: bigCommits,
});
