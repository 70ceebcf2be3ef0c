/**
 * Which repositories of an organization changed since `since`, from two signals whose cost follows
 * what changed, not how many repositories exist (measured in bench/freshness.ts):
 *
 * - its repository list sorted by `pushed`, newest first, the first page polled with its ETag: a
 *   304 (free) says nothing was pushed and nothing near the top was edited; otherwise pages are
 *   read down to `since`, and repositories pushed, edited or created since are changes;
 * - a search of its issues and pull requests updated since (oldest first: past GitHub's 1,000
 *   results the next query starts where the last ended): comments, reviews, labels, new issues —
 *   what moves no `pushed_at`. An item the mirror already holds as new is no change, so the
 *   caller's overlap (clock skew, search's index lag) costs a few search results, not syncs.
 *
 * Neither sees a deletion or an edit that moves no `updated_at` (a comment edited): the full pass
 * (org-targets.ts) and verification find those.
 */
import type { GitHubPage } from "../../github/client.js";
import type { GitHubIssueSearch, GitHubRepository } from "../../normalize/github-types.js";
import { repositoriesWithNewerItems, storedRepositoryStates } from "../../store/org-watches.js";
import type { SyncContext } from "../context.js";
import {
  changedRepositories,
  endsBefore,
  repositoryOf,
  searchUrl,
  settledPage,
  type Unsettled,
} from "./change-signals.js";

export interface OrgChanges {
  /** Repositories pushed or edited since, as listed (to write before their sync). */
  pushed: GitHubRepository[];
  /** The ids of those the mirror already holds a row for. */
  known: ReadonlySet<number>;
  /** OWNER/REPO of repositories with an issue or pull request the mirror lacks or holds older. */
  discussed: string[];
  /** The pushed list's first page's ETag, to keep once the changes are synced (undefined: keep the last). */
  listEtag: string | undefined;
  /** False when GitHub said its search answer was incomplete: the window is searched again next time. */
  complete: boolean;
  /** GitHub's clock as detection began: where the next one searches from (ghsync's may differ). */
  githubTime: Date | undefined;
}

/** GitHub serves the first 1,000 results of a search. */
const SEARCH_CAP = 1000;

export function pushedListUrl(org: string): string {
  return `/orgs/${encodeURIComponent(org)}/repos?type=all&sort=pushed&direction=desc&per_page=100`;
}

/**
 * `since`: where the signals are read back to (the last detection less an overlap); `unsettled`:
 * what GitHub stamped from then on counts as changed even when the mirror has the same stamp;
 * `etag`: the pushed list's first page as the caller last settled it.
 */
export async function detectOrgChanges(
  ctx: SyncContext,
  org: string,
  window: { since: Date; unsettled: Unsettled; etag: string | undefined },
): Promise<OrgChanges> {
  const task = ctx.progress.task(`${org} changes`);
  try {
    const { pushed, known, listEtag, githubTime } = await readPushed(ctx, org, window);
    const { items, complete } = await searchUpdated(ctx, org, window.since);
    const discussed = await repositoriesWithNewerItems(ctx.db, items, window.unsettled);
    return { pushed, known, discussed, listEtag, complete, githubTime };
  } finally {
    task.finish();
  }
}

async function readPushed(
  ctx: SyncContext,
  org: string,
  { since, unsettled, etag }: { since: Date; unsettled: Unsettled; etag: string | undefined },
): Promise<Pick<OrgChanges, "pushed" | "known" | "listEtag" | "githubTime">> {
  let page = await ctx.client.get<GitHubRepository[]>(pushedListUrl(org), etag);
  const githubTime = page.date;
  if (page.status === 304) return { pushed: [], known: new Set(), listEtag: undefined, githubTime };
  const listEtag = settledPage(page.data ?? [], githubTime) ? page.etag : undefined;
  const listed: GitHubRepository[] = [];
  for (;;) {
    const repos = page.data ?? [];
    listed.push(...repos);
    if (!page.next || endsBefore(repos, since)) break;
    page = await ctx.client.get<GitHubRepository[]>(page.next);
  }
  const stored = await storedRepositoryStates(
    ctx.db,
    listed.map((repo) => Number(repo.id)),
  );
  const pushed = changedRepositories(listed, stored, unsettled);
  const known = new Set(stored.map((row) => row.id));
  return { pushed, known, listEtag, githubTime };
}

async function searchUpdated(
  ctx: SyncContext,
  org: string,
  since: Date,
): Promise<{ items: { repository: string; number: number; updatedAt: string }[]; complete: boolean }> {
  const items: { repository: string; number: number; updatedAt: string }[] = [];
  let complete = true;
  let from = since;
  for (;;) {
    let read = 0;
    let next: string | undefined = searchUrl(org, from);
    let total = 0;
    while (next) {
      const page: GitHubPage<GitHubIssueSearch> = await ctx.client.get<GitHubIssueSearch>(next);
      const answer = page.data;
      if (!answer) break;
      total = answer.total_count;
      complete &&= !answer.incomplete_results;
      for (const item of answer.items)
        items.push({
          repository: repositoryOf(item.repository_url),
          number: item.number,
          updatedAt: item.updated_at,
        });
      read += answer.items.length;
      next = page.next;
    }
    const last = items[items.length - 1];
    // Capped: go on from the last item read (its second is read again; the mirror check dedups).
    if (total <= read || read < SEARCH_CAP || !last) break;
    const resume = new Date(last.updatedAt);
    if (resume.getTime() <= from.getTime()) {
      // More than 1,000 items updated within one second: the search cannot page past them.
      complete = false;
      break;
    }
    from = resume;
  }
  return { items, complete };
}
