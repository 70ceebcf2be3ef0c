/**
 * bench/soak — `ghsync serve` and two `ghsync worker`s on a PostgreSQL of the bench's own (the
 * embedded binaries, so it can be restarted without disturbing anything else), under steady
 * emulator activity sent as signed webhooks, for `--minutes` (default 30). Half-way: one immediate
 * database restart (`pg_ctl restart -m immediate`) and one worker `kill -9` (started again).
 * Sampled every 10 s: RSS of serve and of the workers, serve's event-loop lag p99 (its /metrics).
 * At the end: webhook acknowledgement p50/p99, deliveries acknowledged but not applied (must be
 * 0), deliveries refused while the database was down (GitHub does not retry them: reconciliation
 * recovers what they carried), and the mirror against an independent walk of the emulator after
 * one reconciliation.
 *
 *   node --import tsx bench/soak.ts [--minutes 30] [--rate 2] [--repos 3]
 */
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { pino } from "pino";
import { startEmulator } from "../src/emulator/index.js";
import { openDatabase } from "../src/store/database.js";
import { joinEmbeddedServer } from "../src/store/embedded/server.js";
import { mirrorCounts } from "../src/store/stats.js";
import { acknowledged, acknowledgedNotApplied } from "../test/helpers/deliveries.js";
import { restartImmediately } from "../test/helpers/postgres-restart.js";
import { freePort } from "../test/helpers/ports.js";
import { settled } from "../test/helpers/settled.js";
import { walkOrganization } from "../test/helpers/walk-github.js";
import { interrupted, root, stopChild, track } from "./support.js";

const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "30" },
    rate: { type: "string", default: "2" },
    repos: { type: "string", default: "3" },
  },
});
const minutes = Number(values.minutes);
const rate = Number(values.rate);
const SECRET = "soak-webhook-secret";
const API_TOKEN = "soak-api-token-0123456789";
const SAMPLE_MS = 10_000;

const dataDir = mkdtempSync(path.join(os.tmpdir(), "ghsync-soak-"));
chmodSync(dataDir, 0o755);
const log = pino({ level: "silent" });
const postgres = await joinEmbeddedServer(dataDir, log, "soak bench");
const database = await openDatabase({ kind: "postgres", url: postgres.url, poolSize: 2 });
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const emulator = await startEmulator({
  port: 0,
  seed: 41,
  repos: Number(values.repos),
  scale: "small",
  webhook: { url: `${base}/webhooks/github`, secret: SECRET },
});
const env = {
  ...process.env,
  DATABASE_URL: postgres.url,
  GITHUB_API_URL: emulator.url,
  GITHUB_TOKEN: "soak-token",
  GITHUB_WEBHOOK_SECRET: SECRET,
  GHSYNC_API_TOKEN: API_TOKEN,
  GHSYNC_RECOVERY_INTERVAL_S: "5",
  LOG_LEVEL: "error",
};
const ghsync = (args: string[]): ChildProcess =>
  track(
    spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
      cwd: root,
      env,
      stdio: ["ignore", "ignore", "inherit"],
    }),
  );
const api = (route: string, init: RequestInit = {}) =>
  fetch(`${base}${route}`, {
    ...init,
    headers: { authorization: `Bearer ${API_TOKEN}`, "content-type": "application/json" },
  });

