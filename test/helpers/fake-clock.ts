import type { Clock } from "../../src/util/clock.js";

/** A clock that stands still until slept on: each sleep is recorded and moves time forward at once. */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];

  constructor(private time: number) {}

  now(): number {
    return this.time;
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.time += ms;
  }
}
