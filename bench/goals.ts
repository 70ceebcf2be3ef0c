/**
 * bench/goals — latency of goal-progress queries (metrics/goal-progress.ts) on PostgreSQL with
 * 1,000,000 commits and 100,000 pull requests, bulk-generated with `generate_series` (not through
 * the API): 1,000 accounts over 20 repositories and a year, 5% of the commits without a GitHub
 * author (matched by email), 50 people with two linked accounts each (one resolved by login at
 * query time) and a listed email. The same random goals (metric, weekly or monthly period in a
 * random timezone) are counted three times in one run:
 *   indexed   — every index of the schema;
 *   baseline₁ — without the indexes the goals migration added (author email, author + merged_at);
 *   baseline₂ — without any author index (a full scan per query).
 * Printed: p50 and p99 per scenario and metric, and the ratios baseline ÷ indexed. Every scenario
 * must return the same counts (checked).
 *
 *   node --import tsx bench/goals.ts [--queries 200] [--baseline-queries 60]
 *
 * The database `ghsync_bench_<random>` is created on GHSYNC_BENCH_PG_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres) and dropped at the end.
 */
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { periodContaining } from "../src/metrics/goal-periods.js";
import type { AutoMetric } from "../src/contract/enums.js";
import { countMetric } from "../src/metrics/goal-progress.js";
import { openDatabase, type Database } from "../src/store/database.js";
import { queryRows } from "../src/store/raw-query.js";
import { createBenchDatabase, dropBenchDatabase } from "./support.js";

const { values: flags } = parseArgs({
  options: {
    queries: { type: "string", default: "200" },
    "baseline-queries": { type: "string", default: "60" },
  },
});
const METRICS: AutoMetric[] = ["commits", "pull_requests_opened", "pull_requests_merged"];
const ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Sydney"];
const NOW = Date.parse("2026-12-01T00:00:00Z");
const YEAR_MS = 365 * 86_400_000;

async function generate(database: Database): Promise<void> {
  const run = (text: string) => database.executeSql(text);
  await run(`insert into accounts (id, login, type)
    select g, 'dev-' || g, case when g % 100 = 0 then 'Bot' else 'User' end from generate_series(1, 1000) g`);
  await run(`insert into repositories (id, owner, name, full_name, private, tracked, default_branch, last_synced_at)
    select g, 'acme', 'repo-' || g, 'acme/repo-' || g, g % 5 = 0, true, 'main', now() from generate_series(1, 20) g`);
  // Spread over the year before NOW; author ids scattered, 5% anonymous with an email.
  await run(`insert into commits (repository_id, sha, author_id, author_email, authored_at, committed_at, message)
    select 1 + g % 20, md5(g::text) || lpad(g::text, 8, '0'),
      case when g % 20 = 0 then null else 1 + (g * 7919) % 1000 end,
      'dev-' || (1 + (g * 104729) % 1000) || '@example.com',
      timestamptz '2026-12-01' - (g % 525600) * interval '1 minute',
      timestamptz '2026-12-01' - (g % 525600) * interval '1 minute', ''
    from generate_series(1::bigint, 1000000) g`);
  await run(`insert into pull_requests (id, repository_id, number, title, author_id, author_login, state, merged,
      merged_at, created_at, updated_at)
    select g, 1 + g % 20, g, 'PR ' || g, 1 + (g * 7919) % 1000, 'dev-' || (1 + (g * 7919) % 1000),
      'closed', g % 10 < 6,
      case when g % 10 < 6 then timestamptz '2026-12-01' - (g % 5256) * interval '100 minutes' + interval '2 days' end,
      timestamptz '2026-12-01' - (g % 5256) * interval '100 minutes',
      timestamptz '2026-12-01' - (g % 5256) * interval '100 minutes'
    from generate_series(1::bigint, 100000) g`);
  await run(`insert into users (login, timezone, commit_emails)
    select 'person-' || g, 'UTC', jsonb_build_array('dev-' || (g + 500) || '@example.com') from generate_series(1, 50) g`);
  // One link resolved (account id known), one by login only (resolved by the query).
  await run(`insert into user_github_accounts (user_id, account_id, login)
    select u.id, (u.id * 13) % 1000 + 1, 'dev-' || ((u.id * 13) % 1000 + 1) from users u`);
  await run(`insert into user_github_accounts (user_id, account_id, login)
    select u.id, null, 'dev-' || ((u.id * 17 + 3) % 1000 + 1) from users u
    where not exists (select 1 from user_github_accounts x where lower(x.login) = 'dev-' || ((u.id * 17 + 3) % 1000 + 1))`);
  await run("analyze");
}

