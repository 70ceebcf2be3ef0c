/**
 * The repositories of an organization a sync covers, in two scopes that keep their own marks
 * (`org_watches.scope`): `ghsync sync --org` covers every repository (`planOrganization`), the
 * scheduler of `serve` the tracked ones (`planTracked`). The first time, with `--refetch`, with a
 * depth deeper than the mirror holds, or once the last full pass is older than
 * FULL_PASS_EVERY_MS: all of them (the full pass, which also tombstones repositories gone from the
 * list). Otherwise only those change detection reports (detect-org-changes.ts).
 *
 * A scope's marks move only once what it found is taken care of (`settle`): after a failure, the
 * next run searches the same window again. Repositories a complete detection found nothing new in
 * are current as of its start (`repositories.current_at`, what staleness is measured from).
 */
import type { GitHubRepository } from "../../normalize/github-types.js";
import {
  loadOrgWatch,
  markRepositories,
  saveOrgWatch,
  shallowerThan,
  unsyncedRepositories,
  vouchCurrent,
  type WatchScope,
} from "../../store/org-watches.js";
import type { Db } from "../../store/database.js";
import { mirroredRepositories } from "../../store/mirrored-repositories.js";
import { applyRepositories } from "../../mirror/apply.js";
import type { RepositoryRef, SyncContext } from "../context.js";
import { collectOrganization, collectRepository, toRef } from "../collectors/collect-repositories.js";
import { detectOrgChanges, pushedListUrl, type OrgChanges } from "./detect-org-changes.js";
import { settledPage, unsettledUntil, unsettledWindow } from "./change-signals.js";
import type { Clock } from "../../util/clock.js";
import type { Depth } from "../depth.js";

/** Every repository is polled at least this often, whatever the signals say. */
export const FULL_PASS_EVERY_MS = 24 * 3_600_000;
/**
 * Each detection reads back this far before the last one (on GitHub's clock): search's index lag,
 * seconds to a minute, with room to spare. Items re-read are compared, not re-synced.
 */
export const DETECTION_OVERLAP_MS = 5 * 60_000;

export interface OrgPlan {
  kind: "full" | "changes";
  targets: RepositoryRef[];
  /** Records the detection as done: for `sync --org` call it only once every target was synced. */
  settle(): Promise<void>;
}

/** `ghsync sync --org`: every repository of the organization, or those that changed. */
export async function planOrganization(
  ctx: SyncContext,
  org: string,
  options: { clock: Clock; depth: Depth; refetch?: boolean | undefined },
): Promise<OrgPlan> {
  const run = await startDetection(ctx, org, "org", options.clock);
  const fullPass =
    run.fullPassDue ||
    options.refetch ||
    // A deeper depth than the mirror holds extends every repository's backfill.
    (await shallowerThan(ctx.db, org, options.depth.since));
  if (fullPass)
    return fullPlan(
      ctx,
      run,
      () => true,
      async () => undefined,
    );
  const changes = await run.detect();
  // A repository's row is what detection compares against: a stored one is rewritten only once its
  // sync is done (after a failed sync it is found changed again); a new one is written now, to sync.
  const stored = changes.known;
  const writeRepositories = (tx: Db, repos: GitHubRepository[]) =>
    applyRepositories(tx, repos).then((written) => {
      ctx.counts.repositories += written;
    });
  await ctx.db.transaction((tx) =>
    writeRepositories(
      tx,
      changes.pushed.filter((repo) => !stored.has(Number(repo.id))),
    ),
  );
  const targets = changes.pushed.map(toRef);
  await addNamed(ctx, targets, [...changes.discussed, ...(await unsyncedRepositories(ctx.db, org))]);
  return {
    kind: "changes",
    targets,
    settle: () =>
      ctx.db.transaction(async (tx) => {
        await writeRepositories(
          tx,
          changes.pushed.filter((repo) => stored.has(Number(repo.id))),
        );
        await run.settle(tx, changes, targets, undefined);
      }),
  };
}

/**
 * The scheduler of `serve`: which of the `tracked` repositories (ids) of the organization changed,
 * or all of them on a full pass. `settle` marks them (`repositories.changed_at`, or `poll_due_at`
 * on a full pass: a poll, no change known; their next complete sync clears it) and moves the
 * scope's marks at once: the mark on each repository keeps the work owed, whenever its sync runs.
 * Rows are not rewritten here: the sync reads its repository first.
 */
