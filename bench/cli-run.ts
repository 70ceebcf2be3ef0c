/**
 * Running the `ghsync` CLI as a user does, for the benches: where its rows go (the embedded server
 * in a fresh data directory, or a fresh database on a PostgreSQL server) and the peak memory of it
 * and its database processes together (bench/process-memory.ts).
 */
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { stopServer } from "../src/store/embedded/server.js";
import { processTree, sampleMemory, type MemorySample } from "./process-memory.js";
import { createBenchDatabase, dropBenchDatabase, root, track } from "./support.js";

/** How the CLI is started: the built dist/ as a user runs it, or the sources through tsx. */
export function cliArgsOf(cli: string): string[] {
  if (cli !== "dist" && cli !== "source") throw new Error("--cli takes dist or source");
  const args =
    cli === "dist"
      ? [path.join(root, "dist", "cli", "main.js")]
      : ["--import", "tsx", path.join(root, "src", "cli", "main.ts")];
  if (cli === "dist" && !existsSync(args[0] ?? ""))
    throw new Error("dist/cli/main.js is missing: run `npm run build` first, or pass --cli source");
  return args;
}

/** Where a run's rows go, and which processes are its database. */
export interface Target {
  kind: "embedded" | "postgres";
  env: Record<string, string>;
  databasePids(): Promise<number[]>;
  close(): Promise<void>;
}

export function embeddedTarget(): Target {
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

export async function postgresTarget(): Promise<Target> {
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

export interface Run {
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
export async function runCli(
  cliArgs: string[],
  args: string[],
  target: Target,
  apiUrl: string,
  watch = false,
  env: Record<string, string> = {},
): Promise<Run> {
  const started = Date.now();
  const child = track(
    spawn(process.execPath, [...cliArgs, ...args], {
      env: {
        ...process.env,
        LOG_LEVEL: "silent",
        GITHUB_API_URL: apiUrl,
        GITHUB_TOKEN: "bench",
        ...target.env,
        ...env,
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
