/**
 * ghsync as a GitHub App against the emulator (JWT → installation tokens): a new installation
 * imports every repository it gives without any other action, a repository taken away is
 * untracked, and deliveries GitHub failed to make are recovered by the redelivery sweep.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { QUEUES } from "../../src/jobs/queue.js";
import { queryRows } from "../../src/store/raw-query.js";
import { repositories } from "../../src/store/schema.js";
import {
  eventually,
  freePort,
  settled,
  startTestServer,
  type TestServer,
} from "../helpers/server-harness.js";

const SECRET = "app-webhook-secret";
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

async function appPair(webhook: {
  dropRate?: number;
}): Promise<{ emulator: RunningEmulator; server: TestServer }> {
  const port = await freePort();
  const emulator = await startEmulator({
    port: 0,
    seed: 23,
    repos: 3,
    scale: "small",
    webhook: { url: `http://127.0.0.1:${port}/webhooks/github`, secret: SECRET, ...webhook },
  });
  cleanups.push(() => emulator.close());
  const app = emulator.admin.app();
  const server = await startTestServer(
    {
      GITHUB_API_URL: emulator.url,
      GITHUB_APP_ID: String(app.id),
      GITHUB_APP_PRIVATE_KEY: app.private_key,
      GITHUB_WEBHOOK_SECRET: SECRET,
      GHSYNC_RECOVERY_INTERVAL_S: "1",
    },
    undefined,
    port,
  );
  cleanups.push(() => server.close());
  return { emulator, server };
}

describe("ghsync as a GitHub App on PostgreSQL", () => {
  it("imports every repository of a new installation, and releases one taken away", async () => {
    const { emulator, server } = await appPair({});
    const [web, api, third] = emulator.admin.repositories();
    const { id } = emulator.admin.createInstallation({
      repositories: [web?.full_name ?? "", api?.full_name ?? ""],
    });
    await emulator.admin.flushWebhooks();
    await eventually(
      async () => {
        const tracked = await server.database.db
          .select()
          .from(repositories)
          .where(eq(repositories.tracked, true));
        return tracked.length === 2 ? tracked : undefined;
      },
      60_000,
      "the installation's repositories to be tracked",
    );
    await settled(server.database.db, "jobs and deliveries to settle");
    const listed = (await (await server.api("/api/repos")).json()) as { items: Record<string, unknown>[] };
    expect(listed.items.map((item) => item.full_name).sort()).toEqual(
      [api?.full_name, web?.full_name].sort(),
    );
    for (const item of listed.items)
      expect(item).toMatchObject({ state: "up_to_date", coverage: 100, depth: "30d" });
    const rows = await server.database.db.select().from(repositories).where(eq(repositories.tracked, true));
    expect(rows.every((row) => row.installationId === id)).toBe(true);
    // The installation's token did the work: the repository outside it was never read.
    const third_ = await server.database.db
      .select()
      .from(repositories)
      .where(eq(repositories.id, third?.id ?? 0));
    expect(third_).toEqual([]);

    // A suspended installation's jobs wait, saying why, instead of failing.
    emulator.admin.suspendInstallation(id);
    await emulator.admin.flushWebhooks();
    await settled(server.database.db, "jobs and deliveries to settle");
    const queued = (await (
      await server.api(`/api/sync/repos/${web?.full_name}`, { method: "POST" })
    ).json()) as {
      job_id: number;
    };
    const waiting = await eventually(
      async () => {
        const job = (await (await server.api(`/api/sync/jobs/${queued.job_id}`)).json()) as Record<
          string,
          unknown
        >;
        return job.status === "waiting" ? job : undefined;
      },
      30_000,
      "the job to wait for the installation",
    );
    expect(waiting.reason).toMatch(/suspended/);
    emulator.admin.unsuspendInstallation(id);
    await emulator.admin.flushWebhooks();

    emulator.admin.removeInstallationRepositories(id, [api?.full_name ?? ""]);
    await emulator.admin.flushWebhooks();
    await eventually(
      async () => {
        const [row] = await server.database.db
          .select()
          .from(repositories)
          .where(eq(repositories.id, api?.id ?? 0));
        return row && !row.tracked && row.installationId === null ? row : undefined;
      },
      30_000,
      "the removed repository to be released",
    );
    // A deleted installation's token can no longer be had: health stops listing it (issue 20).
    const label = `GitHub App installation ${id}`;
    const listed_ = async () =>
      ((await (await server.api("/api/health")).json()) as { credentials: { label: string }[] }).credentials;
    expect((await listed_()).map((credential) => credential.label)).toContain(label);
    emulator.admin.deleteInstallation(id);
    await emulator.admin.flushWebhooks();
    await eventually(
      async () => !(await listed_()).some((credential) => credential.label === label),
      30_000,
      "health to stop listing the deleted installation",
    );
  }, 180_000);

  it("recovers deliveries GitHub failed to make, through the App's redelivery API", async () => {
    const { emulator, server } = await appPair({ dropRate: 1 });
    const [web] = emulator.admin.repositories();
    emulator.admin.createInstallation({ repositories: [web?.full_name ?? ""] });
    const [issue] = [
      emulator.admin.openIssue(web?.full_name ?? "", { title: "only a redelivery brings this" }),
    ];
    await emulator.admin.flushWebhooks();
    expect(emulator.admin.webhookStats().dropped).toBeGreaterThanOrEqual(2);
    const [before] = await queryRows<{ n: string | number }>(
      server.database.db,
      sql`select count(*) as n from webhook_deliveries`,
    );
    expect(Number(before?.n)).toBe(0);

    await server.runner.queue.send(QUEUES.redelivery, {});
    await eventually(
      async () => {
        const [sweep] = await queryRows<{ status: string; params: { redelivered?: number } }>(
          server.database.db,
          sql`select status, params from sync_jobs where type = 'redelivery_sweep' order by id desc limit 1`,
        );
        return sweep?.status === "completed" ? sweep : undefined;
      },
      60_000,
      "the redelivery sweep",
    );
    await emulator.admin.flushWebhooks();
    await settled(server.database.db, "jobs and deliveries to settle");
    const [applied] = await queryRows<{ n: string | number }>(
      server.database.db,
      sql`select count(*) as n from issues where id = ${issue?.id ?? 0}`,
    );
    expect(Number(applied?.n)).toBe(1);
    const tracked = await server.database.db
      .select()
      .from(repositories)
      .where(eq(repositories.tracked, true));
    expect(tracked.map((row) => row.fullName)).toEqual([web?.full_name]);
  }, 180_000);
});