export async function planTracked(
  ctx: SyncContext,
  org: string,
  options: { clock: Clock; tracked: ReadonlySet<number> },
): Promise<OrgPlan> {
  const run = await startDetection(ctx, org, "tracked", options.clock);
  const isTracked = (repo: RepositoryRef) => options.tracked.has(repo.id);
  if (run.fullPassDue)
    return fullPlan(ctx, run, isTracked, (tx, targets) =>
      markRepositories(
        tx,
        targets.map((repo) => repo.id),
        { pollDueAt: run.now },
      ),
    );
  const changes = await run.detect();
  const found = changes.pushed.filter((repo) => changes.known.has(Number(repo.id))).map(toRef);
  await addNamed(ctx, found, changes.discussed);
  const targets = found.filter(isTracked);
  return {
    kind: "changes",
    targets,
    settle: () =>
      ctx.db.transaction(async (tx) => {
        await markRepositories(
          tx,
          targets.map((repo) => repo.id),
          { changedAt: run.now },
        );
        await run.settle(tx, changes, targets, [...options.tracked]);
      }),
  };
}

interface DetectionRun {
  org: string;
  scope: WatchScope;
  now: Date;
  fullPassDue: boolean;
  detect(): Promise<OrgChanges>;
  /** Where the next detection reads from: this one's start on GitHub's clock, and its run. */
  marks(githubStart: Date | undefined): { searchedTo: Date; unsettledUntil: Date };
  /**
   * After a `changes` plan: the scope's marks, the list's ETag, and the repositories found current
   * (of those `covered`, when not every one of the organization's).
   */
  settle(
    tx: Db,
    changes: OrgChanges,
    targets: readonly RepositoryRef[],
    covered: readonly number[] | undefined,
  ): Promise<void>;
}

async function startDetection(
  ctx: SyncContext,
  org: string,
  scope: WatchScope,
  clock: Clock,
): Promise<DetectionRun> {
  const now = new Date(clock.now());
  const watch = await loadOrgWatch(ctx.db, org, scope);
  const marks = (githubStart: Date | undefined) => {
    const searchedTo = githubStart ?? now;
    return { searchedTo, unsettledUntil: unsettledUntil(searchedTo, clock.now() - now.getTime()) };
  };
  return {
    org,
    scope,
    now,
    fullPassDue: !watch || now.getTime() - watch.fullPassAt.getTime() >= FULL_PASS_EVERY_MS,
    marks,
    detect() {
      if (!watch) throw new Error(`no change detection of ${org} to go on from: a full pass comes first`);
      return detectOrgChanges(ctx, org, {
        since: new Date(watch.searchedTo.getTime() - DETECTION_OVERLAP_MS),
        unsettled: unsettledWindow(watch),
        etag: watch.listEtag ?? undefined,
      });
    },
    async settle(tx, changes, targets, covered) {
      if (!changes.complete) return;
      await saveOrgWatch(tx, org, scope, {
        ...marks(changes.githubTime),
        ...(changes.listEtag ? { listEtag: changes.listEtag } : {}),
      });
      await vouchCurrent(tx, org, {
        at: now,
        except: targets.map((repo) => repo.id),
        only: covered,
      });
    },
  };
}

/**
 * Every repository of the organization (those `include` keeps): the full pass. `withMarks` runs in
 * the transaction that records it.
 */
async function fullPlan(
  ctx: SyncContext,
  run: DetectionRun,
  include: (repo: RepositoryRef) => boolean,
  withMarks: (tx: Db, targets: readonly RepositoryRef[]) => Promise<void>,
): Promise<OrgPlan> {
  // GitHub's clock and the pushed list's ETag as the pass begins: the next detection starts there.
  const start = await ctx.client.get<GitHubRepository[]>(pushedListUrl(run.org));
  const targets = (await collectOrganization(ctx, run.org, { fresh: true })).filter(include);
  return {
    kind: "full",
    targets,
    settle: () =>
      ctx.db.transaction(async (tx) => {
        await withMarks(tx, targets);
        await saveOrgWatch(tx, run.org, run.scope, {
          ...run.marks(start.date),
          fullPassAt: run.now,
          listEtag: settledPage(start.data ?? [], start.date) ? (start.etag ?? null) : null,
        });
      }),
  };
}

/**
 * Adds the repositories named (OWNER/REPO, as search reports them) to `targets`: from the mirror,
 * or read once when it holds no such name (renamed, or new without a push yet).
 */
async function addNamed(ctx: SyncContext, targets: RepositoryRef[], names: readonly string[]): Promise<void> {
  const mirrored = await mirroredRepositories(ctx.db, { names: [...names] });
  for (const name of names) {
    if (targets.some((target) => target.fullName.toLowerCase() === name.toLowerCase())) continue;
    const known = mirrored.find(
      (repo) => !repo.deleted && repo.fullName.toLowerCase() === name.toLowerCase(),
    );
    const repo = known ?? (await collectRepository(ctx, name));
    if (repo && !targets.some((target) => target.id === repo.id))
      targets.push({ id: repo.id, fullName: repo.fullName, defaultBranch: repo.defaultBranch });
  }
}
