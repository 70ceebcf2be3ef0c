/**
 * Honest live state of a backfill (issue 19): the percent on the event stream never goes backwards
 * while the sync discovers its lists' pages (it went 70% → 7%), and the repository's coverage moves
 * through intermediate values instead of sitting at 50% until the end.
 */
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import { API_TOKEN, startTestServer } from "../helpers/server-harness.js";
import { openSse } from "../helpers/sse.js";

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

describe("a backfill's live progress", () => {
  it("never moves backwards on the stream, and coverage passes intermediate values", async () => {
    // Medium: 2,000 commits, 300 pull requests with reviews, 300 issues; some latency so the
    // stream and the repository list are sampled many times through the backfill.
    const emulator = await startEmulator({ port: 0, seed: 11, repos: 1, scale: "medium", latencyMs: 15 });
    cleanups.push(() => emulator.close());
    const server = await startTestServer({
      GITHUB_API_URL: emulator.url,
      GITHUB_TOKEN: "live-progress-token",
      GHSYNC_API: "rest",
    });
    cleanups.push(() => server.close());
    const stream = await openSse(`${server.url}/api/sync/events`, API_TOKEN);
    cleanups.push(async () => stream.close());
    const [repo] = emulator.admin.repositories();
    const fullName = repo?.full_name as string;

    const coverage: number[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const listed = (await (await server.api("/api/repos")).json()) as {
          items: { full_name: string; coverage: number }[];
        };
        const row = listed.items.find((item) => item.full_name === fullName);
        if (row) coverage.push(row.coverage);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();

    const response = await server.api("/api/repos", {
      method: "POST",
      body: JSON.stringify({ full_name: fullName, depth: "full" }),
    });
    expect(response.status).toBe(202);
    await stream.until((event) => event.event === "sync:complete" || event.event === "sync:error", 240_000);
    sampling = false;
    await sampler;

    expect(stream.events.some((event) => event.event === "sync:complete")).toBe(true);
    const progress = stream.events
      .filter((event) => event.event === "sync:progress")
      .map((event) => event.data as { percent: number; done: number; total: number });
    expect(progress.length).toBeGreaterThan(5);
    const percents = progress.map((event) => event.percent);
    for (let i = 1; i < percents.length; i++)
      expect(percents[i]).toBeGreaterThanOrEqual(percents[i - 1] ?? 0);
    // The work found grew while the sync ran (the case that used to pull the percent back)…
    expect(progress.at(-1)?.total ?? 0).toBeGreaterThan(progress[0]?.total ?? 0);
    // …and the percent went through the middle, not from 0 straight to 100.
    expect(percents.some((percent) => percent > 10 && percent < 90)).toBe(true);
    expect(percents.at(-1)).toBe(100);

    expect(coverage.some((value) => value > 0 && value < 100 && value !== 50)).toBe(true);
    expect(new Set(coverage.filter((value) => value > 0 && value < 100)).size).toBeGreaterThan(2);
    expect(coverage.at(-1)).toBe(100);
  }, 300_000);
});
