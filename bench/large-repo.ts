/**
 * bench/large-repo — one large repository mirrored in full, pull requests with every review and
 * detail, by REST and by GraphQL in the same run (`ghsync sync --org acme --full --json --api …`,
 * the CLI as a user runs it, against the emulator in a child process). Per run: wall time of the
 * sync, requests, points GitHub charged (the emulator's count: REST core points + GraphQL query
 * costs), peak memory of ghsync and its database, and whether the mirror's counts equal the
 * emulator's. Each run gets a fresh emulator: GraphQL runs keep GitHub's default 5,000 points an
 * hour per API; REST runs are given 1,000,000 so they finish within the bench (on GitHub they wait
 * for the next hour every 5,000 points: the hours of one token's budget they need are printed).
 *
 *   node --import tsx bench/large-repo.ts [--worlds large,20k] [--latency-ms 100,300]
 *     [--apis rest,graphql] [--database postgres|embedded] [--cli source|dist]
 * Worlds: `large` = `ghsync emulator --seed 5 --repos 1 --scale large` (22,060 commits, 2,206 PRs);
 * `20k` = the same with 20,000 pull requests (`--pulls 20000`).
 */
import { parseArgs } from "node:util";
import { startEmulator, type EmulatorOptions } from "../src/emulator/index.js";
import { cliArgsOf, embeddedTarget, postgresTarget, runCli, type Run } from "./cli-run.js";
import { serveEmulator, stopChild } from "./support.js";

const { values } = parseArgs({
  options: {
    worlds: { type: "string", default: "large,20k" },
    "latency-ms": { type: "string", default: "100,300" },
    apis: { type: "string", default: "rest,graphql" },
    database: { type: "string", default: "postgres" },
    cli: { type: "string", default: "source" },
  },
});
const cliArgs = cliArgsOf(values.cli);
const WORLDS: Record<string, EmulatorOptions> = {
  large: { seed: 5, repos: 1, scale: "large" },
  "20k": { seed: 5, repos: 1, scale: "large", pullsPerRepo: 20_000 },
};
const worlds = values.worlds.split(",");
const latencies = values["latency-ms"].split(",").map(Number);
const apis = values.apis.split(",");
for (const world of worlds)
  if (!WORLDS[world]) throw new Error(`--worlds takes ${Object.keys(WORLDS).join(", ")}`);
for (const api of apis)
  if (api !== "rest" && api !== "graphql") throw new Error("--apis takes rest, graphql");
if (latencies.some((ms) => !Number.isFinite(ms) || ms < 0)) throw new Error("--latency-ms takes numbers");
if (values.database !== "postgres" && values.database !== "embedded")
  throw new Error("--database takes postgres or embedded");

const COUNT_KEYS = ["commits", "pull_requests", "reviews", "issues", "comments"] as const;
const TOKEN_HOURLY = 5_000;

interface Row {
  world: string;
  latencyMs: number;
  api: string;
  run: Run;
  charged: Charged;
  equal: string;
}

/** What the emulator charged the bench's token: in all, and for pull requests with their reviews and details. */
interface Charged {
  points: number;
  pullPoints: number;
}
const rows: Row[] = [];

/** The emulator's truth for a world: its counts, from a twin that serves nothing. */
async function truthOf(options: EmulatorOptions): Promise<Record<string, number>> {
  const twin = await startEmulator({ ...options, port: 0, now: new Date() });
  const counts = twin.admin.counts() as unknown as Record<string, number>;
  await twin.close();
  return counts;
}

/** REST paths that read pull requests, their reviews and details (a full backfill sends no 304s). */
const PULL_PATH = /\/pulls(\/|\?|$)|\/issues\/\d+\/timeline$/;