function rssMb(child: ChildProcess | undefined): number {
  try {
    const status = readFileSync(`/proc/${child?.pid ?? 0}/status`, "utf8");
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

async function lagP99Ms(): Promise<number | null> {
  const text = await (await api("/metrics")).text().catch(() => "");
  const value = /^ghsync_process_nodejs_eventloop_lag_p99_seconds (\S+)$/m.exec(text)?.[1];
  return value === undefined ? null : Number(value) * 1000;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

const serve = ghsync(["serve", "--port", String(port), "--concurrency", "1"]);
const workers = [ghsync(["worker", "--concurrency", "2"]), ghsync(["worker", "--concurrency", "2"])];
let activity: NodeJS.Timeout | undefined;
try {
  for (let i = 0; (await api("/api/health").catch(() => null))?.status !== 200; i++) {
    if (i > 300) throw new Error("ghsync serve did not come up");
    await sleep(100);
  }
  for (const repo of emulator.admin.repositories()) {
    await api("/api/repos", {
      method: "POST",
      body: JSON.stringify({ full_name: repo.full_name, depth: "full" }),
    });
  }
  activity = setInterval(() => emulator.admin.simulateActivity(1), 1000 / rate);
  console.log(`# soak: ${minutes} min, ${rate} changes/s on ${values.repos} repositories, serve + 2 workers`);
  console.log("\n| minute | serve RSS MB | workers RSS MB | serve event-loop lag p99 ms |");
  console.log("| ------ | ------------ | -------------- | --------------------------- |");
  const started = Date.now();
  const samples: { minute: number; serve: number; workers: number; lag: number | null }[] = [];
  let faulted = false;
  while (Date.now() - started < minutes * 60_000) {
    interrupted.signal.throwIfAborted();
    await sleep(SAMPLE_MS);
    const minute = (Date.now() - started) / 60_000;
    if (!faulted && minute >= minutes / 2) {
      faulted = true;
      console.log("| — | database restarted (immediate), worker 1 killed (-9) and started again | | |");
      await restartImmediately(postgres.cluster.dir);
      workers[0]?.kill("SIGKILL");
      workers[0] = ghsync(["worker", "--concurrency", "2"]);
    }
    const sample = {
      minute,
      serve: rssMb(serve),
      workers: workers.reduce((sum, worker) => sum + rssMb(worker), 0),
      lag: await lagP99Ms(),
    };
    samples.push(sample);
    if (samples.length % 6 === 0 || samples.length === 1)
      console.log(
        `| ${minute.toFixed(1)} | ${sample.serve.toFixed(0)} | ${sample.workers.toFixed(0)} | ${sample.lag?.toFixed(1) ?? "—"} |`,
      );
  }
  clearInterval(activity);
  await emulator.admin.flushWebhooks();
  await settled(database.db, "the jobs and deliveries after the soak", 600_000);
  await api("/api/sync/reconcile", { method: "POST", body: "{}" });
  await settled(database.db, "the reconciliation", 600_000);

  const deliveries = emulator.admin.webhookLog();
  const acked = acknowledged(deliveries);
  const lost = await acknowledgedNotApplied(database.db, deliveries);
  const durations = acked.map((d) => d.duration_ms).sort((a, b) => a - b);
  const truth = await walkOrganization(emulator.url, "acme");
  const mirror = await mirrorCounts(database.db, { org: "acme" });
  const differing = Object.entries(truth.counts).filter(
    ([key, value]) => mirror[key as keyof typeof mirror] !== value,
  );
  const quarter = Math.max(1, Math.floor(samples.length / 4));
  const mean = (list: typeof samples, pick: (s: (typeof samples)[number]) => number) =>
    list.reduce((sum, s) => sum + pick(s), 0) / list.length;
  const first = samples.slice(0, quarter);
  const last = samples.slice(-quarter);
  console.log(
    `\ndeliveries: ${deliveries.length} sent, ${acked.length} acknowledged, ${deliveries.length - acked.length} refused or failed (database down)`,
  );
  console.log(`acknowledgement: p50 ${percentile(durations, 50)} ms, p99 ${percentile(durations, 99)} ms`);
  console.log(`acknowledged and not applied: ${lost.length}`);
  console.log(
    `RSS, first → last quarter: serve ${mean(first, (s) => s.serve).toFixed(0)} → ${mean(last, (s) => s.serve).toFixed(0)} MB, ` +
      `workers ${mean(first, (s) => s.workers).toFixed(0)} → ${mean(last, (s) => s.workers).toFixed(0)} MB`,
  );
  console.log(
    `event-loop lag p99, first → last quarter: ${mean(first, (s) => s.lag ?? 0).toFixed(1)} → ${mean(last, (s) => s.lag ?? 0).toFixed(1)} ms`,
  );
  console.log(
    `mirror after one reconciliation: ${differing.length === 0 ? "equal to the emulator" : `differs: ${JSON.stringify(differing)}`} ` +
      `(${JSON.stringify(mirror)})`,
  );
  if (lost.length > 0 || differing.length > 0) process.exitCode = 1;
} finally {
  clearInterval(activity);
  await Promise.all([serve, ...workers].map((child) => stopChild(child, 10_000)));
  await database.close();
  await emulator.close();
  await postgres.release();
  rmSync(dataDir, { recursive: true, force: true });
}
