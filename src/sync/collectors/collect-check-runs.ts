/**
 * Check suites and check runs of the commits that matter for delivery metrics: the default
 * branch's head, and the heads of open pull requests and of those updated in the last
 * CHECK_WINDOW_MS (30 days, as for jobs).
 * GitHub has no repository-wide check list: they are read per commit, with GraphQL fifty commits a
 * query (graphql/read-checks.ts), with REST (`--api rest`, the default branch, and a commit with
 * more checks than a query reads) `/commits/{ref}/check-suites` and
 * `/commits/{ref}/check-runs?filter=latest`, each a conditional request on its stored ETag (0
 * points while unchanged):
 * - the default branch by its name: a stable URL whose answer changes when the head moves or a
 *   check on it changes, so an unchanged branch is a 304;
 * - pull-request heads: those of covered pull requests whose `updated_at` passed the checkpoint's
 *   high-water mark (a push to a PR moves it): open ones first, then the most recently updated,
 *   at most MAX_PULL_HEADS a sync (a bound for repositories with thousands of pull requests a
 *   month; the window keeps a first sync of a long history from reading every pull request's);
 * - commits whose mirrored check runs are still running, read again until they finish, and heads
 *   whose workflow runs moved since the last collection (a re-run on an unchanged pull request).
 * `filter=latest` lists each check's latest run: a run an earlier attempt left, no longer listed,
 * is tombstoned (workflow jobs keep every attempt: that is where CI's history is).
 *
 * The checks mirrored are those of the current heads: when the default branch moves on or a pull
 * request is pushed to, the former head's suites and runs are tombstoned (store/delivery-rows.ts),
 * so the mirror does not depend on when its syncs ran. The history of CI is in workflow runs and
 * jobs, kept whole. (A `check_run` webhook for a commit that is no head is applied, and
 * tombstoned by the next sync.)
 */
import { and, desc, eq, gt, gte, inArray, isNull, ne, or, sql } from "drizzle-orm";
import type { GitHubPage } from "../../github/client.js";
import type { GitHubCheckRunList, GitHubCheckSuiteList } from "../../normalize/github-delivery-types.js";
import { applyCheckRunRows, applyCheckSuiteRows } from "../../mirror/apply-delivery.js";
import {
  normalizeCheckRun,
  normalizeCheckSuite,
  type CheckRunRow,
  type CheckSuiteRow,
} from "../../normalize/normalize-check.js";
import {
  loadCheckpoint,
  loadEtag,
  saveCheckpoint,
  saveCheckpointCursor,
  saveEtag,
} from "../../store/checkpoints.js";
import { unlessGone } from "../../github/unless-gone.js";
import { isGhsyncError } from "../../util/errors.js";
import type { Db } from "../../store/database.js";
import { tombstoneChecksNotListed, tombstoneChecksOutside } from "../../store/delivery-rows.js";
import { queryRows } from "../../store/raw-query.js";
import { checkRuns, checkSuites, pullRequests, workflowRuns } from "../../store/schema.js";
import type { RepositoryRef, SyncContext } from "../context.js";
import { PageSize } from "../graphql/page-size.js";
import { readCommitChecks, unlessGraphqlUnavailable } from "../graphql/read-checks.js";

const ENTITY = "check_runs";
/** Closed pull requests' checks are kept for those updated within this window. */
export const CHECK_WINDOW_MS = 30 * 86_400_000;
/** Pull-request heads read per sync (two requests each, 0 points when unchanged). */
export const MAX_PULL_HEADS = 1_000;
/** Commits with running checks read again per sync. */
const MAX_RUNNING = 50;

