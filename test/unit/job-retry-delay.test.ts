import { describe, expect, it } from "vitest";
import { retryResumeAt } from "../../src/jobs/retry-delay.js";
import { FakeClock } from "../helpers/fake-clock.js";

describe("a failed sync job's retry time", () => {
  it("is 30 s after now on the injected clock, doubling with each attempt", () => {
    const now = Date.parse("2026-03-01T12:00:00Z");
    const clock = new FakeClock(now);
    const afterSeconds = (attempts: number) => (retryResumeAt(clock, attempts).getTime() - now) / 1_000;
    expect([1, 2, 3, 4].map(afterSeconds)).toEqual([30, 60, 120, 240]);
    // A job that fails before it was ever claimed (0 attempts) waits the first delay too.
    expect(afterSeconds(0)).toBe(30);
  });
});
