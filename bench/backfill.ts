/**
 * bench/backfill — what a full backfill costs, run as a user runs it: the `ghsync sync` CLI (the
 * built dist/) against the emulator in a child process, on the embedded server and on a
 * PostgreSQL server (DATABASE_URL). Printed as ratios to the floor:
 *   requests ÷ theoretical minimum (Σ ceil(items/100) over the lists needed — org repositories,
 *   commits, pulls, issues (GitHub lists PRs there too), repository-wide comments, contributors —
 *   plus max(1, ceil(reviews/100)) per pull request, since REST has no repository-wide review list)
 *   and, counted apart, the PR details metrics need — per pull request the detail, its commits
 *   (ceil(min(commits, 250)/100) pages) and its timeline (one page);
 *   points spent by an immediate no-change rerun; wall time ÷ (minimum × latency ÷ concurrency);
 *   peak memory of ghsync and its database processes together (bench/process-memory.ts): the
 *   embedded server's whole process tree, or the backends serving the bench database (the shared
 *   postmaster of a PostgreSQL server is not counted).
 *   Scenarios: an organization at --scale medium, and one 100,000-commit repository. A table of the
 *   memory figures closes the run.
 *
 *   npm run build && node --import tsx bench/backfill.ts [--latency-ms 100] [--quick] [--memory-only]
 *     [--database embedded|postgres|both] [--cli dist|source]
 * (--quick: small scale and a 20,000-commit repository, for a fast look. --memory-only: the full
 * backfill alone, its memory and its counts against the emulator's — no rerun, no `ghsync stats`.
 * --cli source: `node --import tsx src/cli/main.ts` instead of the built dist/, for when dist/ is
 * not built or not current; tsx's esbuild service, a child of the CLI, is then not counted, but
 * tsx's loader in the ghsync process is.) PostgreSQL databases are created on GHSYNC_BENCH_PG_URL
 * (bench/support.ts) and dropped.
 */
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { startEmulator, type EmulatorOptions } from "../src/emulator/index.js";
import { stopServer } from "../src/store/embedded/server.js";
import { processTree, sampleMemory, type MemorySample } from "./process-memory.js";
import { createBenchDatabase, dropBenchDatabase, root, serveEmulator, stopChild, track } from "./support.js";

/** The throttling plugin's cap on requests in flight per client (see src/github/client.ts). */
const CONCURRENCY = 10;
const COUNT_KEYS = ["repositories", "commits", "pull_requests", "reviews", "issues", "comments"] as const;

const { values } = parseArgs({
  options: {
    "latency-ms": { type: "string", default: "100" },
    quick: { type: "boolean", default: false },
    "memory-only": { type: "boolean", default: false },
    database: { type: "string", default: "both" },
    cli: { type: "string", default: "dist" },
  },
});
const latencyMs = Number(values["latency-ms"]);
const memoryOnly = values["memory-only"];
if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new Error("--latency-ms takes a number");
if (!["embedded", "postgres", "both"].includes(values.database))
  throw new Error("--database takes embedded, postgres or both");
if (!["dist", "source"].includes(values.cli)) throw new Error("--cli takes dist or source");
const pages = (items: number) => Math.max(1, Math.ceil(items / 100));
/** How the CLI is started: the built dist/ as a user runs it, or the sources through tsx. */
const cliArgs =
  values.cli === "dist"
    ? [path.join(root, "dist", "cli", "main.js")]
    : ["--import", "tsx", path.join(root, "src", "cli", "main.ts")];
if (values.cli === "dist" && !existsSync(cliArgs[0] ?? ""))
  throw new Error("dist/cli/main.js is missing: run `npm run build` first, or pass --cli source");

/** Where a run's rows go, and which processes are its database. */
interface Target {
  kind: "embedded" | "postgres";
  env: Record<string, string>;
  databasePids(): Promise<number[]>;
  close(): Promise<void>;
}

