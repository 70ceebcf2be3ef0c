/**
 * Memory of a set of processes, sampled from /proc (Linux): the sum of their RSS, which counts
 * PostgreSQL's shared buffers once per backend that touched them, and the sum of their PSS
 * (proportional set size: each shared page divided among the processes sharing it), which is
 * what they hold together.
 */
import { readdirSync, readFileSync } from "node:fs";

export interface MemorySample {
  rssMb: number;
  pssMb: number;
}

function kbField(text: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text);
  return match ? Number(match[1]) : 0;
}

/** RSS and PSS of one process in kB (0 when it is gone). */
function memoryOf(pid: number): { rss: number; pss: number } {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    return { rss: kbField(rollup, "Rss"), pss: kbField(rollup, "Pss") };
  } catch {
    return { rss: 0, pss: 0 };
  }
}

/** `root` and every process descending from it. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited while listed
    }
  }
  const tree: number[] = [];
  const visit = (pid: number) => {
    tree.push(pid);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  return tree;
}

export function sampleMemory(pids: readonly number[]): MemorySample {
  let rss = 0;
  let pss = 0;
  for (const pid of new Set(pids)) {
    const memory = memoryOf(pid);
    rss += memory.rss;
    pss += memory.pss;
  }
  return { rssMb: Math.round(rss / 1024), pssMb: Math.round(pss / 1024) };
}

/** Samples `pids()` every `intervalMs` until stopped; keeps the peaks. */
export function watchMemory(pids: () => Promise<number[]> | number[], intervalMs = 100) {
  const peak: MemorySample = { rssMb: 0, pssMb: 0 };
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const sample = sampleMemory(await pids());
      peak.rssMb = Math.max(peak.rssMb, sample.rssMb);
      peak.pssMb = Math.max(peak.pssMb, sample.pssMb);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    async stop(): Promise<MemorySample> {
      stopped = true;
      await loop;
      return peak;
    },
  };
}
