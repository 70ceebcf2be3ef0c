/**
 * bench/staleness — how current `ghsync serve` keeps a large organization while it changes, and
 * what that costs: its scheduler (change detection every minute, jobs/reconcile-job.ts) without
 * webhooks, then with webhooks of which a share is dropped. Each mode: a fresh emulator (in a
 * process of its own) and database, a full backfill, every repository tracked, `ghsync serve`
 * started (a process of its own, as a user runs it) and its first tick's full pass awaited; then
 * changes in random repositories at a steady rate (a comment on an issue, or a new commit), each
 * timed until the mirror holds it.
 *
 * Staleness here is measured from outside: per change, the time from GitHub having it to the
 * mirror holding it (p50/p95/max), beside what `/api/status` reports. Points are the emulator's
 * own count for the token (core and GraphQL), per hour, against one token's 5,000.
 *
 *   node --import tsx bench/staleness.ts [--repos 2000] [--per-minute 10] [--minutes 5]
 *     [--webhooks off|on|both] [--drop 0.05]
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { openDatabase, type Database } from "../src/store/database.js";
import { queryRows } from "../src/store/raw-query.js";
import { freePort } from "../test/helpers/ports.js";
import { cliArgsOf, postgresTarget, runCli } from "./cli-run.js";
import { emulatorAdmin, interrupted, serveEmulator, stopChild, track } from "./support.js";

const { values } = parseArgs({
  options: {
    repos: { type: "string", default: "2000" },
    "per-minute": { type: "string", default: "10" },
    minutes: { type: "string", default: "5" },
    webhooks: { type: "string", default: "both" },
    drop: { type: "string", default: "0.05" },
  },
});
const repos = Number(values.repos);
const perMinute = Number(values["per-minute"]);
const minutes = Number(values.minutes);
const dropRate = Number(values.drop);
const modes = values.webhooks === "both" ? ["off", "on"] : [values.webhooks ?? "off"];
if (modes.some((mode) => mode !== "off" && mode !== "on"))
  throw new Error("--webhooks takes off, on or both");

const TOKEN = "staleness-bench";
const SECRET = "staleness-bench-secret";
const API_TOKEN = "staleness-bench-api-token";
const ONE_TOKEN_POINTS = 5_000;
const cli = cliArgsOf("source");

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Change {
  kind: "comment" | "commit";
  /** The comment's id, or the commit's sha. */
  key: string;
  at: number;
  seenAt?: number;
}

const quantile = (sorted: number[], q: number) =>
  sorted.length === 0 ? NaN : (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN);