async function charged(url: string): Promise<Charged> {
  const stats = (await (await fetch(`${url}/_emulator/stats`)).json()) as {
    requests: Record<string, { counted?: number; graphql_points?: number; by_path?: Record<string, number> }>;
  };
  const token = stats.requests.bench;
  const pullRequests = Object.entries(token?.by_path ?? {})
    .filter(([path]) => PULL_PATH.test(path))
    .reduce((sum, [, count]) => sum + count, 0);
  const graphql = token?.graphql_points ?? 0;
  return { points: (token?.counted ?? 0) + graphql, pullPoints: pullRequests + graphql };
}

function compare(found: Record<string, number>, truth: Record<string, number>): string {
  const wrong = COUNT_KEYS.filter((key) => found[key] !== truth[key]);
  return wrong.length === 0
    ? "yes"
    : `NO (${wrong.map((key) => `${key} ${found[key]} ≠ ${truth[key]}`).join(", ")})`;
}

for (const world of worlds) {
  const base = WORLDS[world] as EmulatorOptions;
  const truth = await truthOf(base);
  console.log(
    `\n## ${world}: ${truth.commits} commits, ${truth.pull_requests} PRs, ${truth.reviews} reviews, ${truth.issues} issues, ${truth.comments} comments`,
  );
  for (const latencyMs of latencies) {
    for (const api of apis) {
      const options = { ...base, latencyMs, ...(api === "rest" ? { rateLimit: 1_000_000 } : {}) };
      const served = await serveEmulator(options);
      const target = values.database === "embedded" ? embeddedTarget() : await postgresTarget();
      try {
        const run = await runCli(
          cliArgs,
          ["sync", "--org", "acme", "--full", "--json", "--api", api],
          target,
          served.url,
          true,
        );
        const row = {
          world,
          latencyMs,
          api,
          run,
          charged: await charged(served.url),
          equal: compare(run.summary, truth),
        };
        rows.push(row);
        const s = run.summary;
        console.log(
          `${api} at ${latencyMs} ms: ${((s.duration_ms ?? 0) / 1000).toFixed(1)} s, ${s.requests} requests, ${s.points_used} points reported / ${row.charged.points} charged (pull requests with reviews and details: ${row.charged.pullPoints}; ${(row.charged.points / TOKEN_HOURLY).toFixed(1)} h of one token), peak RSS ghsync + database ${run.together.rssMb} MB (ghsync ${run.ghsync.rssMb} MB), counts equal: ${row.equal}`,
        );
      } finally {
        await target.close();
        await stopChild(served.child);
      }
    }
  }
}

const header = [
  "world",
  "latency",
  "API",
  "wall (sync)",
  "requests",
  "points",
  "of which pull requests",
  "hours of one token",
  "peak RSS",
  "counts = emulator",
];
const lines = rows.map((row) => [
  row.world,
  `${row.latencyMs} ms`,
  row.api,
  `${((row.run.summary.duration_ms ?? 0) / 1000).toFixed(1)} s`,
  String(row.run.summary.requests),
  String(row.charged.points),
  String(row.charged.pullPoints),
  (row.charged.points / TOKEN_HOURLY).toFixed(2),
  `${row.run.together.rssMb} MB`,
  row.equal,
]);
const widths = header.map((cell, i) => Math.max(cell.length, ...lines.map((line) => line[i]?.length ?? 0)));
const format = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ")} |`;
console.log(`\n${format(header)}\n${format(widths.map((width) => "-".repeat(width)))}`);
for (const line of lines) console.log(format(line));
for (const world of worlds)
  for (const latencyMs of latencies) {
    const rest = rows.find((row) => row.world === world && row.latencyMs === latencyMs && row.api === "rest");
    const graphql = rows.find(
      (row) => row.world === world && row.latencyMs === latencyMs && row.api === "graphql",
    );
    if (rest && graphql)
      console.log(
        `${world} at ${latencyMs} ms, GraphQL ÷ REST: points ${(graphql.charged.points / rest.charged.points).toFixed(3)} (pull requests ${(graphql.charged.pullPoints / rest.charged.pullPoints).toFixed(3)}), wall ${((graphql.run.summary.duration_ms ?? 0) / (rest.run.summary.duration_ms ?? 1)).toFixed(2)}`,
      );
  }