function embeddedTarget(): Target {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ghsync-bench-"));
  chmodSync(dir, 0o755); // as root, the server runs as `postgres`, which must enter it
  const cluster = path.join(dir, "postgres");
  return {
    kind: "embedded",
    env: { DATABASE_URL: "", GHSYNC_DATA_DIR: dir },
    async databasePids() {
      try {
        const pid = Number(readFileSync(path.join(cluster, "postmaster.pid"), "utf8").split("\n")[0]);
        return processTree(pid);
      } catch {
        return [];
      }
    },
    async close() {
      if (existsSync(cluster)) await stopServer(realpathSync(cluster));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresTarget(): Promise<Target> {
  const database = await createBenchDatabase();
  const watcher = new pg.Client({ connectionString: database.url });
  await watcher.connect();
  return {
    kind: "postgres",
    env: { DATABASE_URL: database.url },
    async databasePids() {
      const { rows } = await watcher.query<{ pid: number }>(
        "select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()",
      );
      return rows.map((row) => row.pid);
    },
    async close() {
      await watcher.end();
      await dropBenchDatabase(database.name);
    },
  };
}

interface Run {
  summary: Record<string, number>;
  /** Spawn to exit, server start and migrations included. */
  wallMs: number;
  /** Peaks, when watched: ghsync and its database processes together, and ghsync alone. */
  together: MemorySample;
  ghsync: MemorySample;
}

/**
 * The processes of a run: the CLI, its children but tsx's esbuild service (initdb; the embedded
 * postmaster is one too until the CLI exits) and the target's database processes.
 */
async function runPids(cliPid: number, target: Target): Promise<number[]> {
  const children = processTree(cliPid).filter((pid) => pid === cliPid || commandOf(pid) !== "esbuild");
  return [...children, ...(await target.databasePids())];
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "";
  }
}

/**
 * Samples every ~100 ms, until stopped, the memory of the run's processes together and of the CLI
 * alone (in the same instant), keeping the peaks of each sum.
 */
function watchRun(cliPid: number, target: Target) {
  const together: MemorySample = { rssMb: 0, pssMb: 0 };
  const ghsync: MemorySample = { rssMb: 0, pssMb: 0 };
  const keepPeak = (peak: MemorySample, sample: MemorySample) => {
    peak.rssMb = Math.max(peak.rssMb, sample.rssMb);
    peak.pssMb = Math.max(peak.pssMb, sample.pssMb);
  };
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const pids = await runPids(cliPid, target).catch(() => [cliPid]);
      keepPeak(together, sampleMemory(pids));
      keepPeak(ghsync, sampleMemory([cliPid]));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return { together, ghsync };
    },
  };
}

/** Runs the CLI with `args`, watching (when asked) the memory of it and of the target's database processes. */
async function runCli(args: string[], target: Target, apiUrl: string, watch = false): Promise<Run> {
  const started = Date.now();
  const child = track(
    spawn(process.execPath, [...cliArgs, ...args], {
      env: {
        ...process.env,
        LOG_LEVEL: "silent",
        GITHUB_API_URL: apiUrl,
        GITHUB_TOKEN: "bench",
        ...target.env,
      },
      stdio: ["ignore", "pipe", "inherit"],
    }),
  );
  const watcher = watch && child.pid !== undefined ? watchRun(child.pid, target) : undefined;
  let stdout = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => {
    child.once("close", resolve); // after stdout has ended
    child.once("error", () => resolve(null));
  });
  const wallMs = Date.now() - started;
  const peaks = (await watcher?.stop()) ?? {
    together: { rssMb: 0, pssMb: 0 },
    ghsync: { rssMb: 0, pssMb: 0 },
  };
  if (code !== 0) throw new Error(`ghsync ${args.join(" ")} exited ${code}`);
  return { summary: JSON.parse(stdout) as Record<string, number>, wallMs, ...peaks };
}

/** "yes", or what differs from the emulator's truth. */
function compareCounts(found: Record<string, number>, truth: Record<string, number>): string {
  const wrong = COUNT_KEYS.filter((key) => found[key] !== truth[key]);
  return wrong.length === 0
    ? "yes"
    : `NO (${wrong.map((key) => `${key} ${found[key] ?? "-"} ≠ ${truth[key]}`).join(", ")})`;
}

