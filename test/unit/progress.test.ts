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
