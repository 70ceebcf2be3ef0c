import { describe, expect, it } from "vitest";
import { achievements } from "../../src/metrics/achievements.js";
import { streakReachedOn, streaks } from "../../src/metrics/streaks.js";
import { addDays, checkTimeZone, dayKey, startOfDay, weekStart } from "../../src/metrics/time-zone.js";
import { parseWindow } from "../../src/metrics/window.js";
import { weeklyThroughput } from "../../src/metrics/throughput.js";

const at = (iso: string) => new Date(iso);

describe("days in the person's time zone", () => {
  it("puts an instant near midnight on the person's own calendar day", () => {
    const instant = at("2026-03-02T23:30:00Z");
    expect(dayKey(instant, "UTC")).toBe("2026-03-02");
    expect(dayKey(instant, "Europe/Paris")).toBe("2026-03-03");
    expect(dayKey(instant, "America/Los_Angeles")).toBe("2026-03-02");
    expect(dayKey(at("2026-03-02T18:20:00Z"), "Asia/Kathmandu")).toBe("2026-03-03"); // +05:45
  });

  it("follows a DST change: 23:30 local is the same day before and after the clocks move", () => {
    // New York springs forward on 2026-03-08: 23:30 EST is 04:30Z, 23:30 EDT is 03:30Z.
    expect(dayKey(at("2026-03-08T04:30:00Z"), "America/New_York")).toBe("2026-03-07");
    expect(dayKey(at("2026-03-09T03:30:00Z"), "America/New_York")).toBe("2026-03-08");
    // A fixed -5 h offset would put the second one on the 8th at 22:30 too — but 04:15Z on the 9th
    // is 00:15 EDT, already the 9th.
    expect(dayKey(at("2026-03-09T04:15:00Z"), "America/New_York")).toBe("2026-03-09");
  });

  it("rejects a zone that is not IANA", () => {
    expect(checkTimeZone("Europe/Paris")).toBe("Europe/Paris");
    expect(() => checkTimeZone("Mars/Olympus")).toThrow(/unknown time zone/);
  });

  it("does calendar arithmetic across month ends and finds ISO week starts", () => {
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(weekStart("2026-03-08")).toBe("2026-03-02"); // a Sunday
    expect(weekStart("2026-03-02")).toBe("2026-03-02");
  });
});

describe("streaks", () => {
  const days = ["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-05", "2026-03-06"];

  it("counts the current streak through today, or through yesterday while today is empty", () => {
    expect(streaks(days, "2026-03-06")).toEqual({
      current: 2,
      frozen: [],
      longest: 3,
      longestEndedOn: "2026-03-03",
    });
    expect(streaks(days, "2026-03-07").current).toBe(2);
    expect(streaks(days, "2026-03-08").current).toBe(0);
  });

  it("ignores days after `today`, duplicates and order", () => {
    expect(streaks([...days, "2026-03-04", "2026-03-02", "2026-04-01"], "2026-03-06")).toEqual({
      current: 6,
      frozen: [],
      longest: 6,
      longestEndedOn: "2026-03-06",
    });
    expect(streaks([], "2026-03-06")).toEqual({ current: 0, frozen: [], longest: 0, longestEndedOn: null });
  });

  it("keeps a streak across a DST change when the days are taken in the person's zone", () => {
    // Noon on the 7th (EST), 13:00 on the 8th (EDT, after spring-forward), 00:30 on the 9th (EDT).
    const instants = ["2026-03-07T17:00:00Z", "2026-03-08T17:00:00Z", "2026-03-09T04:30:00Z"].map(at);
    const local = instants.map((instant) => dayKey(instant, "America/New_York"));
    expect(streaks(local, "2026-03-09")).toMatchObject({ current: 3, longest: 3 });
    // With the winter offset kept (UTC−5 fixed), 00:30 EDT would be 23:30 on the 8th: one day lost.
    const fixed = instants.map((instant) => dayKey(instant, "Etc/GMT+5"));
    expect(streaks(fixed, "2026-03-09").longest).toBe(2);
  });

  it("finds the day a streak first reached a length", () => {
    expect(streakReachedOn(days, 3)).toBe("2026-03-03");
    expect(streakReachedOn(days, 4)).toBeNull();
  });
});

