/**
 * bench/scale — does a latency-bound backfill get faster with more `ghsync worker` processes on
 * one PostgreSQL? The same backfill (one queued `backfill` job per repository of an emulated
 * organization, depth full) runs with 1 worker process, then with 3, each `--concurrency 1`, so the
 * comparison is between processes. Wall time runs from just before the workers are spawned (their
 * start-up included) until every backfill record in `sync_jobs` is completed; the mirror is then
 * checked against the emulator's truth. Printed per scenario: wall time, requests (Σ
 * sync_jobs.requests) and the floor (requests × latency ÷ (workers × 10): each worker's GitHub
 * client keeps at most 10 requests in flight); at the end, the speed-up wall(1) ÷ wall(3).
 *
 *   node --import tsx bench/scale.ts [--latency-ms 100] [--repos 12] [--scale small]
 *
 * Each scenario gets a fresh database `ghsync_bench_<random>` on the server at GHSYNC_BENCH_PG_URL
 * (default postgres://postgres@127.0.0.1:5432/postgres), dropped at the end, and an emulator of its
 * own in a child process (bench/serve-emulator.ts).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { pino } from "pino";
import { startEmulator, type EmulatorOptions, type Scale, type TruthCounts } from "../src/emulator/index.js";
import { enqueueSync } from "../src/jobs/enqueue.js";
import { JobQueue } from "../src/jobs/queue.js";
import { openDatabase, type Database } from "../src/store/database.js";
import { mirrorCounts } from "../src/store/stats.js";
import {
  createBenchDatabase,
  dropBenchDatabase,
  interrupted,
  root,
  serveEmulator,
  stopChild,
  track,
} from "./support.js";

/** The throttling plugin's cap on requests in flight per client (see src/github/client.ts). */
const IN_FLIGHT = 10;
const POLL_MS = 200;
/** A scenario that has not finished by then is stuck, not slow. */
const SCENARIO_TIMEOUT_MS = 30 * 60_000;
const CHECKED = ["repositories", "commits", "pull_requests", "issues"] as const;

const { values } = parseArgs({
  options: {
    "latency-ms": { type: "string", default: "100" },
    repos: { type: "string", default: "12" },
    scale: { type: "string", default: "small" },
  },
});
const latencyMs = Number(values["latency-ms"]);
const repos = Number(values.repos);
const scale = values.scale as Scale;
if (!Number.isInteger(latencyMs) || latencyMs < 0) throw new Error("--latency-ms must be a whole number");
if (!Number.isInteger(repos) || repos < 1) throw new Error("--repos must be a positive integer");
if (!["small", "medium", "large"].includes(scale)) throw new Error("--scale must be small, medium or large");

const log = pino({ level: "silent" });

interface JobStatus {
  status: string;
  jobs: number;
  requests: number;
  attempts: number;
}

async function backfillStatus(database: Database): Promise<JobStatus[]> {
  const { rows } = await database.executeSql(
    `select status, count(*)::int as jobs, coalesce(sum(requests), 0)::int as requests,
            coalesce(sum(attempts), 0)::int as attempts
       from sync_jobs where type = 'backfill' group by status`,
  );
  return rows as unknown as JobStatus[];
}

// ── one scenario ───────────────────────────────────────────────────────────────────────────────
interface Result {
  workers: number;
  wallMs: number;
  /** First job started to last job finished, from sync_jobs (worker start-up excluded). */
  jobsSpanMs: number;
  requests: number;
  attempts: number;
  jobs: number;
}