async function runMode(mode: string): Promise<string> {
  const port = await freePort();
  const webhook =
    mode === "on" ? { url: `http://127.0.0.1:${port}/webhooks/github`, secret: SECRET, dropRate } : undefined;
  const emulator = await serveEmulator({
    seed: 29,
    repos,
    scale: "tiny",
    rateLimit: 1_000_000,
    graphqlRateLimit: 1_000_000,
    ...(webhook ? { webhook } : {}),
  });
  const target = await postgresTarget();
  const database: Database = await openDatabase({
    kind: "postgres",
    url: target.env.DATABASE_URL ?? "",
    poolSize: 2,
  });
  const env = { GITHUB_TOKEN: TOKEN };
  const admin = emulatorAdmin(emulator.url);
  let serve: ReturnType<typeof spawn> | undefined;
  try {
    let started = Date.now();
    await runCli(cli, ["sync", "--org", "acme", "--full", "--json"], target, emulator.url, false, env);
    const file = path.join(os.tmpdir(), `ghsync-staleness-${process.pid}.yaml`);
    await writeFile(file, "organizations:\n  - name: acme\n    depth: full\n");
    await runCli(cli, ["apply", file, "--json"], target, emulator.url, false, env);
    console.log(`[${mode}] backfill and tracking: ${((Date.now() - started) / 1000).toFixed(0)} s`);

    serve = track(
      spawn(process.execPath, [...cli, "serve", "--port", String(port), "--concurrency", "8"], {
        env: {
          ...process.env,
          ...target.env,
          GITHUB_API_URL: emulator.url,
          GITHUB_TOKEN: TOKEN,
          LOG_LEVEL: "warn",
          GHSYNC_API_TOKEN: API_TOKEN,
          ...(webhook ? { GITHUB_WEBHOOK_SECRET: SECRET } : {}),
        },
        stdio: ["ignore", "pipe", "inherit"],
      }),
    );
    await once(serve.stdout as NodeJS.ReadableStream, "data");
    const status = async () => {
      const response = await fetch(`http://127.0.0.1:${port}/api/status`, {
        headers: { authorization: `Bearer ${API_TOKEN}` },
      });
      return (await response.json()) as {
        staleness: { p95_s: number | null; max_s: number | null };
        queue: { queued: number; running: number; waiting: number };
      };
    };
    // The first tick's full pass: every repository polled once.
    started = Date.now();
    for (;;) {
      interrupted.signal.throwIfAborted();
      const now = await status();
      const busy = now.queue.queued + now.queue.running + now.queue.waiting;
      if (busy === 0 && now.staleness.max_s !== null && now.staleness.max_s < 120) break;
      await sleep(2_000);
    }
    console.log(`[${mode}] first full pass in serve: ${((Date.now() - started) / 1000).toFixed(0)} s`);

    await admin("POST", "/stats/reset");
    const names = (await admin<{ full_name: string }[]>("GET", "/repos")).map((repo) => repo.full_name);
    const changes: Change[] = [];
    const reported: number[] = [];
    const measureStart = Date.now();
    const end = measureStart + minutes * 60_000;
    const every = 60_000 / perMinute;
    let nextChange = measureStart;
    let nextStatus = measureStart;
    const pending = () => changes.filter((change) => change.seenAt === undefined);
    const check = async () => {
      const open = pending();
      const comments = open.filter((c) => c.kind === "comment").map((c) => Number(c.key));
      const shas = open.filter((c) => c.kind === "commit").map((c) => c.key);
      const seen = new Set<string>();
      if (comments.length > 0)
        for (const row of await queryRows<{ id: string }>(
          database.db,
          sql`select id from issue_comments where id = any(${`{${comments.join(",")}}`}::bigint[])`,
        ))
          seen.add(String(row.id));
      if (shas.length > 0)
        for (const row of await queryRows<{ sha: string }>(
          database.db,
          sql`select sha from commits where sha = any(${`{${shas.join(",")}}`}::text[])`,
        ))
          seen.add(row.sha);
      const now = Date.now();
      for (const change of open) if (seen.has(change.key)) change.seenAt = now;
    };
    while (Date.now() < end || (pending().length > 0 && Date.now() < end + 10 * 60_000)) {
      interrupted.signal.throwIfAborted();
      if (Date.now() >= nextChange && Date.now() < end) {
        const name = names[Math.floor(Math.random() * names.length)] ?? "acme/web";
        if (changes.length % 2 === 0) {
          const [issue] = await admin<{ number: number }[]>("GET", `/repos/${name}/issues`);
          const comment = await admin<{ id: number }>(
            "POST",
            `/repos/${name}/issues/${issue?.number ?? 1}/comments`,
            { body: "bench" },
          );
          changes.push({ kind: "comment", key: String(comment.id), at: Date.now() });
        } else {
          const [commit] = await admin<{ sha: string }[]>("POST", `/repos/${name}/commits`, { count: 1 });
          changes.push({ kind: "commit", key: commit?.sha ?? "", at: Date.now() });
        }
        nextChange += every;
      }
      if (Date.now() >= nextStatus) {
        const p95 = (await status()).staleness.p95_s;
        if (p95 !== null) reported.push(p95);
        nextStatus += 30_000;
      }
      await check();
      await sleep(500);
    }
    const measuredMs = Date.now() - measureStart;
    const stats = (
      await admin<{
        requests: Record<
          string,
          { requests: number; counted: number; graphql_points: number; searches: number }
        >;
      }>("GET", "/stats")
    ).requests[TOKEN];
    const latencies = changes
      .filter((change) => change.seenAt !== undefined)
      .map((change) => ((change.seenAt ?? 0) - change.at) / 1000)
      .sort((a, b) => a - b);
    const points = (stats?.counted ?? 0) + (stats?.graphql_points ?? 0);
    const perHour = (points * 3_600_000) / measuredMs;
    const requestsPerHour = ((stats?.requests ?? 0) * 3_600_000) / measuredMs;
    const lost = changes.length - latencies.length;
    return `| ${mode === "on" ? `on, ${Math.round(dropRate * 100)}% dropped` : "off"} | ${changes.length} | ${lost} | ${quantile(latencies, 0.5).toFixed(0)} | ${quantile(latencies, 0.95).toFixed(0)} | ${(latencies[latencies.length - 1] ?? NaN).toFixed(0)} | ${Math.max(...reported, 0)} | ${Math.round(requestsPerHour)} | ${Math.round(perHour)} | ${((perHour / ONE_TOKEN_POINTS) * 100).toFixed(1)}% |`;
  } finally {
    if (serve) await stopChild(serve);
    await database.close();
    await target.close();
    await stopChild(emulator.child);
  }
}

console.log(
  `${repos} repositories (--scale tiny), ${perMinute} changes a minute in random repositories for ${minutes} minutes; reconciliation every minute`,
);
const header = [
  "| webhooks | changes | not mirrored | p50 s | p95 s | max s | /api/status p95 s (max seen) | requests/hour | points/hour | of one token's 5,000 |",
  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
];
const rows: string[] = [];
for (const mode of modes) {
  rows.push(await runMode(mode));
  // Each mode's row as soon as it is measured (a long run stopped midway keeps what it measured).
  console.log([...header, ...rows].join("\n"));
}
