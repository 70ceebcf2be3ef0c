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
 *   Scenarios: an organization at --scale medium, and one 100,000-commit repository.
 *
 *   npm run build && node --import tsx bench/backfill.ts [--latency-ms 100] [--quick] [--database embedded|postgres|both]
 * (--quick: small scale and a 20,000-commit repository, for a fast look.) PostgreSQL databases are
 * created on GHSYNC_BENCH_PG_URL (bench/support.ts) and dropped.
 */
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { startEmulator, type EmulatorOptions } from "../src/emulator/index.js";
import { stopServer } from "../src/store/embedded/server.js";
import { processTree, watchMemory, type MemorySample } from "./process-memory.js";
import { createBenchDatabase, dropBenchDatabase, root, serveEmulator, stopChild, track } from "./support.js";

/** The throttling plugin's cap on requests in flight per client (see src/github/client.ts). */
const CONCURRENCY = 10;
const COUNT_KEYS = ["repositories", "commits", "pull_requests", "reviews", "issues", "comments"] as const;

const { values } = parseArgs({
  options: {
    "latency-ms": { type: "string", default: "100" },
    quick: { type: "boolean", default: false },
    database: { type: "string", default: "both" },
  },
});
const latencyMs = Number(values["latency-ms"]);
const pages = (items: number) => Math.max(1, Math.ceil(items / 100));
const cli = path.join(root, "dist", "cli", "main.js");
if (!existsSync(cli)) throw new Error("dist/cli/main.js is missing: run `npm run build` first");

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
  together: MemorySample;
  ghsync: MemorySample;
}

/** Runs the CLI with `args`, watching the memory of it and of the target's database processes. */
async function runCli(args: string[], target: Target, apiUrl: string): Promise<Run> {
  const child = track(
    spawn(process.execPath, [cli, ...args], {
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
  const pid = child.pid ?? 0;
  const together = watchMemory(async () => [pid, ...(await target.databasePids())]);
  const alone = watchMemory(() => [pid]);
  let stdout = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  const [peakTogether, peakAlone] = [await together.stop(), await alone.stop()];
  if (code !== 0) throw new Error(`ghsync ${args.join(" ")} exited ${code}`);
  return { summary: JSON.parse(stdout) as Record<string, number>, together: peakTogether, ghsync: peakAlone };
}

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
      const first = await runCli(["sync", "--org", "acme", "--full", "--json"], target, served.url);
      const rerun = await runCli(["sync", "--org", "acme", "--json"], target, served.url);
      const stats = await runCli(["stats", "--org", "acme", "--json"], target, served.url);
      const equal = COUNT_KEYS.every((key) => stats.summary[key] === counts[key]);
      const requests = first.summary.requests ?? 0;
      const duration = first.summary.duration_ms ?? 0;
      console.log(`### ${target.kind}`);
      console.log(
        `requests: ${requests} / minimum ${minimum + details} (lists ${minimum} + PR details ${details}) = ${(requests / (minimum + details)).toFixed(3)}; counts equal to the emulator: ${equal ? "yes" : "NO"}`,
      );
      console.log(
        `no-change rerun: ${rerun.summary.requests} requests, ${rerun.summary.not_modified} not modified, ${rerun.summary.points_used} points`,
      );
      console.log(
        `wall: ${(duration / 1000).toFixed(1)} s / floor ${(floorMs / 1000).toFixed(1)} s = ${(duration / floorMs).toFixed(2)}`,
      );
      console.log(
        `peak memory, ghsync + database: PSS ${first.together.pssMb} MB, RSS ${first.together.rssMb} MB (ghsync alone: RSS ${first.ghsync.rssMb} MB)`,
      );
    } finally {
      await target.close();
      await stopChild(served.child);
    }
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
