/**
 * What the benchmarks share: child processes that never outlive the script, Ctrl-C that unwinds a
 * scenario, and a fresh PostgreSQL database per scenario on GHSYNC_BENCH_PG_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres), dropped at the end.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import pg from "pg";
import type { EmulatorOptions } from "../src/emulator/index.js";

export const adminUrl = process.env.GHSYNC_BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const root = fileURLToPath(new URL("..", import.meta.url));

// ── child processes: every one is killed however this process ends ─────────────────────────────
const children = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});
/** Ctrl-C unwinds the scenario (workers stopped, database dropped); a second one exits at once. */
export const interrupted = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted.signal.aborted) process.exit(130);
    console.error(`\n${signal}: stopping (again to exit at once)`);
    interrupted.abort(new Error(`interrupted by ${signal}`));
  });
}

export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

/** Asks a child to stop; SIGKILL if it has not exited within `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 30_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}

/** The emulator in a child process; the URL is its first line on stdout. */
export async function serveEmulator(options: EmulatorOptions): Promise<{ url: string; child: ChildProcess }> {
  const script = fileURLToPath(new URL("./serve-emulator.ts", import.meta.url));
  const child = track(
    spawn(process.execPath, ["--import", "tsx", script, JSON.stringify(options)], {
      stdio: ["ignore", "pipe", "inherit"],
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.once("data", (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once("exit", (code, signal) => reject(new Error(`the emulator exited (${signal ?? code})`)));
    child.once("error", reject);
  });
  return { url, child };
}

/** The emulator's admin API (`/_emulator/…`) at `url`: JSON in and out, an error on a failure. */
export function emulatorAdmin(url: string) {
  return async <T = unknown>(method: string, route: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}/_emulator${route}`, {
      method,
      headers: { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
}

// ── the database ───────────────────────────────────────────────────────────────────────────────
async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createBenchDatabase(): Promise<{ name: string; url: string }> {
  const name = `ghsync_bench_${randomBytes(4).toString("hex")}`;
  await admin((client) => client.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

export async function dropBenchDatabase(name: string): Promise<void> {
  await admin((client) => client.query(`drop database if exists ${name} with (force)`));
}
