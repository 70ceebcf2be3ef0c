/**
 * Delivery data by sync against the emulator (GitHub issue 18): a full backfill of workflow runs,
 * deployments and releases equals an independent REST walk; jobs of recent finished runs and the
 * statuses of every deployment are read once; a second run with nothing changed costs 0 points;
 * a crash mid-backfill loses nothing and re-fetches at most a page.
 */
import { and, desc, eq, gte, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import type { Database } from "../../src/store/database.js";
import {
  checkRuns,
  deployments,
  releases,
  repositories,
  workflowJobs,
  workflowRuns,
} from "../../src/store/schema.js";
import { mirrorCounts } from "../../src/store/stats.js";
import { freshDatabase } from "../helpers/databases.js";
import { parseDepth } from "../../src/sync/depth.js";
import { Progress } from "../../src/sync/progress.js";
import { runSync } from "../../src/sync/run-sync.js";
import { runVerify } from "../../src/sync/run-verify.js";
import { silentLog, syncOrg, testClient } from "../helpers/sync-harness.js";
import { walkOrganization, type WalkResult } from "../helpers/walk-github.js";

const ids = async (query: Promise<{ id: number }[]>) => new Set((await query).map((row) => row.id));

async function mirroredDeliveryIds(database: Database) {
  const db = database.db;
  return {
    workflowRunIds: await ids(
      db.select({ id: workflowRuns.id }).from(workflowRuns).where(isNull(workflowRuns.deletedAt)),
    ),
    deploymentIds: await ids(
      db.select({ id: deployments.id }).from(deployments).where(isNull(deployments.deletedAt)),
    ),
    checkRunIds: await ids(
      db.select({ id: checkRuns.id }).from(checkRuns).where(isNull(checkRuns.deletedAt)),
    ),
    releaseIds: await ids(db.select({ id: releases.id }).from(releases).where(isNull(releases.deletedAt))),
  };
}

function expectEqualToWalk(mirrored: Awaited<ReturnType<typeof mirroredDeliveryIds>>, truth: WalkResult) {
  expect(mirrored.workflowRunIds).toEqual(truth.workflowRunIds);
  expect(mirrored.deploymentIds).toEqual(truth.deploymentIds);
  expect(mirrored.releaseIds).toEqual(truth.releaseIds);
  expect(mirrored.checkRunIds).toEqual(truth.checkRunIds);
}

describe("delivery data by sync against the emulator", () => {
  let emulator: RunningEmulator;
  let database: Database;
  let truth: WalkResult;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 7, repos: 2, scale: "small" });
    database = await freshDatabase();
    truth = await walkOrganization(emulator.url, "acme");
  });
  afterAll(async () => {
    await database?.close();
    await emulator?.close();
  });

  it("a full backfill equals an independent walk: runs, deployments, releases; jobs and statuses read", async () => {
    const summary = await syncOrg(database.db, testClient(emulator.url), "acme");
    console.info(`full backfill: ${summary.requests} requests, ${summary.points_used} points`);
    expect(truth.counts.workflow_runs).toBeGreaterThan(100);
    expect(truth.counts.deployments).toBeGreaterThan(100);
    expect(truth.counts.releases).toBeGreaterThan(0);
    expect(truth.counts.check_runs).toBeGreaterThan(0);
    expect(await mirrorCounts(database.db, { org: "acme" })).toEqual(truth.counts);
    expect(summary).toMatchObject(truth.counts);
    expectEqualToWalk(await mirroredDeliveryIds(database), truth);

    const db = database.db;
    // Jobs: every finished run of the last 30 days read once, at its current updated_at.
    const recent = new Date(Date.now() - 30 * 86_400_000);
    const unread = await db
      .select({ id: workflowRuns.id })
      .from(workflowRuns)
      .where(
        and(
          eq(workflowRuns.status, "completed"),
          gte(workflowRuns.createdAt, recent),
          sql`${workflowRuns.jobsSyncedFor} is distinct from ${workflowRuns.updatedAt}`,
        ),
      );
    expect(unread).toEqual([]);
    expect((await db.select({ id: workflowJobs.id }).from(workflowJobs)).length).toBeGreaterThan(0);
    // Statuses: every deployment's read; its outcome is its newest status's, as GitHub lists them.
    const [sample] = await db
      .select()
      .from(deployments)
      .where(sql`${deployments.latestState} is not null`)
      .orderBy(deployments.id)
      .limit(1);
    if (!sample) throw new Error("expected a deployment with a status");
    const [repo] = await db
      .select({ fullName: repositories.fullName })
      .from(repositories)
      .where(eq(repositories.id, sample.repositoryId));
    const statusesUrl = `${emulator.url}/repos/${repo?.fullName}/deployments/${sample.id}/statuses?per_page=100`;
    const statuses = (await (
      await fetch(statusesUrl, { headers: { authorization: "token walker" } })
    ).json()) as {
      state: string;
      created_at: string;
    }[];
    expect(sample.latestState).toBe(statuses[0]?.state);
    const finished = statuses.filter((s) => ["success", "failure", "error"].includes(s.state)).at(-1);
    expect(sample.finishedAt).toEqual(finished ? new Date(finished.created_at) : null);
    const withSha = await db
      .select()
      .from(releases)
      .where(sql`${releases.tagSha} is not null`);
    expect(withSha.length).toBeGreaterThan(0);
  });

  it("a second run with nothing changed costs 0 points: every delivery poll a 304", async () => {
    const summary = await syncOrg(database.db, testClient(emulator.url), "acme");
    expect(summary.points_used).toBe(0);
    // The organization's one search (its own budget, as in sync.test.ts); every other request a 304.
    expect(summary.requests - summary.not_modified).toBe(1);
    expect(summary).toMatchObject({ workflow_runs: 0, deployments: 0, releases: 0, check_runs: 0 });
    // The organization's change detection found nothing to sync; each repository's own sync polls
    // every list, every unfinished run and deployment, every covered head: 304s, 0 points.
    const repos = emulator.admin.repositories().map((repo) => repo.full_name);
    const answered: string[] = [];
    const logging: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (response.status !== 304)
        answered.push(`${response.status} ${String(input instanceof Request ? input.url : input)}`);
      return response;
    };
    const polled = await runSync(
      {
        db: database.db,
        client: testClient(emulator.url, ["test-token"], { fetch: logging }),
        log: silentLog,
        progress: new Progress(),
      },
      { repositories: repos, depth: parseDepth("full") },
    );
    // Only the repositories themselves are read (a sync by name resolves each: a point apiece).
    const repositoryReads = answered.filter((line) => /^200 \S+\/repos\/[^/]+\/[^/?]+$/.test(line));
    expect(answered).toEqual(repositoryReads);
    expect(polled.points_used).toBe(repos.length);
    expect(polled.requests - polled.not_modified).toBe(repos.length);
    console.info(
      `sync with nothing changed: --org ${summary.requests} requests (${summary.not_modified} 304s); ` +
        `the ${repos.length} repositories by name ${polled.requests} requests, ${polled.not_modified} 304s`,
    );
  });

  it("a deploy, a release and a re-run made on GitHub are found by the next incremental sync", async () => {
    const db = database.db;
    const [web] = emulator.admin.repositories();
    if (!web) throw new Error("expected a repository");
    // A finished run of the last 30 days, re-run: same id, attempt 2, its jobs read again.
    const [failed] = await db
      .select()
      .from(workflowRuns)
      .where(
        and(
          eq(workflowRuns.repositoryId, web.id),
          eq(workflowRuns.status, "completed"),
          gte(workflowRuns.createdAt, new Date(Date.now() - 20 * 86_400_000)),
        ),
      )
      .orderBy(desc(workflowRuns.createdAt))
      .limit(1);
    if (!failed) throw new Error("expected a finished run to re-run");
    emulator.admin.rerunWorkflowRun(web.full_name, failed.id);
    const made = emulator.admin.deploy(web.full_name, { environment: "production", outcome: "failure" });
    const release = emulator.admin.createRelease(web.full_name, {});
    const before = await mirrorCounts(db, { org: "acme" });

    // The repository's own sync: an organization's incremental run syncs the repositories its
    // change detection flags (pushed, issues or pull requests updated); a deploy, release or re-run
    // without a push is seen by its webhook or by the daily full pass (org-targets.ts).
    const summary = await runSync(
      { db, client: testClient(emulator.url), log: silentLog, progress: new Progress() },
      { repositories: [web.full_name], depth: parseDepth("full") },
    );
    const after = await walkOrganization(emulator.url, "acme");
    expect(await mirrorCounts(db, { org: "acme" })).toEqual(after.counts);
    expectEqualToWalk(await mirroredDeliveryIds(database), after);
    expect(summary.deployments).toBeGreaterThanOrEqual(made.length);
    expect(summary.releases).toBe(1);
    expect(after.counts.releases).toBe(before.releases + 1);
    expect(await db.select().from(releases).where(eq(releases.id, release.id))).toHaveLength(1);
    const [deployed] = await db
      .select()
      .from(deployments)
      .where(eq(deployments.id, made[0]?.id ?? 0));
    expect(deployed).toMatchObject({ environment: "production" });
    expect(deployed?.latestState).not.toBeNull();
    const [rerun] = await db.select().from(workflowRuns).where(eq(workflowRuns.id, failed.id));
    expect(rerun?.runAttempt).toBe(failed.runAttempt + 1);
    if (rerun?.status === "completed") {
      expect(rerun.jobsSyncedFor).toEqual(rerun.updatedAt);
      const jobs = await db.select().from(workflowJobs).where(eq(workflowJobs.runId, failed.id));
      expect(jobs.some((job) => job.runAttempt === rerun.runAttempt)).toBe(true);
    }
    // What it cost, for the record (README figures): requests made, and how many were free 304s.
    console.info(
      `incremental sync after changes: ${summary.requests} requests, ${summary.not_modified} 304s, ${summary.points_used} points`,
    );
  });

  it("verification tombstones a deployment and a release GitHub does not have and rewrites a changed one", async () => {
    const db = database.db;
    const [web] = emulator.admin.repositories();
    if (!web) throw new Error("expected a repository");
    const [deployment] = await db
      .select()
      .from(deployments)
      .where(eq(deployments.repositoryId, web.id))
      .limit(1);
    const [release] = await db.select().from(releases).where(eq(releases.repositoryId, web.id)).limit(1);
    if (!deployment || !release) throw new Error("expected a deployment and a release");
    // Rows GitHub never had (as if deleted there with no delivery), and a deployment left behind.
    await db.insert(deployments).values({ ...deployment, id: 9_900_001 });
    await db.insert(releases).values({ ...release, id: 9_900_002, tagName: "v0.0.0-gone" });
    await db
      .update(deployments)
      .set({ updatedAt: new Date("2000-01-01T00:00:00Z"), description: "stale" })
      .where(eq(deployments.id, deployment.id));
    const { report } = await runVerify(
      { db, client: testClient(emulator.url), log: silentLog, progress: new Progress() },
      { repositories: [web.full_name] },
    );
    expect(report).toMatchObject({ deleted: 2 });
    expect(report.changed).toBeGreaterThanOrEqual(1);
    const [gone] = await db.select().from(deployments).where(eq(deployments.id, 9_900_001));
    expect(gone?.deletedAt).not.toBeNull();
    const [goneRelease] = await db.select().from(releases).where(eq(releases.id, 9_900_002));
    expect(goneRelease?.deletedAt).not.toBeNull();
    const [repaired] = await db.select().from(deployments).where(eq(deployments.id, deployment.id));
    expect(repaired?.updatedAt).toEqual(deployment.updatedAt);
    expect(repaired?.description).toBe(deployment.description);
  });

  it("a crash mid-backfill loses nothing: the next run resumes from the checkpoint, one page again at most", async () => {
    const crashed = await freshDatabase();
    try {
      const seen: string[] = [];
      const crashing: typeof fetch = async (input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        seen.push(url);
        if (/\/deployments\?per_page=100&page=2/.test(url)) throw new Error("injected crash");
        return fetch(input, init);
      };
      await expect(
        syncOrg(crashed.db, testClient(emulator.url, ["test-token"], { fetch: crashing }), "acme"),
      ).rejects.toThrow();
      const partial = await mirrorCounts(crashed.db, { org: "acme" });
      expect(partial.deployments).toBeGreaterThan(0);
      expect(partial.deployments).toBeLessThan(truth.counts.deployments);

      const resumed: string[] = [];
      const counting: typeof fetch = async (input, init) => {
        resumed.push(String(input instanceof Request ? input.url : input));
        return fetch(input, init);
      };
      await syncOrg(crashed.db, testClient(emulator.url, ["test-token"], { fetch: counting }), "acme");
      // GitHub as it is now (the test before changed it).
      const now = await walkOrganization(emulator.url, "acme");
      expect(await mirrorCounts(crashed.db, { org: "acme" })).toEqual(now.counts);
      expectEqualToWalk(await mirroredDeliveryIds(crashed), now);
      // The crashed repository's first deployments page was committed with its cursor: not asked
      // again; the page that failed is the one asked again.
      const failed = seen.find((u) => /\/deployments\?per_page=100&page=2/.test(u)) as string;
      const crashedFirst = seen.filter((u) => /\/deployments\?per_page=100$/.test(u)).at(-1) as string;
      expect(resumed.filter((u) => u === crashedFirst)).toEqual([]);
      expect(resumed.filter((u) => u === failed)).toHaveLength(1);
    } finally {
      await crashed.close();
    }
  });
});
