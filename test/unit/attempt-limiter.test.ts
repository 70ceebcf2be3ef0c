import { describe, expect, it } from "vitest";
import { AttemptLimiter } from "../../src/api/attempt-limiter.js";

describe("AttemptLimiter", () => {
  it("stops an address after its failures until the window ends, and only that address", () => {
    let now = 1_000_000;
    const limiter = new AttemptLimiter(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.waitFor("10.0.0.1")).toBe(0);
      limiter.failed("10.0.0.1");
    }
    expect(limiter.waitFor("10.0.0.1")).toBe(60_000);
    expect(limiter.waitFor("10.0.0.2")).toBe(0);
    now += 45_000;
    expect(limiter.waitFor("10.0.0.1")).toBe(15_000);
    now += 15_000;
    expect(limiter.waitFor("10.0.0.1")).toBe(0);
    // A new window starts from the next failure.
    limiter.failed("10.0.0.1");
    expect(limiter.waitFor("10.0.0.1")).toBe(0);
  });
});
