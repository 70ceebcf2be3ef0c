/** The weeks of the Activity charts: ISO weeks in the subject's zone, across DST, cut to the window. */
import { describe, expect, it } from "vitest";
import { weeklyActivity, weeksOf } from "../../src/metrics/activity-series.js";

const at = (iso: string) => new Date(iso);

describe("weekly activity buckets", () => {
  it("splits a window into Monday weeks of the zone, the week across the DST change an hour short", () => {
    // Paris moves to summer time on Sunday 29 March 2026.
    const window = { from: at("2026-03-22T23:00:00Z"), to: at("2026-04-05T22:00:00Z") };
    expect(weeksOf(window, "Europe/Paris")).toEqual([
      { week: "2026-03-23", window: { from: at("2026-03-22T23:00:00Z"), to: at("2026-03-29T22:00:00Z") } },
      { week: "2026-03-30", window: { from: at("2026-03-29T22:00:00Z"), to: at("2026-04-05T22:00:00Z") } },
    ]);
  });

  it("cuts the first and last week to the window and counts zero weeks", () => {
    const window = { from: at("2026-03-04T12:00:00Z"), to: at("2026-03-17T00:00:00Z") };
    const weeks = weeklyActivity(
      {
        commitTimes: [at("2026-03-04T11:59:59Z"), at("2026-03-04T12:00:00Z"), at("2026-03-16T23:00:00Z")],
        reviewTimes: [],
        pulls: [],
      },
      window,
      "UTC",
    );
    expect(weeks.map((week) => [week.week, week.commits, week.cycle_time_hours])).toEqual([
      ["2026-03-02", 1, null],
      ["2026-03-09", 0, null],
      ["2026-03-16", 1, null],
    ]);
  });
});
