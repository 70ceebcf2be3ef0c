/** The dashboard's pure helpers: durations, ETA, relative times, ratios, progress bar contents. */
import { zeroCounts } from "../../src/store/counted-rows.js";
import { describe, expect, it } from "vitest";
import {
  describeGoal,
  formatHours,
  formatPeriod,
  formatWeek,
  metricWords,
  describeProgress,
  formatCount,
  formatDuration,
  formatEta,
  formatRatio,
  jobScope,
  relativeTime,
} from "../../src/web/format.js";
import { applyEvent, depthWords, progressOf } from "../../src/web/pages/repository-progress.js";
import type { Repository } from "../../src/contract/repositories.js";

const NOW = Date.parse("2026-12-01T12:00:00Z");
const ago = (ms: number) => new Date(NOW - ms).toISOString();

describe("formatDuration", () => {
  it.each([
    [null, "—"],
    [-5, "—"],
    [850, "850 ms"],
    [12_400, "12 s"],
    [60_000, "1 min"],
    [185_000, "3 min 5 s"],
    [2 * 3_600_000 + 14 * 60_000, "2 h 14 min"],
    [3 * 86_400_000 + 4 * 3_600_000, "3 d 4 h"],
  ])("%s ms → %s", (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe("formatEta", () => {
  it("says what is left in words", () => {
    expect(formatEta(null)).toBe("estimating time left");
    expect(formatEta(0)).toBe("almost done");
    expect(formatEta(12)).toBe("about 12 s left");
    expect(formatEta(200)).toBe("about 3 min 20 s left");
  });
});

describe("relativeTime", () => {
  it.each([
    [ago(2_000), "just now"],
    [ago(42_000), "42 seconds ago"],
    [ago(60_000), "1 minute ago"],
    [ago(3 * 60_000 + 20_000), "3 minutes ago"],
    [ago(5 * 3_600_000), "5 hours ago"],
    [ago(86_400_000), "yesterday"],
    [ago(9 * 86_400_000), "9 days ago"],
    [ago(-42 * 60_000), "in 42 minutes"],
  ])("%s → %s", (iso, text) => expect(relativeTime(iso, NOW)).toBe(text));

  it("falls back when there is no time", () => {
    expect(relativeTime(null, NOW)).toBe("never");
    expect(relativeTime("not a date", NOW, "not yet")).toBe("not yet");
  });
});

describe("counts and ratios", () => {
  it("groups thousands and floors percentages (97.5% is not 98%)", () => {
    expect(formatCount(1234567)).toBe("1,234,567");
    expect(formatRatio(1)).toBe("100%");
    expect(formatRatio(0.975)).toBe("97.5%");
    expect(formatRatio(0.9999)).toBe("99.9%");
    expect(formatRatio(null)).toBe("—");
  });
});

describe("a repository's progress bar", () => {
  const repo = (patch: Partial<Repository>): Repository => ({
    id: 1,
    full_name: "acme/web",
    private: false,
    archived: false,
    fork: false,
    depth: "30d",
    state: "syncing",
    reason: null,
    resume_at: null,
    job_id: 7,
    last_synced_at: null,
    last_updated_at: null,
    coverage: 25,
    counts: zeroCounts(),
    last_verification: null,
    ...patch,
  });
  const progress = {
    type: "sync:progress" as const,
    job_id: 7,
    repository: "acme/web",
    entity: "commits",
    done: 120,
    total: 265,
    percent: 45,
    eta_s: 12,
    waiting_until: null,
  };

  it("shows the live figures while a sync runs, the coverage otherwise, 100% when up to date", () => {
    expect(progressOf(repo({}), progress, NOW)).toEqual({
      percent: 45,
      text: "120 of 265 requests (45%), about 12 s left",
    });
    expect(progressOf(repo({}), undefined, NOW)).toEqual({ percent: 25, text: "25% of last 30 days" });
    expect(progressOf(repo({ state: "up_to_date", coverage: 100, depth: "full" }), undefined, NOW)).toEqual({
      percent: 100,
      text: "100% of full history",
    });
  });

  it("says when a sync paused for the rate limit resumes", () => {
    const paused = { ...progress, waiting_until: new Date(NOW + 5 * 60_000).toISOString() };
    expect(progressOf(repo({}), paused, NOW).text).toBe(
      "120 of 265 requests (45%), about 12 s left; paused for the rate limit, resumes in 5 minutes",
    );
  });

  it("completes the live figures at sync:complete and forgets them at sync:error", () => {
    const live = applyEvent(new Map(), progress);
    const done = applyEvent(live, {
      type: "sync:complete",
      job_id: 7,
      repository: "acme/web",
      counts: { commits: 265 },
      requests: 265,
      points_used: 265,
      duration_ms: 1,
    });
    expect(done.get("acme/web")).toMatchObject({ percent: 100, done: 265, complete: true });
    // Once the list says it is up to date, the list's coverage is shown again.
    expect(progressOf(repo({ state: "up_to_date", coverage: 100 }), done.get("acme/web"), NOW).text).toBe(
      "100% of last 30 days",
    );
    const failed = applyEvent(live, {
      type: "sync:error",
      job_id: 7,
      repository: "ACME/web",
      status: "failed",
      error: "boom",
      resume_at: null,
    });
    expect(failed.size).toBe(0);
    expect(describeProgress({ ...progress, done: 0, total: 0, percent: 0, eta_s: null })).toBe(
      "0 of 0 requests (0%), estimating time left",
    );
  });

  it("names depths in words", () => {
    expect(depthWords("90d")).toBe("last 90 days");
    expect(depthWords("2026-01-31T00:00:00.000Z")).toBe("since 2026-01-31");
  });
});

describe("goals and activity in words", () => {
  it("writes a period by its first and last day in the person's zone, the end excluded", () => {
    const week = ["2026-11-30T00:00:00.000Z", "2026-12-07T00:00:00.000Z"] as const;
    expect(formatPeriod(...week, "UTC")).toBe("30 Nov – 6 Dec 2026");
    // Monday 00:00 in Paris is Sunday 23:00 UTC.
    expect(formatPeriod("2026-11-29T23:00:00.000Z", "2026-12-06T23:00:00.000Z", "Europe/Paris")).toBe(
      "30 Nov – 6 Dec 2026",
    );
    expect(formatPeriod("2026-12-28T00:00:00.000Z", "2027-01-04T00:00:00.000Z", "UTC")).toBe(
      "28 Dec 2026 – 3 Jan 2027",
    );
    expect(formatPeriod("2026-12-07T00:00:00.000Z", "2026-12-07T00:00:00.000Z", "UTC")).toBe("");
  });

  it("says what a goal counts and how far it got", () => {
    expect(describeGoal({ current: 3, target: 5, percent: 60, metric: "commits" })).toBe(
      "3 of 5 commits (60%)",
    );
    expect(describeGoal({ current: 0, target: 1, percent: 0, metric: "pull_requests_merged" })).toBe(
      "0 of 1 pull request merged (0%)",
    );
    expect(metricWords("manual")).toBe("points");
    expect(metricWords("something_new")).toBe("something new");
  });

  it("writes hours as minutes, hours or days", () => {
    expect(formatHours(0.25)).toBe("15 min");
    expect(formatHours(3.46)).toBe("3.5 h");
    expect(formatHours(60)).toBe("2.5 d");
    expect(formatHours(null)).toBe("—");
    expect(formatWeek("2026-03-02")).toBe("Mar 2");
  });

  it("names what a job works on, never a maintenance job as a blank repository", () => {
    expect(jobScope({ type: "backfill", repository: "acme/web" })).toBe("acme/web");
    expect(jobScope({ type: "reconcile", repository: null })).toBe("all tracked");
    expect(jobScope({ type: "metric_snapshots", repository: null })).toBe("daily snapshots");
    expect(jobScope({ type: "redelivery_sweep", repository: null })).toBe("missed deliveries");
    expect(jobScope({ type: "some_future_job", repository: null })).toBe("—");
  });
});
