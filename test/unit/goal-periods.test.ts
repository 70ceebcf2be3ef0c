import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { isValidTimezone } from "../../src/util/time-zone.js";
import {
  customPeriod,
  nextPeriod,
  periodContaining,
  type CalendarWindow,
} from "../../src/metrics/goal-periods.js";
import { streaks } from "../../src/metrics/streaks.js";

const iso = (period: { start: Date; end: Date }) => [period.start.toISOString(), period.end.toISOString()];
const hours = (period: { start: Date; end: Date }) =>
  (period.end.getTime() - period.start.getTime()) / 3_600_000;

describe("goal periods", () => {
  it("a week starts on Monday at local midnight", () => {
    const at = new Date("2026-12-02T10:00:00Z"); // a Wednesday
    expect(iso(periodContaining("weekly", "UTC", at))).toEqual([
      "2026-11-30T00:00:00.000Z",
      "2026-12-07T00:00:00.000Z",
    ]);
    expect(iso(periodContaining("weekly", "Asia/Tokyo", at))).toEqual([
      "2026-11-29T15:00:00.000Z",
      "2026-12-06T15:00:00.000Z",
    ]);
    // Sunday 23:30 in Los Angeles is Monday 07:30 UTC: still the week before, there.
    expect(iso(periodContaining("weekly", "America/Los_Angeles", new Date("2026-12-07T07:30:00Z")))).toEqual([
      "2026-11-30T08:00:00.000Z",
      "2026-12-07T08:00:00.000Z",
    ]);
  });

  it("a week across a DST change is 169 or 167 hours long", () => {
    const autumn = periodContaining("weekly", "Europe/Berlin", new Date("2026-10-22T12:00:00Z"));
    expect(iso(autumn)).toEqual(["2026-10-18T22:00:00.000Z", "2026-10-25T23:00:00.000Z"]);
    expect(hours(autumn)).toBe(169);
    const spring = periodContaining("weekly", "America/New_York", new Date("2026-03-05T12:00:00Z"));
    expect(iso(spring)).toEqual(["2026-03-02T05:00:00.000Z", "2026-03-09T04:00:00.000Z"]);
    expect(hours(spring)).toBe(167);
  });

  it("a month runs from the 1st to the 1st in the zone, February and half-hour offsets included", () => {
    // 01:30 on 1 February in India (UTC+5:30) is still 31 January in UTC.
    expect(iso(periodContaining("monthly", "Asia/Kolkata", new Date("2026-01-31T20:00:00Z")))).toEqual([
      "2026-01-31T18:30:00.000Z",
      "2026-02-28T18:30:00.000Z",
    ]);
    expect(iso(periodContaining("monthly", "UTC", new Date("2028-02-29T23:59:59Z")))).toEqual([
      "2028-02-01T00:00:00.000Z",
      "2028-03-01T00:00:00.000Z",
    ]);
    // 12:00 UTC on 31 December is already January in Auckland (UTC+13 in summer).
    expect(iso(periodContaining("monthly", "Pacific/Auckland", new Date("2026-12-31T12:00:00Z")))).toEqual([
      "2026-12-31T11:00:00.000Z",
      "2027-01-31T11:00:00.000Z",
    ]);
  });

  it("where local midnight does not exist, the period starts at the day's first instant", () => {
    // Asunción sprang forward from 00:00 to 01:00 on 1 October 2023.
    const october = periodContaining("monthly", "America/Asuncion", new Date("2023-10-15T12:00:00Z"));
    expect(october.start.toISOString()).toBe("2023-10-01T04:00:00.000Z");
    const september = periodContaining("monthly", "America/Asuncion", new Date("2023-09-15T12:00:00Z"));
    expect(september.end.toISOString()).toBe(october.start.toISOString());
    // Tehran, Monday 21 March 2016: 00:00 became 01:00.
    const week = periodContaining("weekly", "Asia/Tehran", new Date("2016-03-23T12:00:00Z"));
    expect(week.start.toISOString()).toBe("2016-03-20T20:30:00.000Z");
  });

  it("periods tile time: each contains its instant, starts Monday or the 1st, and the next starts at its end", () => {
    const zones = [
      "UTC",
      "Europe/Berlin",
      "America/New_York",
      "Australia/Lord_Howe",
      "Asia/Kathmandu",
      "America/Santiago",
    ];
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let i = 0; i < 400; i++) {
      const zone = zones[i % zones.length] ?? "UTC";
      const window: CalendarWindow = i % 2 ? "weekly" : "monthly";
      const at = new Date(Date.UTC(2024, 0, 1) + random() * 4 * 365 * 86_400_000);
      const period = periodContaining(window, zone, at);
      expect(period.start.getTime()).toBeLessThanOrEqual(at.getTime());
      expect(at.getTime()).toBeLessThan(period.end.getTime());
      const start = DateTime.fromJSDate(period.start, { zone });
      expect(window === "weekly" ? start.weekday : start.day).toBe(1);
      expect(start.minus({ milliseconds: 1 }).day).not.toBe(start.day);
      const next = nextPeriod(window, zone, period);
      expect(next.start.toISOString()).toBe(period.end.toISOString());
    }
  });

  it("custom ranges: a date alone as the end includes that day", () => {
    expect(iso(customPeriod("2026-12-01", "2026-12-31", "Europe/Paris"))).toEqual([
      "2026-11-30T23:00:00.000Z",
      "2026-12-31T23:00:00.000Z",
    ]);
    expect(iso(customPeriod("2026-12-01T09:00:00Z", "2026-12-01T17:00:00Z", "Europe/Paris"))).toEqual([
      "2026-12-01T09:00:00.000Z",
      "2026-12-01T17:00:00.000Z",
    ]);
    expect(() => customPeriod("2026-12-02", "2026-12-01", "UTC")).toThrow(/must be after/);
    expect(() => customPeriod("yesterday", "2026-12-01", "UTC")).toThrow(/not an ISO date/);
  });

  it("knows IANA zones and refuses others", () => {
    expect(isValidTimezone("Europe/Berlin")).toBe(true);
    expect(isValidTimezone("Mars/Olympus_Mons")).toBe(false);
    expect(() => periodContaining("weekly", "Mars/Olympus_Mons", new Date())).toThrow(/unknown timezone/);
  });
});

describe("current streak", () => {
  it("counts consecutive days ending today, or yesterday when today has no commit yet", () => {
    expect(streaks(["2026-12-01", "2026-11-30", "2026-11-29", "2026-11-27"], "2026-12-01").current).toBe(3);
    expect(streaks(["2026-11-30", "2026-11-29"], "2026-12-01").current).toBe(2);
    expect(streaks(["2026-11-29"], "2026-12-01").current).toBe(0);
    expect(streaks([], "2026-12-01").current).toBe(0);
    // Across a month and a year end.
    expect(streaks(["2027-01-01", "2026-12-31", "2026-12-30"], "2027-01-01").current).toBe(3);
  });
});