interface MemoryRow {
  scenario: string;
  database: string;
  together: MemorySample;
  ghsync: MemorySample;
  wallMs: number;
  syncMs: number;
  counts: string;
}
const rows: MemoryRow[] = [];
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function scenario(name: string, scenarioOptions: EmulatorOptions): Promise<void> {
  const options = { seed: 7, latencyMs, org: "acme", ...scenarioOptions };
  // Same options, same world: the twin answers the truth without serving.
  const twin = await startEmulator({ ...options, port: 0, now: new Date() });
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
  const counts = admin.counts() as unknown as Record<string, number>;
  await twin.close();
  const floorMs = ((minimum + details) * latencyMs) / CONCURRENCY;
  console.log(`\n## ${name} (latency ${latencyMs} ms)`);
  console.log(
    `data: ${counts.repositories} repositories, ${counts.commits} commits, ${counts.pull_requests} PRs, ${counts.reviews} reviews, ${counts.issues} issues, ${counts.comments} comments`,
  );
  const kinds = values.database === "both" ? ["embedded", "postgres"] : [values.database];
  for (const kind of kinds) {
    // An emulator per target: each full backfill starts with the whole hourly budget.
    const served = await serveEmulator(options);
    const target = kind === "embedded" ? embeddedTarget() : await postgresTarget();
    try {
      const first = await runCli(["sync", "--org", "acme", "--full", "--json"], target, served.url, true);
      const synced = compareCounts(first.summary, counts);
      const requests = first.summary.requests ?? 0;
      const duration = first.summary.duration_ms ?? 0;
      console.log(`### ${target.kind}`);
      let stored = "";
      if (!memoryOnly) {
        const rerun = await runCli(["sync", "--org", "acme", "--json"], target, served.url);
        const stats = await runCli(["stats", "--org", "acme", "--json"], target, served.url);
        stored = compareCounts(stats.summary, counts);
        console.log(
          `requests: ${requests} / minimum ${minimum + details} (lists ${minimum} + PR details ${details}) = ${(requests / (minimum + details)).toFixed(3)}; counts equal to the emulator: ${stored}`,
        );
        console.log(
          `no-change rerun: ${rerun.summary.requests} requests, ${rerun.summary.not_modified} not modified, ${rerun.summary.points_used} points`,
        );
        console.log(
          `wall: ${(duration / 1000).toFixed(1)} s / floor ${(floorMs / 1000).toFixed(1)} s = ${(duration / floorMs).toFixed(2)}`,
        );
      }
      console.log(
        `peak memory, ghsync + database: PSS ${first.together.pssMb} MB, RSS ${first.together.rssMb} MB (ghsync alone: RSS ${first.ghsync.rssMb} MB, PSS ${first.ghsync.pssMb} MB)`,
      );
      console.log(
        `sync: ${seconds(duration)} (process ${seconds(first.wallMs)}), ${requests} requests; counts written equal to the emulator: ${synced}`,
      );
      rows.push({
        scenario: name,
        database: target.kind === "embedded" ? "embedded" : "DATABASE_URL",
        together: first.together,
        ghsync: first.ghsync,
        wallMs: first.wallMs,
        syncMs: duration,
        counts: memoryOnly || stored === synced ? synced : `sync ${synced}, stats ${stored}`,
      });
    } finally {
      await target.close();
      await stopChild(served.child);
    }
  }
}

function printTable(): void {
  const header = [
    "scenario",
    "database",
    "peak PSS sum",
    "peak RSS sum",
    "ghsync alone, peak RSS",
    "duration (sync)",
    "counts = emulator",
  ];
  const lines = rows.map((row) => [
    row.scenario,
    row.database,
    `${row.together.pssMb} MB`,
    `${row.together.rssMb} MB`,
    `${row.ghsync.rssMb} MB`,
    `${seconds(row.wallMs)} (${seconds(row.syncMs)})`,
    row.counts,
  ]);
  const widths = header.map((cell, i) => Math.max(cell.length, ...lines.map((line) => line[i]?.length ?? 0)));
  const format = (cells: string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  console.log(
    `\n## Peak memory, ghsync + database (goal < 300 MB; CLI: ${values.cli}, latency ${latencyMs} ms)`,
  );
  console.log(format(header));
  console.log(format(widths.map((width) => "-".repeat(width))));
  for (const line of lines) console.log(format(line));
  console.log(
    "Sums sampled every ~100 ms over the full backfill: the ghsync process (and its children: initdb) with the embedded server's whole process tree, or with the backends serving the bench database (pg_stat_activity; the shared postmaster of the system server is not counted). RSS counts PostgreSQL's shared buffers once per backend; PSS divides them, the honest total. Duration: the process, spawn to exit (the sync itself).",
  );
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
printTable();
