/**
 * The repositories of an organization a sync covers (`ghsync sync --org`). The first time, with
 * `--refetch`, with a depth deeper than the mirror holds, or once the last full pass is older
 * than FULL_PASS_EVERY_MS: all of them (the full pass, which also tombstones repositories gone
 * from the list). Otherwise only those change
 * detection reports (detect-org-changes.ts), and those whose first sync never finished.
 *
 * The organization's marks move only once every repository planned was synced (`settle`): after
 * a failure, the next run searches the same window again.
 */
import type { GitHubRepository } from "../../normalize/github-types.js";
import { saveEtag } from "../../store/checkpoints.js";
import { loadOrgWatch, saveOrgWatch, shallowerThan, unsyncedRepositories } from "../../store/org-watches.js";
import type { Db } from "../../store/database.js";
import { mirroredRepositories } from "../../store/mirrored-repositories.js";
import { applyRepositories } from "../../mirror/apply.js";
import type { RepositoryRef, SyncContext } from "../context.js";
import { collectOrganization, collectRepository, toRef } from "../collectors/collect-repositories.js";
import { detectOrgChanges, pushedListUrl } from "./detect-org-changes.js";
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
  /** Records the detection as done; call only when every target was synced. */
  settle(): Promise<void>;
}

export async function planOrganization(
  ctx: SyncContext,
  org: string,
  options: { clock: Clock; depth: Depth; refetch?: boolean | undefined },
): Promise<OrgPlan> {
  const { clock } = options;
  const now = new Date(clock.now());
  // Where the next detection reads from: this one's start on GitHub's clock, and its run.
  const marks = (githubStart: Date | undefined) => {
    const searchedTo = githubStart ?? now;
    return { searchedTo, unsettledUntil: unsettledUntil(searchedTo, clock.now() - now.getTime()) };
  };
  const watch = await loadOrgWatch(ctx.db, org);
  const fullPass =
    !watch ||
    options.refetch ||
    now.getTime() - watch.fullPassAt.getTime() >= FULL_PASS_EVERY_MS ||
    // A deeper depth than the mirror holds extends every repository's backfill.
    (await shallowerThan(ctx.db, org, options.depth.since));
  if (fullPass) {
    // GitHub's clock and the pushed list's ETag as the pass begins: the next detection starts there.
    const url = pushedListUrl(org);
    const start = await ctx.client.get<GitHubRepository[]>(url);
    const targets = await collectOrganization(ctx, org, { fresh: true });
    return {
      kind: "full",
      targets,
      settle: () =>
        ctx.db.transaction(async (tx) => {
          if (settledPage(start.data ?? [], start.date)) await saveEtag(tx, url, start.etag);
          await saveOrgWatch(tx, org, { ...marks(start.date), fullPassAt: now });
        }),
    };
  }
  const since = new Date(watch.searchedTo.getTime() - DETECTION_OVERLAP_MS);
  const changes = await detectOrgChanges(ctx, org, { since, unsettled: unsettledWindow(watch) });
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
  const named = [...changes.discussed, ...(await unsyncedRepositories(ctx.db, org))];
  const mirrored = await mirroredRepositories(ctx.db, { names: named });
  for (const name of named) {
    if (targets.some((target) => target.fullName.toLowerCase() === name.toLowerCase())) continue;
    const known = mirrored.find(
      (repo) => !repo.deleted && repo.fullName.toLowerCase() === name.toLowerCase(),
    );
    // A name the mirror does not hold (renamed, or new without a push yet) is read once.
    const repo = known ?? (await collectRepository(ctx, name));
    if (repo && !targets.some((target) => target.id === repo.id))
      targets.push({ id: repo.id, fullName: repo.fullName, defaultBranch: repo.defaultBranch });
  }
  return {
    kind: "changes",
    targets,
    settle: () =>
      ctx.db.transaction(async (tx) => {
        await writeRepositories(
          tx,
          changes.pushed.filter((repo) => stored.has(Number(repo.id))),
        );
        if (changes.listEtag) await saveEtag(tx, changes.listEtag.url, changes.listEtag.etag);
        if (changes.complete) await saveOrgWatch(tx, org, marks(changes.githubTime));
      }),
  };
}
