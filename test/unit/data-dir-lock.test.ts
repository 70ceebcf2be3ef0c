import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lockDataDir } from "../../src/store/data-dir-lock.js";

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), "ghsync-lock-"));
}

/** A pid that certainly belongs to no running process: one that has just exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
  return Number(child.stdout.toString());
}

describe("data directory lock", () => {
  it("records this process's pid and removes the file on release", () => {
    const dir = tempDir();
    const lock = lockDataDir(dir);
    expect(readFileSync(lock.file, "utf8").trim()).toBe(String(process.pid));
    lock.release();
    expect(existsSync(lock.file)).toBe(false);
  });

  it("takes over at once a lock whose pid is dead (rerun after kill -9)", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "ghsync.lock"), `${deadPid()}\n`);
    const lock = lockDataDir(dir);
    expect(readFileSync(lock.file, "utf8").trim()).toBe(String(process.pid));
    lock.release();
  });

  it("refuses a directory whose lock is held by a live process, naming it", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "ghsync.lock"), `${process.ppid}\n`);
    expect(() => lockDataDir(dir)).toThrow(new RegExp(`in use by process ${process.ppid}`));
  });

  it("refuses a second open in the same process", () => {
    const dir = tempDir();
    const lock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(/in use/);
    lock.release();
  });

  it("treats a lock naming its own pid but not held by it as stale (restarted container)", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "ghsync.lock"), `${process.pid}\n`);
    const lock = lockDataDir(dir);
    lock.release();
  });
});