describe("throughput per week", () => {
  it("counts merges per Monday-based week in the zone, zero weeks included, `to` exclusive", () => {
    const merged = [
      at("2026-03-02T08:00:00Z"),
      at("2026-03-08T23:30:00Z"),
      at("2026-03-20T12:00:00Z"),
      at("2026-03-23T00:00:00Z"),
    ];
    expect(weeklyThroughput(merged, at("2026-03-02T00:00:00Z"), at("2026-03-23T00:00:00Z"), "UTC")).toEqual([
      { week: "2026-03-02", merged: 2 },
      { week: "2026-03-09", merged: 0 },
      { week: "2026-03-16", merged: 1 },
    ]);
    // Sunday 23:30Z is Monday in Paris: it moves to the next week.
    expect(
      weeklyThroughput(merged, at("2026-03-01T23:00:00Z"), at("2026-03-15T23:00:00Z"), "Europe/Paris"),
    ).toEqual([
      { week: "2026-03-02", merged: 1 },
      { week: "2026-03-09", merged: 1 },
    ]);
  });
});

describe("achievements", () => {
  it("dates each milestone on the day it was reached, null while not", () => {
    const reviewedAt = Array.from({ length: 100 }, (_, i) => new Date(Date.UTC(2026, 0, 1) + i * 3_600_000));
    const result = achievements(
      {
        mergedAt: [at("2026-02-10T23:30:00Z"), at("2026-01-05T10:00:00Z")],
        reviewedAt,
        committedAt: [],
        contributionDays: [
          "2026-01-01",
          "2026-01-02",
          "2026-01-03",
          "2026-01-04",
          "2026-01-05",
          "2026-01-06",
          "2026-01-07",
        ],
      },
      "Europe/Paris",
    );
    const on = Object.fromEntries(result.map((a) => [a.id, a.achieved_on]));
    expect(on).toMatchObject({
      first_merged_pr: "2026-01-05",
      merged_prs_10: null,
      first_review: "2026-01-01",
      reviews_100: "2026-01-05", // the 100th review, 99 hours after the first (04:00Z, 05:00 in Paris)
      commits_100: null,
      streak_7: "2026-01-07",
      streak_30: null,
    });
  });
});

describe("metric windows", () => {
  const now = at("2026-03-30T12:00:00Z");

  it("reads dates as whole days in the zone, both ends included, DST included", () => {
    expect(parseWindow({ from: "2026-03-01", to: "2026-03-31" }, "Europe/Paris", now)).toEqual({
      from: at("2026-02-28T23:00:00Z"),
      // Paris is on summer time (UTC+2) from 2026-03-29.
      to: at("2026-03-31T22:00:00Z"),
    });
    expect(startOfDay("2026-03-08", "America/New_York")).toEqual(at("2026-03-08T05:00:00Z"));
    expect(startOfDay("2026-03-09", "America/New_York")).toEqual(at("2026-03-09T04:00:00Z"));
  });

  it("takes date-times as instants and defaults to the 30 days up to now", () => {
    expect(parseWindow({ from: "2026-03-01T12:00:00Z" }, "UTC", now)).toEqual({
      from: at("2026-03-01T12:00:00Z"),
      to: now,
    });
    expect(parseWindow({}, "UTC", now).from).toEqual(at("2026-02-28T12:00:00Z"));
  });

  it("rejects bad bounds with a 400 that shows the expected form", () => {
    expect(() => parseWindow({ from: "last week" }, "UTC", now)).toThrow(/not a date \(2026-03-01\)/);
    expect(() => parseWindow({ from: "2026-03-02", to: "2026-03-01" }, "UTC", now)).toThrow(/must be before/);
  });

  it("bounds the window, whose span is the report's work (issue 20: a year-9999 end froze the server)", () => {
    expect(() => parseWindow({ to: "9999-12-31T23:59:59Z" }, "UTC", now)).toThrow(
      /to \(9999-12-31T23:59:59.000Z\) must be between 1970-01-01 and 2027-03-31/,
    );
    expect(() => parseWindow({ to: "0000-01-01" }, "UTC", now)).toThrow(/must be between/);
    expect(() => parseWindow({ from: "1969-12-31", to: "1970-01-05" }, "UTC", now)).toThrow(
      /from .* between/,
    );
    expect(() => parseWindow({ from: "2000-01-01" }, "UTC", now)).toThrow(/at most 3660 days/);
    expect(() => parseWindow({ from: "2026-01-01" }, "UTC", now, 7)).toThrow(/at most 7 days/);
    expect(parseWindow({ from: "2016-04-02" }, "UTC", now).from).toEqual(at("2016-04-02T00:00:00Z"));
  });
});