interface Probe {
  userId: number;
  metric: AutoMetric;
  start: Date;
  end: Date;
}

function probes(userIds: number[], count: number): Probe[] {
  let seed = 42;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(NOW - random() * YEAR_MS);
    const period = periodContaining(i % 2 ? "weekly" : "monthly", ZONES[i % ZONES.length] ?? "UTC", at);
    const metric = METRICS[i % METRICS.length] ?? "commits";
    return { userId: userIds[Math.floor(random() * userIds.length)] ?? 1, metric, ...period };
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Runs the probes; returns per metric the sorted latencies (ms) and the counts. */
async function measure(database: Database, list: Probe[]) {
  const latencies = new Map<AutoMetric, number[]>(METRICS.map((m) => [m, []]));
  const counts: number[] = [];
  for (const probe of list) {
    const started = performance.now();
    counts.push(
      await countMetric(database.db, probe.metric, {
        userId: probe.userId,
        start: probe.start,
        end: probe.end,
        repositoryId: null,
        publicOnly: false,
        botLogins: [],
      }),
    );
    latencies.get(probe.metric)?.push(performance.now() - started);
  }
  for (const values of latencies.values()) values.sort((a, b) => a - b);
  return { latencies, counts };
}

async function main(): Promise<void> {
  const bench = await createBenchDatabase();
  const database = await openDatabase({ kind: "postgres", url: bench.url, poolSize: 2 });
  try {
    let started = performance.now();
    await generate(database);
    console.error(
      `generated 1,000,000 commits and 100,000 pull requests in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const rows = await queryRows<{ id: number | string }>(database.db, sql`select id from users order by id`);
    const userIds = rows.map((row) => Number(row.id));
    const all = probes(userIds, Number(flags.queries));
    const few = all.slice(0, Number(flags["baseline-queries"]));
    await measure(database, few); // warm the cache: every scenario reads from memory
    started = performance.now();
    const indexed = await measure(database, all);
    console.error(`indexed: ${all.length} queries in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await database.executeSql(
      "drop index commits_author_email_idx; drop index pull_requests_author_merged_idx",
    );
    const baseline1 = await measure(database, few);
    await database.executeSql("drop index commits_author_idx; drop index pull_requests_author_idx");
    const baseline2 = await measure(database, few);
    const same = (a: number[], b: number[]) => b.every((n, i) => n === a[i]);
    if (!same(indexed.counts, baseline1.counts) || !same(indexed.counts, baseline2.counts)) {
      throw new Error("the scenarios disagree on the counts");
    }
    console.log(`goal-progress queries, ${all.length} indexed / ${few.length} per baseline (ms)`);
    console.log(
      "metric                 indexed p50/p99   baseline₁ p50/p99   baseline₂ p50/p99   ratio₁ p50   ratio₂ p50",
    );
    for (const metric of METRICS) {
      const [a, b, c] = [indexed, baseline1, baseline2].map((run) => run.latencies.get(metric) ?? []) as [
        number[],
        number[],
        number[],
      ];
      const cell = (values: number[]) =>
        `${percentile(values, 50).toFixed(2)} / ${percentile(values, 99).toFixed(2)}`.padEnd(20);
      const ratio = (values: number[]) => (percentile(values, 50) / percentile(a, 50)).toFixed(1).padEnd(13);
      console.log(`${metric.padEnd(23)}${cell(a)}${cell(b)}${cell(c)}${ratio(b)}${ratio(c)}`);
    }
    const nonZero = indexed.counts.filter((n) => n > 0).length;
    console.log(`${nonZero} of ${all.length} goals have a non-zero count; counts equal in every scenario`);
  } finally {
    await database.close();
    await dropBenchDatabase(bench.name);
  }
}

await main();
