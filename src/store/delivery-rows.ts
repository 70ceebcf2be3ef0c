/**
 * Queries of the delivery tables (store/schema-delivery.ts) that the write path and the collectors
 * share: which rows are final, a deployment's outcome derived from its statuses, the checks of
 * former heads.
 */
import { and, eq, inArray, isNotNull, isNull, lt, notInArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "./database.js";
import type { workflowRuns } from "./schema.js";
import { checkRuns, checkSuites, deployments, workflowJobs } from "./schema.js";

/** Of `ids`, those whose stored row meets `condition`. */
async function idsWhere(
  db: Db,
  table: typeof checkRuns | typeof checkSuites | typeof workflowJobs,
  ids: readonly number[],
  condition: SQL,
): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: table.id })
    .from(table)
    .where(and(inArray(table.id, [...ids]), condition));
  return new Set(rows.map((row) => row.id));
}

/**
 * Of `ids`, those stored as `completed`. Check runs and jobs carry no `updated_at`: a completed
 * one is final (a re-run is a new id), so an older payload that says `queued` or `in_progress`
 * arriving late must not overwrite it.
 */
export function completedIds(
  db: Db,
  table: typeof checkRuns | typeof workflowJobs,
  ids: readonly number[],
): Promise<Set<number>> {
  return idsWhere(db, table, ids, eq(table.status, "completed"));
}

/** Those of `ids` the mirror holds as tombstones. */
export function tombstonedIds(
  db: Db,
  table: typeof checkRuns | typeof checkSuites,
  ids: readonly number[],
): Promise<Set<number>> {
  return idsWhere(db, table, ids, isNotNull(table.deletedAt));
}

/**
 * A deployment's outcome from the statuses the mirror holds, whichever way they arrived:
 * `latest_state` the newest status's state, `finished_at` the first `success`, `failure` or
 * `error` status's time (DORA's deployment and failure moments).
 */
export async function refreshDeploymentOutcome(db: Db, deploymentIds: readonly number[]): Promise<void> {
  if (deploymentIds.length === 0) return;
  await db
    .update(deployments)
    .set({
      latestState: sql`(select s.state from deployment_statuses s where s.deployment_id = ${deployments.id}
        order by s.created_at desc, s.id desc limit 1)`,
      finishedAt: sql`(select min(s.created_at) from deployment_statuses s where s.deployment_id = ${deployments.id}
        and s.state in ('success', 'failure', 'error'))`,
    })
    .where(and(inArray(deployments.id, [...deploymentIds]), isNull(deployments.deletedAt)));
}

/**
 * Check suites and runs of commits that are no longer a head the mirror covers (the default
 * branch moved on, a pull request was pushed to) are tombstoned: the checks mirrored are those
 * of the current heads, whenever the syncs ran. Rows written since `before` (a webhook, while the
 * sync ran) are left. Returns the check runs tombstoned.
 */
export async function tombstoneChecksOutside(
  db: Db,
  repositoryId: number,
  heads: readonly string[],
  before: Date,
): Promise<number> {
  const outside = (table: typeof checkRuns | typeof checkSuites) =>
    and(
      eq(table.repositoryId, repositoryId),
      isNull(table.deletedAt),
      lt(table.syncedAt, before),
      ...(heads.length > 0 ? [notInArray(table.headSha, [...heads])] : []),
    );
  await db.update(checkSuites).set({ deletedAt: new Date() }).where(outside(checkSuites));
  const runs = await db
    .update(checkRuns)
    .set({ deletedAt: new Date() })
    .where(outside(checkRuns))
    .returning({ id: checkRuns.id });
  return runs.length;
}

/**
 * A commit's check runs (or suites) that its latest full list no longer shows — superseded by a
 * re-run — are tombstoned; those written since `before` (a webhook, while the list was read) stay.
 */
export async function tombstoneChecksNotListed(
  db: Db,
  table: typeof checkRuns | typeof checkSuites,
  repositoryId: number,
  headSha: string,
  listed: readonly number[],
  before: Date,
): Promise<void> {
  await db
    .update(table)
    .set({ deletedAt: new Date() })
    .where(
      and(
        eq(table.repositoryId, repositoryId),
        eq(table.headSha, headSha),
        isNull(table.deletedAt),
        lt(table.syncedAt, before),
        ...(listed.length > 0 ? [notInArray(table.id, [...listed])] : []),
      ),
    );
}

/**
 * Of incoming rows that are not `completed`, the ids whose stored row is `completed` at the same or
 * a later `updated_at` (and, for runs, the same or a later attempt): a delivery of an earlier state
 * in the same second, arriving late. GitHub's second-resolution `updated_at` cannot order them;
 * a run or suite does not leave `completed` but by a re-run, which is newer.
 */
export async function finishedAtOrAfter(
  db: Db,
  table: typeof workflowRuns | typeof checkSuites,
  rows: readonly { id: number; status?: string | null; updatedAt?: Date | null; runAttempt?: number }[],
): Promise<Set<number>> {
  const unfinished = rows.filter((row) => row.status !== "completed");
  if (unfinished.length === 0) return new Set();
  const stored = (await db
    .select()
    .from(table)
    .where(
      and(
        inArray(
          table.id,
          unfinished.map((row) => row.id),
        ),
        eq(table.status, "completed"),
      ),
    )) as { id: number; updatedAt: Date | null; runAttempt?: number }[];
  const byId = new Map(stored.map((row) => [row.id, row]));
  return new Set(
    unfinished
      .filter((row) => {
        const done = byId.get(row.id);
        if (!done) return false;
        const notOlder = !row.updatedAt || !done.updatedAt || done.updatedAt >= row.updatedAt;
        return notOlder && (done.runAttempt ?? 1) >= (row.runAttempt ?? 1);
      })
      .map((row) => row.id),
  );
}

/**
 * A re-run's earlier attempts: their jobs' check runs (a job's id is its check run's id) are
 * superseded — GitHub lists a check's latest run — and tombstoned, however the re-run arrived.
 */
export async function tombstoneEarlierAttemptChecks(
  db: Db,
  runs: readonly { id: number; runAttempt?: number }[],
): Promise<void> {
  for (const run of runs) {
    if ((run.runAttempt ?? 1) <= 1) continue;
    await db
      .update(checkRuns)
      .set({ deletedAt: new Date() })
      .where(
        and(
          isNull(checkRuns.deletedAt),
          inArray(
            checkRuns.id,
            db
              .select({ id: workflowJobs.id })
              .from(workflowJobs)
              .where(and(eq(workflowJobs.runId, run.id), lt(workflowJobs.runAttempt, run.runAttempt ?? 1))),
          ),
        ),
      );
  }
}
