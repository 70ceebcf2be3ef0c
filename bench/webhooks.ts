/**
 * bench/webhooks — how fast `ghsync serve` on PostgreSQL acknowledges signed webhook deliveries,
 * and how soon their rows are visible. A load generator (autocannon) posts N distinct, signed
 * `issues.opened` deliveries (GitHub's own example payload, a new issue id each) from 127.0.0.1;
 * printed, for a burst (as fast as the generator goes) and a steady 100 deliveries/s:
 * acknowledged per second, p50/p99 acknowledgement latency, and p50/p99 of acknowledgement → rows
 * committed (the inbox's received_at → processed_at, which the processing transaction writes with
 * the rows). Baseline in the same run: the same load on GET /api/health (a few database reads per
 * request), as a throughput ratio.
 *
 *   node --import tsx bench/webhooks.ts [--deliveries 2000] [--connections 20]
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { openDatabase } from "../src/store/database.js";
import { sign } from "../src/util/signature.js";
import { createBenchDatabase, dropBenchDatabase, root, stopChild, track } from "./support.js";

const { values } = parseArgs({
  options: {
    deliveries: { type: "string", default: "2000" },
    connections: { type: "string", default: "20" },
  },
});
const total = Number(values.deliveries);
const connections = Number(values.connections);
const SECRET = "bench-webhook-secret";
const API_TOKEN = "bench-api-token-0123456789";

interface Example {
  name: string;
  examples: { action?: string; issue: Record<string, unknown> }[];
}
const examples = createRequire(import.meta.url)(
  "@octokit/webhooks-examples/api.github.com/index.json",
) as Example[];
const opened = examples.find((e) => e.name === "issues")?.examples.find((e) => e.action === "opened");
if (!opened) throw new Error("no issues.opened example");

// Pre-built and pre-signed (two phases' worth): the generator only picks the next one.
const deliveries = Array.from({ length: 2 * total }, (_, i) => {
  const body = JSON.stringify({
    ...opened,
    issue: { ...opened.issue, id: 900_000_000 + i, number: 100_000 + i, title: `bench issue ${i}` },
  });
  return {
    body,
    headers: {
      "content-type": "application/json",
      "x-github-event": "issues",
      "x-github-delivery": randomUUID(),
      "x-github-hook-id": "1",
      "x-hub-signature-256": sign(SECRET, body),
    },
  };
});

function load(url: string, requests: autocannon.Request[], amount: number) {
  return autocannon({ url, connections, amount, requests });
}

const bench = await createBenchDatabase();
const database = await openDatabase({ kind: "postgres", url: bench.url, poolSize: 2 });
const serve = track(
  spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "serve", "--port", "0"], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: bench.url,
      GITHUB_WEBHOOK_SECRET: SECRET,
      GHSYNC_API_TOKEN: API_TOKEN,
      GITHUB_TOKEN: "",
      LOG_LEVEL: "error",
    },
    stdio: ["ignore", "pipe", "inherit"],
  }),
);
try {
  const line = await new Promise<string>((resolve, reject) => {
    serve.stdout?.once("data", (chunk: Buffer) => resolve(chunk.toString()));
    serve.once("exit", (code) => reject(new Error(`ghsync serve exited (${code})`)));
  });
  const base = /http:\/\/[^/\s]+/.exec(line)?.[0];
  if (!base) throw new Error(`no URL in: ${line}`);

  // Baseline: the same load on a trivial database-backed read.
  const health = await load(`${base}/api/health`, [{ method: "GET" }], total);
  console.log(
    `# webhooks: ${total} signed issues.opened deliveries per phase, ${connections} connections, PostgreSQL`,
  );
  console.log(
    `baseline GET /api/health: ${health.requests.average.toFixed(0)}/s, p50 ${health.latency.p50} ms, p99 ${health.latency.p99} ms`,
  );
  let next = 0;
  const phase = async (name: string, overallRate?: number) => {
    const since = new Date();
    const started = Date.now();
    const result = await autocannon({
      url: `${base}/webhooks/github`,
      connections,
      amount: total,
      ...(overallRate ? { overallRate } : {}),
      requests: [
        {
          method: "POST",
          setupRequest: (request) => {
            const delivery = deliveries[next++ % deliveries.length] as (typeof deliveries)[number];
            return { ...request, body: delivery.body, headers: delivery.headers };
          },
        },
      ],
    });
    const ackedMs = Date.now() - started;
    for (;;) {
      const { rows } = await database.executeSql(
        "select count(*)::int as pending from webhook_deliveries where status = 'received'",
      );
      if (Number(rows[0]?.pending) === 0) break;
      await sleep(100);
    }
    const visibleMs = Date.now() - started;
    const { rows } = await database.executeSql(
      `select count(*)::int as n,
              percentile_cont(0.5) within group (order by extract(epoch from processed_at - received_at)) * 1000 as p50,
              percentile_cont(0.99) within group (order by extract(epoch from processed_at - received_at)) * 1000 as p99
         from webhook_deliveries where status = 'processed' and received_at >= $1`,
      [since],
    );
    const codes = Object.entries(result.statusCodeStats ?? {})
      .map(([code, stat]) => `${code}×${stat.count ?? 0}`)
      .join(", ");
    console.log(`\n## ${name}`);
    console.log(
      `acknowledged: ${(total / (ackedMs / 1000)).toFixed(0)}/s (${codes}); latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; ` +
        `throughput ÷ baseline = ${(result.requests.average / health.requests.average).toFixed(2)}`,
    );
    console.log(
      `ack → rows visible (${String(rows[0]?.n)} processed): p50 ${Number(rows[0]?.p50 ?? 0).toFixed(0)} ms, ` +
        `p99 ${Number(rows[0]?.p99 ?? 0).toFixed(0)} ms; all visible ${(visibleMs / 1000).toFixed(1)} s after the first send`,
    );
  };
  await phase("burst: as fast as the generator sends");
  await phase("steady: 100 deliveries/s", 100);
} finally {
  await stopChild(serve, 10_000);
  await database.close();
  await dropBenchDatabase(bench.name);
}