async function scenario(workers: number, truth: TruthCounts, fullNames: string[]): Promise<Result> {
  const options: EmulatorOptions = { seed: 7, org: "acme", repos, scale, latencyMs };
  const bench = await createBenchDatabase();
  const spawned: ChildProcess[] = [];
  let emulator: ChildProcess | undefined;
  let database: Database | undefined;
  try {
    database = await openDatabase({ kind: "postgres", url: bench.url, poolSize: 4 });
    const served = await serveEmulator(options);
    emulator = served.child;

    const queue = await JobQueue.open(database, log, { schedule: false });
    try {
      for (const target of fullNames) {
        await enqueueSync(
          { db: database.db, queue },
          { type: "backfill", target, params: { depth: "full", track: true } },
        );
      }
    } finally {
      await queue.stop();
    }

    const env = {
      ...process.env,
      DATABASE_URL: bench.url,
      GITHUB_API_URL: served.url,
      GITHUB_TOKEN: "bench",
      LOG_LEVEL: "warn",
    };
    let crashed: string | undefined;
    const watchers: (() => void)[] = [];
    const started = Date.now();
    for (let i = 0; i < workers; i++) {
      const child = track(
        spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "worker", "--concurrency", "1"], {
          cwd: root,
          env,
          stdio: ["ignore", "inherit", "inherit"],
        }),
      );
      const early = (code: number | null, signal: NodeJS.Signals | null) => {
        crashed ??= `worker ${i + 1} exited early (${signal ?? code})`;
      };
      child.once("exit", early);
      spawned.push(child);
      watchers.push(() => child.off("exit", early));
    }

    let status: JobStatus[] = [];
    for (;;) {
      if (interrupted.signal.aborted) throw interrupted.signal.reason;
      if (crashed) throw new Error(crashed);
      if (Date.now() - started > SCENARIO_TIMEOUT_MS) throw new Error("timed out waiting for the backfills");
      status = await backfillStatus(database);
      const failed = status.find((row) => row.status === "failed");
      if (failed) {
        const { rows } = await database.executeSql(
          "select target, error from sync_jobs where type = 'backfill' and status = 'failed'",
        );
        throw new Error(`${failed.jobs} backfill(s) failed: ${JSON.stringify(rows)}`);
      }
      const done = status.find((row) => row.status === "completed")?.jobs ?? 0;
      if (done === fullNames.length && status.length === 1) break;
      await sleep(POLL_MS);
    }
    const wallMs = Date.now() - started;
    for (const unwatch of watchers) unwatch();
    await Promise.all(spawned.map((child) => stopChild(child)));

    const { rows } = await database.executeSql(
      `select (extract(epoch from max(finished_at) - min(started_at)) * 1000)::int as span
         from sync_jobs where type = 'backfill'`,
    );
    const mirrored = await mirrorCounts(database.db, { org: "acme" });
    const totals = status[0] as JobStatus;
    const result: Result = {
      workers,
      wallMs,
      jobsSpanMs: Number(rows[0]?.span ?? 0),
      requests: totals.requests,
      attempts: totals.attempts,
      jobs: totals.jobs,
    };
    const floorMs = (result.requests * latencyMs) / (workers * IN_FLIGHT);
    console.log(`\n## ${workers} worker${workers === 1 ? "" : "s"} (--concurrency 1 each)`);
    console.log(
      `wall: ${(wallMs / 1000).toFixed(1)} s (first job start to last finish: ${(result.jobsSpanMs / 1000).toFixed(1)} s)`,
    );
    console.log(
      `requests: ${result.requests} over ${result.jobs} jobs (${result.attempts} attempts); floor ${(floorMs / 1000).toFixed(1)} s (requests × ${latencyMs} ms ÷ (${workers} × ${IN_FLIGHT}))`,
    );
    console.log(`mirror: ${CHECKED.map((key) => `${mirrored[key]} ${key}`).join(", ")}`);
    const wrong = CHECKED.filter((key) => mirrored[key] !== truth[key]);
    if (wrong.length > 0) {
      throw new Error(
        `the mirror differs from the emulator: ${wrong.map((key) => `${key} ${mirrored[key]} ≠ ${truth[key]}`).join(", ")}`,
      );
    }
    return result;
  } finally {
    await Promise.all(spawned.map((child) => stopChild(child, 10_000)));
    if (emulator) await stopChild(emulator, 5_000);
    await database?.close();
    await dropBenchDatabase(bench.name);
  }
}

// ── main ───────────────────────────────────────────────────────────────────────────────────────
// Same options, same world: an in-process twin gives the truth and the repository names.
const twin = await startEmulator({ seed: 7, org: "acme", repos, scale, port: 0, now: new Date() });
const truth = twin.admin.counts();
const fullNames = twin.admin.repositories().map((repo) => repo.full_name);
await twin.close();

console.log(`# scale: ${repos} repositories at --scale ${scale}, latency ${latencyMs} ms, PostgreSQL`);
console.log(`truth: ${CHECKED.map((key) => `${truth[key]} ${key}`).join(", ")}`);
const one = await scenario(1, truth, fullNames);
const three = await scenario(3, truth, fullNames);
console.log(`\nspeed-up: 3 workers vs 1 = ${(one.wallMs / three.wallMs).toFixed(2)}`);
console.log(
  `(first job start to last finish: ${(one.jobsSpanMs / three.jobsSpanMs).toFixed(2)}; requests ${one.requests} vs ${three.requests})`,
);
