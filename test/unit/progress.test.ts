/** A sync's progress during rate-limit waits (issue 19): an ETA that counts the wait, one clear line. */
import { describe, expect, it } from "vitest";
import { Progress } from "../../src/sync/progress.js";
import { barStatus } from "../../src/cli/progress-bar.js";

describe("progress through a rate-limit wait", () => {
  it("paces the ETA by working time and adds the wait still ahead", () => {
    let now = 0;
    const progress = new Progress(() => now);
    const task = progress.task("acme/web commits");
    task.expect(20);
    now = 10_000;
    task.advance(10); // 10 requests in 10 s: 1 s each, 10 to go
    expect(progress.snapshot().etaSeconds).toBe(10);
    progress.waiting(new Date(190_000)); // 3 minutes to the reset
    now = 70_000; // one minute into the wait: 2 minutes of it left, then 10 s of work
    expect(progress.snapshot().etaSeconds).toBe(130);
    now = 190_000;
    task.advance(1); // the wait is over and no longer slows the pace
    // 11 requests in 10 s of work: 9 more take 8 s.
    expect(progress.snapshot()).toMatchObject({ done: 11, etaSeconds: 8, waitingUntil: undefined });
  });

  it("says the wait in one sentence, in local time, with how long is left", () => {
    const snapshot = {
      done: 10,
      total: 20,
      percent: 50,
      etaSeconds: 190,
      current: "acme/web pull_requests",
      waitingUntil: new Date("2026-12-05T14:05:00Z"),
    };
    expect(barStatus(snapshot, new Date("2026-12-05T14:02:00Z"), "UTC")).toEqual({
      current: "waiting for the rate-limit reset until 14:05 (in 3 min)",
      eta: "ETA 3 min",
    });
    expect(barStatus(snapshot, new Date("2026-12-05T14:02:00Z"), "Europe/Berlin").current).toContain("15:05");
    expect(barStatus({ ...snapshot, waitingUntil: undefined, etaSeconds: null }, new Date(), "UTC")).toEqual({
      current: "acme/web pull_requests",
      eta: "ETA unknown",
    });
  });
});

describe("progress while a backfill discovers its work (issue 19: 70% → 7%)", () => {
  /** Every percent the listeners saw, in order. */
  function recorded(progress: Progress): number[] {
    const seen: number[] = [];
    progress.subscribe((snapshot) => seen.push(snapshot.percent));
    return seen;
  }

  const nonDecreasing = (values: number[]) =>
    values.every((value, i) => i === 0 || value >= (values[i - 1] ?? 0));

  it("never goes backwards when a later list finds ten times the pages of the first", () => {
    const progress = new Progress(() => 0);
    const seen = recorded(progress);
    progress.reserve("acme/web", 3);
    const commits = progress.task("acme/web commits");
    commits.expect(3);
    for (let i = 0; i < 3; i++) commits.advance(1);
    commits.finish();
    progress.reserve("acme/web", 2);
    const pulls = progress.task("acme/web pull_requests");
    pulls.expect(30); // found on the first page's Link: rel="last"
    for (let i = 0; i < 30; i++) pulls.advance(1);
    pulls.finish();
    progress.reserve("acme/web", 1);
    const reviews = progress.task("acme/web reviews");
    reviews.expect(10);
    for (let i = 0; i < 10; i++) {
      reviews.advance(1);
      if (i === 4) reviews.expect(20); // more reviews behind some pull requests
    }
    reviews.finish();
    progress.reserve("acme/web", 0);
    expect(nonDecreasing(seen)).toBe(true);
    // It moved through the run rather than jumping at the end, and ends whole.
    expect(new Set(seen).size).toBeGreaterThan(20);
    expect(seen.at(-1)).toBe(100);
    expect(progress.snapshot()).toMatchObject({ done: 43, total: 43, percent: 100 });
  });

  it("keeps counting work found plainly (X of Y) while the percent holds", () => {
    const progress = new Progress(() => 0);
    progress.reserve("acme/web", 1);
    const task = progress.task("acme/web commits");
    task.expect(2);
    task.advance(1);
    const before = progress.snapshot();
    task.expect(20);
    const after = progress.snapshot();
    expect(after.total).toBeGreaterThan(before.total);
    expect(after.done).toBe(before.done);
    expect(after.percent).toBe(before.percent);
  });

  it("is not finished between two repositories when both were reserved up front", () => {
    const progress = new Progress(() => 0);
    progress.reserve("acme/web", 2);
    progress.reserve("acme/api", 2);
    const web = progress.task("acme/web commits");
    web.expect(1);
    web.advance(1);
    web.finish();
    progress.reserve("acme/web", 0);
    expect(progress.snapshot().percent).toBeLessThan(100);
    const api = progress.task("acme/api commits");
    api.expect(1);
    api.advance(1);
    progress.reserve("acme/api", 0);
    expect(progress.snapshot().percent).toBe(100);
  });

  it("holds monotone over random discovery sequences", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let run = 0; run < 50; run++) {
      const progress = new Progress(() => 0);
      const seen = recorded(progress);
      const lists = 1 + Math.floor(random() * 6);
      progress.reserve("repo", lists);
      for (let list = 0; list < lists; list++) {
        const task = progress.task(`repo list${list}`);
        let remaining = 1 + Math.floor(random() * 40);
        let discoveries = 3;
        task.expect(remaining);
        while (remaining > 0) {
          task.advance(1);
          remaining--;
          if (discoveries > 0 && random() < 0.1) {
            discoveries--;
            const more = Math.floor(random() * 30);
            remaining += more;
            task.expect(remaining);
          }
        }
        task.finish();
        progress.reserve("repo", lists - list - 1);
      }
      expect(nonDecreasing(seen)).toBe(true);
      expect(seen.at(-1)).toBe(100);
    }
  });
});