describe("streak freezes (a streak protected N days a month)", () => {
  const run = (from: string, to: string) => {
    const days: string[] = [];
    for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
    return days;
  };

  it("bridges a missed day with a freeze, without counting it as a streak day", () => {
    const days = [...run("2026-12-01", "2026-12-03"), ...run("2026-12-05", "2026-12-07")];
    expect(streaks(days, "2026-12-07")).toMatchObject({ current: 3, frozen: [] });
    expect(streaks(days, "2026-12-07", 1)).toMatchObject({ current: 6, frozen: ["2026-12-04"], longest: 3 });
  });

  it("spends at most N freezes per calendar month; a longer gap still ends the streak", () => {
    const gapOfTwo = [...run("2026-12-01", "2026-12-03"), ...run("2026-12-06", "2026-12-07")];
    expect(streaks(gapOfTwo, "2026-12-07", 1)).toMatchObject({ current: 2, frozen: [] });
    expect(streaks(gapOfTwo, "2026-12-07", 2)).toMatchObject({
      current: 5,
      frozen: ["2026-12-04", "2026-12-05"],
    });
    // One gap in November and one in December: one freeze a month covers both.
    const twoMonths = [
      ...run("2026-11-25", "2026-11-28"),
      ...run("2026-11-30", "2026-12-02"),
      ...run("2026-12-04", "2026-12-05"),
    ];
    expect(streaks(twoMonths, "2026-12-05", 1)).toMatchObject({
      current: 9,
      frozen: ["2026-11-29", "2026-12-03"],
    });
    // Two gaps in one month with one freeze a month: the older gap ends it.
    const twoGaps = [
      ...run("2026-12-01", "2026-12-02"),
      ...run("2026-12-04", "2026-12-05"),
      ...run("2026-12-07", "2026-12-08"),
    ];
    expect(streaks(twoGaps, "2026-12-08", 1)).toMatchObject({ current: 4, frozen: ["2026-12-06"] });
  });

  it("keeps a streak alive through today and yesterday without a contribution only with a freeze", () => {
    const days = run("2026-12-01", "2026-12-05");
    expect(streaks(days, "2026-12-07").current).toBe(0);
    expect(streaks(days, "2026-12-07", 1)).toMatchObject({ current: 5, frozen: ["2026-12-06"] });
    // Today is not over: it needs no freeze.
    expect(streaks(days, "2026-12-06")).toMatchObject({ current: 5, frozen: [] });
  });

  it("never spends a freeze before the first contribution, and none with no contribution at all", () => {
    expect(streaks(run("2026-12-03", "2026-12-05"), "2026-12-05", 5)).toMatchObject({
      current: 3,
      frozen: [],
    });
    expect(streaks([], "2026-12-05", 5)).toMatchObject({ current: 0, frozen: [] });
  });
});