export async function collectCheckRuns(ctx: SyncContext, repo: RepositoryRef): Promise<void> {
  const startedAt = await databaseNow(ctx.db);
  const checkpoint = await loadCheckpoint(ctx.db, repo.id, ENTITY);
  const mark = checkpoint?.backfillComplete ? checkpoint.highWaterMark : null;
  const pulls = await ctx.db
    .select({ headSha: pullRequests.headSha, updatedAt: pullRequests.updatedAt })
    .from(pullRequests)
    .where(
      and(
        coveredPulls(repo.id, startedAt),
        sql`${pullRequests.headSha} is not null`,
        ...(mark ? [gt(pullRequests.updatedAt, mark)] : []),
      ),
    )
    .orderBy(desc(sql`${pullRequests.state} = 'open'`), desc(pullRequests.updatedAt))
    .limit(MAX_PULL_HEADS);
  const running = await ctx.db
    .selectDistinct({ headSha: checkRuns.headSha })
    .from(checkRuns)
    .where(
      and(
        eq(checkRuns.repositoryId, repo.id),
        isNull(checkRuns.deletedAt),
        or(isNull(checkRuns.status), ne(checkRuns.status, "completed")),
      ),
    )
    .limit(MAX_RUNNING);
  // Commits whose workflow runs moved since the last collection (a re-run, a new run): their checks changed.
  const rerun = await ctx.db
    .selectDistinct({ headSha: workflowRuns.headSha })
    .from(workflowRuns)
    .where(
      and(
        eq(workflowRuns.repositoryId, repo.id),
        ...(checkpoint?.backfillComplete ? [gt(workflowRuns.syncedAt, checkpoint.updatedAt)] : [sql`false`]),
      ),
    )
    .limit(MAX_RUNNING);
  const currentHeads = await pullHeads(ctx.db, repo.id, startedAt);
  const refs = new Set<string>();
  if (repo.defaultBranch) refs.add(repo.defaultBranch);
  for (const { headSha } of [...pulls, ...running]) if (headSha) refs.add(headSha);
  for (const { headSha } of rerun)
    if (currentHeads.has(headSha) || headSha === checkpoint?.cursor) refs.add(headSha);
  const task = ctx.progress.task(`${repo.fullName} check runs`);
  task.expect(refs.size * 2);
  // Commits by sha with GraphQL, many a query; the default branch (by name) and what a query could
  // not read whole with REST.
  const shas = [...refs].filter((ref) => ref !== repo.defaultBranch);
  const size = new PageSize((attempt) => ctx.client.backOff(attempt));
  const read = await unlessGraphqlUnavailable(ctx, async () =>
    readCommitChecks(ctx, repo, shas, await suiteIdsOfRuns(ctx.db, repo.id, shas), size),
  );
  // The default branch's head when last read (the checkpoint's cursor): a 304 says it is unchanged.
  let branchHead = checkpoint?.cursor ?? null;
  for (const ref of refs) {
    const checks = read?.get(ref);
    // null: GitHub does not know the commit (a force-pushed head), as REST's 404 or 422 says.
    if (checks) await writeChecks(ctx, repo, ref, checks, startedAt);
    else if (checks === undefined) {
      const head = await collectRef(ctx, repo, ref, startedAt);
      if (ref === repo.defaultBranch && head !== undefined) branchHead = head;
    }
    task.advance(2);
  }
  const heads = [branchHead, ...currentHeads].filter((sha): sha is string => !!sha);
  await tombstoneChecksOutside(ctx.db, repo.id, heads, startedAt);
  // The newest pull request read is the mark: a crash before here reads them again (0 points).
  const newest = pulls.reduce<Date | null>(
    (max, pull) => (!max || pull.updatedAt > max ? pull.updatedAt : max),
    mark,
  );
  await saveCheckpoint(ctx.db, repo.id, ENTITY, {
    highWaterMark: newest,
    cursor: branchHead,
    backfillComplete: true,
  });
  task.finish();
}

/**
 * One commit's (or branch's) suites and check runs with REST, each list's first page conditional.
 * Returns the commit they are of (null: none listed), or undefined when neither list changed.
 */
async function collectRef(
  ctx: SyncContext,
  repo: RepositoryRef,
  ref: string,
  startedAt: Date,
): Promise<string | null | undefined> {
  const base = `/repos/${repo.fullName}/commits/${encodeURIComponent(ref)}`;
  const suites = await readList<GitHubCheckSuiteList>(ctx, `${base}/check-suites?per_page=100`);
  const runs = await readList<GitHubCheckRunList>(ctx, `${base}/check-runs?filter=latest&per_page=100`);
  if (!suites.changed && !runs.changed) return undefined;
  const runItems = runs.pages.flatMap((page) => page.check_runs ?? []);
  const suiteItems = suites.pages.flatMap((page) => page.check_suites ?? []);
  const sha = runItems[0]?.head_sha ?? suiteItems[0]?.head_sha ?? (ref === repo.defaultBranch ? null : ref);
  const changed = [suites, runs].filter((list) => list.changed);
  await writeChecks(
    ctx,
    repo,
    sha,
    {
      ...(suites.changed ? { suites: suiteItems.map((suite) => normalizeCheckSuite(repo.id, suite)) } : {}),
      ...(runs.changed ? { runs: runItems.map((run) => normalizeCheckRun(repo.id, run)) } : {}),
    },
    startedAt,
    async (tx) => {
      for (const list of changed) await saveEtag(tx, list.url, list.etag);
      // The branch's head is known from these answers only: kept with their ETags, so a pass cut
      // off before its end (a rate-limit wait, a crash) that then gets 304s still knows it.
      if (ref === repo.defaultBranch) await saveCheckpointCursor(tx, repo.id, ENTITY, sha);
    },
  );
  return sha;
}

