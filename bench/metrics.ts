/**
 * bench/metrics — p50/p99 of the metrics queries (a person, a repository, the prioritized issue
 * list) on PostgreSQL with 1,000,000 commits and 100,000 pull requests (bench/metrics-data.ts),
 * printed against a baseline measured in the same run: for a person and a repository the same
 * query without the indexes migrations 0007 (commit email) and 0008 add; for the issue list (which those indexes do not
 * serve) a plain read of the same issue rows, i.e. what triage and sorting add to the read.
 *
 *   node --import tsx bench/metrics.ts [--quick] [--runs 40]
 * (--quick: 100,000 commits and 10,000 PRs.) The database is a fresh one on GHSYNC_BENCH_PG_URL.
 */
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { prioritizedIssues } from "../src/metrics/prioritized-issues.js";
import { repoMetrics } from "../src/metrics/repo-metrics.js";
import { userMetrics } from "../src/metrics/user-metrics.js";
import { openDatabase, type Db } from "../src/store/database.js";
import { PEOPLE, REPOSITORIES, generateRows } from "./metrics-data.js";
import { createBenchDatabase, dropBenchDatabase } from "./support.js";

const { values } = parseArgs({
  options: { quick: { type: "boolean", default: false }, runs: { type: "string", default: "40" } },
});
const runs = Number(values.runs);
const size = values.quick
  ? { commits: 100_000, pulls: 10_000, issues: 5_000 }
  : { commits: 1_000_000, pulls: 100_000, issues: 50_000 };

/** The indexes migrations 0007 and 0008 add for these queries, re-created after the baseline. */
const INDEXES = {
  commits_author_email_idx: sql`create index commits_author_email_idx on commits (lower(author_email), authored_at)`,
  pull_requests_repo_created_idx: sql`create index pull_requests_repo_created_idx on pull_requests (repository_id, created_at)`,
  pull_requests_repo_merged_idx: sql`create index pull_requests_repo_merged_idx on pull_requests (repository_id, merged_at)`,
  pull_request_reviews_repo_submitted_idx: sql`create index pull_request_reviews_repo_submitted_idx on pull_request_reviews (repository_id, submitted_at)`,
};

type Query = (i: number) => Promise<unknown>;

interface Measured {
  run: Query;
  /** The baseline: `unindexed` runs `run` again with those indexes dropped; a query runs itself. */
  baseline: "unindexed" | Query;
}

function queries(db: Db): Record<string, Measured> {
  const options = { botLogins: [] };
  const person = (i: number) => `person${(i % PEOPLE) + 1}`;
  const repo = (i: number) => `acme/repo${(i % REPOSITORIES) + 1}`;
  const yearAgo = () => new Date(Date.now() - 365 * 86_400_000).toISOString();
  return {
    "user, 30 days": { run: (i) => userMetrics(db, person(i), {}, options), baseline: "unindexed" },
    "user, 365 days": {
      run: (i) => userMetrics(db, person(i), { from: yearAgo() }, options),
      baseline: "unindexed",
    },
    "repository, 30 days": { run: (i) => repoMetrics(db, repo(i), {}, options), baseline: "unindexed" },
    "repository, 365 days": {
      run: (i) => repoMetrics(db, repo(i), { from: yearAgo() }, options),
      baseline: "unindexed",
    },
    "issues by priority (baseline: plain read)": {
      run: (i) => prioritizedIssues(db, repo(i), { state: "open", limit: 100 }),
      baseline: (i) =>
        db.execute(sql`select i.* from issues i join repositories r on r.id = i.repository_id
                       where lower(r.full_name) = lower(${repo(i)}) and i.state = 'open' and i.deleted_at is null`),
    },
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;

interface Timing {
  p50: number;
  p99: number;
}

async function measure(query: Query): Promise<Timing> {
  await query(0); // warm the cache and the plan
  const times: number[] = [];
  for (let i = 1; i <= runs; i++) {
    const start = performance.now();
    await query(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

const bench = await createBenchDatabase();
const database = await openDatabase({ kind: "postgres", url: bench.url, poolSize: 4 });
try {
  const started = performance.now();
  await generateRows(database.db, size);
  console.log(
    `## metrics queries on PostgreSQL: ${size.commits.toLocaleString("en")} commits, ${size.pulls.toLocaleString("en")} PRs, ${(size.pulls * 2).toLocaleString("en")} reviews, ${size.issues.toLocaleString("en")} issues (generated in ${((performance.now() - started) / 1000).toFixed(1)} s); ${runs} runs each`,
  );
  const measured = queries(database.db);
  const indexed: Record<string, Timing> = {};
  const baseline: Record<string, Timing> = {};
  for (const [name, query] of Object.entries(measured)) {
    indexed[name] = await measure(query.run);
    if (query.baseline !== "unindexed") baseline[name] = await measure(query.baseline);
  }
  for (const name of Object.keys(INDEXES)) await database.db.execute(sql.raw(`drop index ${name}`));
  await database.db.execute(sql`analyze`);
  for (const [name, query] of Object.entries(measured)) {
    if (query.baseline === "unindexed") baseline[name] = await measure(query.run);
  }
  console.log("| query | p50 ms | p99 ms | baseline p50 ms | baseline p99 ms | p50 ÷ baseline p50 |");
  console.log("|---|---|---|---|---|---|");
  for (const name of Object.keys(measured)) {
    const mine = indexed[name] ?? { p50: 0, p99: 0 };
    const base = baseline[name] ?? { p50: 0, p99: 0 };
    console.log(
      `| ${name} | ${mine.p50.toFixed(1)} | ${mine.p99.toFixed(1)} | ${base.p50.toFixed(1)} | ${base.p99.toFixed(1)} | ${(mine.p50 / base.p50).toFixed(2)} |`,
    );
  }
  for (const create of Object.values(INDEXES)) await database.db.execute(create);
} finally {
  await database.close();
  await dropBenchDatabase(bench.name);
}
