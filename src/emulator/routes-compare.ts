/**
 * GET /repos/{owner}/{repo}/compare/{base}...{head}: what `head` has that `base` has not
 * (`commits`, oldest first), the merge base, and ahead_by/behind_by/status. Without paging
 * parameters the list holds at most 250 commits, the newest last; with `page`/`per_page` it pages
 * like any list. `files` is left out (files are not modelled; the schema does not require it).
 * https://docs.github.com/rest/commits/commits#compare-two-commits
 */
import type { ApiResponse, RepoRequest } from "./api-types.js";
import type { CommitRecord } from "./world-types.js";
import { errorBody, ok } from "./api-types.js";
import { paginate } from "./paginate.js";
import { repoApiUrl, repoHtmlUrl } from "./render-context.js";
import { renderCommit } from "./render-commit.js";
import { ancestry, findCommit } from "./world-queries.js";

const DOCS = "https://docs.github.com/rest/commits/commits#compare-two-commits";
/** GitHub's cap on the commits of a comparison asked for without paging parameters. */
const UNPAGED_LIMIT = 250;

const byDate = (a: CommitRecord, b: CommitRecord) => a.committedAt - b.committedAt;

export function compareCommits(req: RepoRequest): ApiResponse {
  const { repo, ctx, query } = req;
  const spec = req.params.basehead ?? "";
  const [baseRef, headRef, extra] = spec.split("...");
  const notFound = { status: 404, body: errorBody("Not Found", 404, DOCS) };
  if (!baseRef || !headRef || extra !== undefined) return notFound;
  const base = findCommit(ctx.world, repo, baseRef);
  const head = findCommit(ctx.world, repo, headRef);
  if (!base || !head) return notFound;
  const fromBase = ancestry(ctx.world, repo, base);
  const fromHead = ancestry(ctx.world, repo, head);
  const ahead = [...fromHead.values()].filter((commit) => !fromBase.has(commit.sha)).sort(byDate);
  const behind = [...fromBase.keys()].filter((sha) => !fromHead.has(sha)).length;
  const mergeBase = [...fromHead.values()]
    .filter((commit) => fromBase.has(commit.sha))
    .sort(byDate)
    .at(-1);
  if (!mergeBase)
    return {
      status: 404,
      body: errorBody(`No common ancestor between ${baseRef} and ${headRef}.`, 404, DOCS),
    };
  const paged = query.has("page") || query.has("per_page");
  const page = paged
    ? paginate(ahead, query, req.linkBase)
    : { items: ahead.slice(-UNPAGED_LIMIT), link: null };
  const status =
    ahead.length === 0 ? (behind === 0 ? "identical" : "behind") : behind === 0 ? "ahead" : "diverged";
  const html = `${repoHtmlUrl(ctx, repo)}/compare/${spec}`;
  return ok(
    {
      url: `${repoApiUrl(ctx, repo)}/compare/${spec}`,
      html_url: html,
      permalink_url: `${repoHtmlUrl(ctx, repo)}/compare/${repo.owner.login}:${base.sha.slice(0, 7)}...${repo.owner.login}:${head.sha.slice(0, 7)}`,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      base_commit: renderCommit(ctx, repo, base),
      merge_base_commit: renderCommit(ctx, repo, mergeBase),
      status,
      ahead_by: ahead.length,
      behind_by: behind,
      total_commits: ahead.length,
      commits: page.items.map((commit) => renderCommit(ctx, repo, commit)),
    },
    page.link,
  );
}