/**
 * A commit's suites and check runs, each list as read (absent: unchanged); what was not listed
 * any more is tombstoned. `also` runs in the same transaction (the lists' ETags).
 */
async function writeChecks(
  ctx: SyncContext,
  repo: RepositoryRef,
  sha: string | null,
  read: { suites?: CheckSuiteRow[]; runs?: CheckRunRow[] },
  startedAt: Date,
  also: (tx: Db) => Promise<void> = async () => {},
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    if (read.suites) {
      await applyCheckSuiteRows(tx, read.suites);
      const listed = read.suites.map((suite) => suite.id);
      if (sha) await tombstoneChecksNotListed(tx, checkSuites, repo.id, sha, listed, startedAt);
    }
    if (read.runs) {
      // Awaited first: `counts.x += await …` would add to a value read before the wait, losing
      // what other repositories' collectors counted meanwhile.
      const written = await applyCheckRunRows(tx, read.runs);
      ctx.counts.check_runs += written;
      const listed = read.runs.map((run) => run.id);
      if (sha) await tombstoneChecksNotListed(tx, checkRuns, repo.id, sha, listed, startedAt);
    }
    await also(tx);
  });
}

interface ListRead<T> {
  url: string;
  changed: boolean;
  pages: T[];
  etag: string | undefined;
}

/**
 * Every page of a list whose first page changed (a 304 on it: nothing changed). A commit GitHub
 * no longer knows (a force-pushed head: 404, or 422 for a ref it cannot resolve) has nothing to read.
 */
async function readList<T>(ctx: SyncContext, url: string): Promise<ListRead<T>> {
  const pages: T[] = [];
  let next: string | undefined = url;
  let etag: string | undefined;
  for (let first = true; next; first = false) {
    const page: GitHubPage<T> | undefined = await unlessUnknownRef(
      ctx.client.get<T>(next, first ? await loadEtag(ctx.db, url) : undefined),
    );
    if (!page || page.status === 304) return { url, changed: false, pages, etag };
    if (first) etag = page.etag;
    if (page.data !== undefined) pages.push(page.data);
    next = page.next;
  }
  return { url, changed: true, pages, etag };
}

/** 404, 410, or GitHub's 422 "No commit found for SHA": nothing to read. */
async function unlessUnknownRef<T>(request: Promise<T>): Promise<T | undefined> {
  try {
    return await unlessGone(request);
  } catch (error) {
    if (isGhsyncError(error) && (error.cause as { status?: number } | undefined)?.status === 422)
      return undefined;
    throw error;
  }
}

/** The check suite of each mirrored workflow run of these commits, by run id. */
async function suiteIdsOfRuns(
  db: Db,
  repositoryId: number,
  shas: readonly string[],
): Promise<Map<number, number>> {
  if (shas.length === 0) return new Map();
  const rows = await db
    .select({ id: workflowRuns.id, checkSuiteId: workflowRuns.checkSuiteId })
    .from(workflowRuns)
    .where(and(eq(workflowRuns.repositoryId, repositoryId), inArray(workflowRuns.headSha, [...shas])));
  return new Map(rows.flatMap((row) => (row.checkSuiteId === null ? [] : [[row.id, row.checkSuiteId]])));
}

/** The database's clock (the one `synced_at` is written with). */
async function databaseNow(db: Db): Promise<Date> {
  const [row] = await queryRows<{ now: Date | string }>(db, sql`select now() as now`);
  return new Date(row?.now ?? Date.now());
}

/** The pull requests whose heads' checks are mirrored: open, or updated within the window. */
function coveredPulls(repositoryId: number, now: Date) {
  return and(
    eq(pullRequests.repositoryId, repositoryId),
    isNull(pullRequests.deletedAt),
    or(
      eq(pullRequests.state, "open"),
      gte(pullRequests.updatedAt, new Date(now.getTime() - CHECK_WINDOW_MS)),
    ),
  );
}

/** The head commits of the covered pull requests. */
async function pullHeads(db: Db, repositoryId: number, now: Date): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ headSha: pullRequests.headSha })
    .from(pullRequests)
    .where(coveredPulls(repositoryId, now));
  return new Set(rows.flatMap((row) => (row.headSha ? [row.headSha] : [])));
}
