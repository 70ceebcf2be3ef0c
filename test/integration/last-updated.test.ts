/**
 * "Last updated" says when data last arrived, not when a sync last ran (issue 19): after a
 * backfill it is the newest row the sync wrote; a webhook delivery applied later moves it while
 * the repository's last sync stays where it was — on the repository list and on a goal.
 */
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import type { Goal } from "../../src/contract/goals.js";
import type { Repository } from "../../src/contract/repositories.js";
import { queryRows } from "../../src/store/raw-query.js";
import { jobsWithStatus } from "../../src/store/sync-jobs.js";
import { eventually, startTestServer } from "../helpers/server-harness.js";
import { startWebhookRelay } from "../helpers/webhook-relay.js";

const SECRET = "last-updated-secret";
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

describe("last updated", () => {
  it("follows the newest row or webhook delivery, not the last sync", async () => {
    const relay = await startWebhookRelay();
    cleanups.push(() => relay.close());
    const emulator = await startEmulator({
      port: 0,
      seed: 21,
      repos: 1,
      scale: "small",
      webhook: { url: relay.url, secret: SECRET },
    });
    cleanups.push(() => emulator.close());
    const server = await startTestServer({
      GITHUB_API_URL: emulator.url,
      GITHUB_TOKEN: "last-updated-token",
      GITHUB_WEBHOOK_SECRET: SECRET,
    });
    cleanups.push(() => server.close());
    const idle = (what: string) =>
      eventually(
        async () => {
          const [job] = await jobsWithStatus(server.database.db, ["queued", "waiting", "running"]);
          const [pending] = await queryRows<{ n: string }>(
            server.database.db,
            sql`select count(*) as n from webhook_deliveries where status in ('received', 'failed')`,
          );
          return !job && Number(pending?.n) === 0 ? true : undefined;
        },
        60_000,
        what,
      );
    const json = async <T>(path: string, init?: RequestInit): Promise<T> =>
      (await (await server.api(path, init)).json()) as T;
    const listed = async () => (await json<{ items: Repository[] }>("/api/repos")).items[0] as Repository;

    const repo = emulator.admin.repositories()[0]?.full_name as string;
    await json("/api/repos", { method: "POST", body: JSON.stringify({ full_name: repo, depth: "full" }) });
    await idle("the backfill");
    relay.take();
    const synced = await listed();
    expect(synced.last_synced_at).not.toBeNull();
    expect(synced.last_updated_at).not.toBeNull();
    // The rows were written during the sync, which finished after them.
    expect(Date.parse(synced.last_updated_at as string)).toBeLessThanOrEqual(
      Date.parse(synced.last_synced_at as string),
    );
    await json("/api/users", { method: "POST", body: JSON.stringify({ login: "dev", timezone: "UTC" }) });
    const goal = await json<Goal>("/api/goals", {
      method: "POST",
      body: JSON.stringify({ user: "dev", metric: "commits", window: "weekly", target: 5, repository: repo }),
    });
    expect(goal.last_updated_at).toBe(synced.last_updated_at);

    // Later, an issue opened on GitHub arrives by webhook: no sync runs.
    await new Promise((resolve) => setTimeout(resolve, 20));
    emulator.admin.openIssue(repo, { title: "Arrives by webhook" });
    await emulator.admin.flushWebhooks();
    const deliveries = relay.take();
    expect(deliveries.length).toBeGreaterThan(0);
    await relay.forward(`${server.url}/webhooks/github`, deliveries);
    await idle("the delivery");
    const after = await listed();
    expect(after.last_synced_at).toBe(synced.last_synced_at);
    expect(Date.parse(after.last_updated_at as string)).toBeGreaterThan(
      Date.parse(synced.last_synced_at as string),
    );
    const goalAfter = await json<Goal>(`/api/goals/${goal.id}`);
    expect(goalAfter.last_updated_at).toBe(after.last_updated_at);
    expect(goalAfter.last_synced_at).toBe(synced.last_synced_at);
  }, 120_000);
});
