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
import { parseArgs } from "node:util";
import { startEmulator, type EmulatorOptions } from "../src/emulator/index.js";
import { cliArgsOf, embeddedTarget, postgresTarget, runCli } from "./cli-run.js";
import type { MemorySample } from "./process-memory.js";
import { serveEmulator, stopChild } from "./support.js";

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
const pages = (items: number) => Math.max(1, Math.ceil(items / 100));
const cliArgs = cliArgsOf(values.cli);

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
      const first = await runCli(
        cliArgs,
        ["sync", "--org", "acme", "--full", "--json"],
        target,
        served.url,
        true,
      );
      const synced = compareCounts(first.summary, counts);
      const requests = first.summary.requests ?? 0;
      const duration = first.summary.duration_ms ?? 0;
      console.log(`### ${target.kind}`);
      let stored = "";
      if (!memoryOnly) {
        const rerun = await runCli(cliArgs, ["sync", "--org", "acme", "--json"], target, served.url);
        const stats = await runCli(cliArgs, ["stats", "--org", "acme", "--json"], target, served.url);
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
