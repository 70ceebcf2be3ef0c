/**
 * bench/freshness — keeping a large organization current: what one pass costs when a few
 * repositories changed, by change detection (`sync --org`, sync/changes/) against the baseline of
 * polling every repository (`sync OWNER/REPO…` with every name: each one's first pages with their
 * ETags, free in points but one request each). Same emulator (in a process of its own), same
 * mirror, same kind of changes, in one run.
 *
 * Per pass: requests, points, search requests, wall time, and whether every change reached the
 * mirror (per changed repository: its comments and default-branch commits against the emulator's
 * own view). Staleness follows: a change is mirrored within one interval plus one pass.
 *
 *   node --import tsx bench/freshness.ts [--repos 2000] [--changes 5] [--rounds 3] [--latency-ms 0]
 */
import { parseArgs } from "node:util";
import { pino } from "pino";
import { GitHubClient } from "../src/github/client.js";
import { CredentialPool, credentialsFromTokens } from "../src/github/credential-pool.js";
import { openDatabase } from "../src/store/database.js";
import { mirrorCounts } from "../src/store/stats.js";
import { parseDepth } from "../src/sync/depth.js";
import { Progress } from "../src/sync/progress.js";
import { runSync, type SyncSummary } from "../src/sync/run-sync.js";
import {
  createBenchDatabase,
  dropBenchDatabase,
  emulatorAdmin,
  serveEmulator,
  stopChild,
} from "./support.js";

const { values } = parseArgs({
  options: {
    repos: { type: "string", default: "2000" },
    changes: { type: "string", default: "5" },
    rounds: { type: "string", default: "3" },
    "latency-ms": { type: "string", default: "0" },
  },
});
const repos = Number(values.repos);
const changes = Number(values.changes);
const rounds = Number(values.rounds);
const latencyMs = Number(values["latency-ms"]);

const unlimited = { rateLimit: 1_000_000, graphqlRateLimit: 1_000_000 };
const emulator = await serveEmulator({ seed: 17, repos, scale: "tiny", ...unlimited, latencyMs });
const bench = await createBenchDatabase();
const database = await openDatabase({ kind: "postgres", url: bench.url, poolSize: 4 });
const log = pino({ level: "silent" });
const TOKEN = "freshness-bench";

const admin = emulatorAdmin(emulator.url);

async function sync(request: { org?: string; repositories?: string[] }): Promise<SyncSummary> {
  const client = new GitHubClient({
    baseUrl: emulator.url,
    pool: new CredentialPool(credentialsFromTokens([TOKEN])),
    log,
  });
  return runSync(
    { db: database.db, client, log, progress: new Progress(), parallelRepositories: 8 },
    { repositories: request.repositories ?? [], org: request.org, depth: parseDepth("full") },
  );
}

interface Stats {
  repositories: Record<string, { comments: number; commits: number }>;
  requests: Record<string, { searches: number }>;
}
const stats = () => admin<Stats>("GET", "/stats");
const searches = async () => (await stats()).requests[TOKEN]?.searches ?? 0;

/** Changes in `count` repositories picked at random: a comment on an issue in half, a commit in the rest. */
async function change(names: string[], count: number): Promise<string[]> {
  const picked = [...names].sort(() => Math.random() - 0.5).slice(0, count);
  for (const [i, name] of picked.entries()) {
    if (i % 2 === 0) {
      const issues = await admin<{ number: number }[]>("GET", `/repos/${name}/issues`);
      await admin("POST", `/repos/${name}/issues/${issues[0]?.number ?? 1}/comments`, { body: "bench" });
    } else await admin("POST", `/repos/${name}/commits`, { count: 1 });
  }
  return picked;
}

/** Whether the mirror holds what the emulator has for each repository. */
async function mirrored(names: string[]): Promise<boolean> {
  const truth = (await stats()).repositories;
  for (const name of names) {
    const counts = await mirrorCounts(database.db, { repositories: [name] });
    if (counts.comments !== truth[name]?.comments || counts.commits !== truth[name]?.commits) return false;
  }
  return true;
}

try {
  const started = Date.now();
  const backfill = await sync({ org: "acme" });
  console.log(
    `backfill of ${repos} tiny repositories: ${(backfill.duration_ms / 1000).toFixed(1)} s, ${backfill.requests} requests (wall ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  const names = (await admin<{ full_name: string }[]>("GET", "/repos")).map((repo) => repo.full_name);
  const rows: string[] = [];
  const row = (how: string, summary: SyncSummary, searched: number, ok: boolean) =>
    rows.push(
      `| ${how} | ${summary.requests} | ${summary.points_used} | ${searched} | ${(summary.duration_ms / 1000).toFixed(2)} | ${ok ? "yes" : "NO"} |`,
    );
  const totals = { detection: { requests: 0, ms: 0 }, baseline: { requests: 0, ms: 0 } };
  // Passes run at intervals: what GitHub stamps while a pass runs is checked again by the next
  // (its stamps are whole seconds), so changes come a little after a pass, as they would.
  const pause = () => new Promise((resolve) => setTimeout(resolve, 2_000));
  for (let round = 1; round <= rounds; round++) {
    await pause();
    let changed = await change(names, changes);
    let before = await searches();
    const detected = await sync({ org: "acme" });
    row(`detection, round ${round}`, detected, (await searches()) - before, await mirrored(changed));
    totals.detection.requests += detected.requests;
    totals.detection.ms += detected.duration_ms;

    await pause();
    changed = await change(names, changes);
    before = await searches();
    const polled = await sync({ repositories: names });
    row(
      `every repository polled, round ${round}`,
      polled,
      (await searches()) - before,
      await mirrored(changed),
    );
    totals.baseline.requests += polled.requests;
    totals.baseline.ms += polled.duration_ms;
  }
  console.log(
    `\n${repos} repositories, ${changes} of them changed before each pass, latency ${latencyMs} ms\n`,
  );
  console.log("| pass | requests | points | searches | seconds | every change mirrored |");
  console.log("| --- | ---: | ---: | ---: | ---: | --- |");
  for (const line of rows) console.log(line);
  const ratio = (a: number, b: number) => (b === 0 ? "∞" : (a / b).toFixed(1));
  console.log(
    `\nbaseline ÷ detection: ${ratio(totals.baseline.requests, totals.detection.requests)}× the requests, ${ratio(totals.baseline.ms, totals.detection.ms)}× the time`,
  );
} finally {
  await database.close();
  await dropBenchDatabase(bench.name);
  await stopChild(emulator.child);
}
