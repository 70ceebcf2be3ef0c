/**
 * GET /repos/{owner}/{repo}/commits (newest first; sha = branch or commit sha; since, until,
 * author, committer) and GET /repos/{owner}/{repo}/commits/{ref}. The `path` filter is not
 * emulated (files are not modelled) and is ignored.
 */
import type { ApiResponse, RepoRequest } from "./api-types.js";
import type { CommitRecord, Identity, RepoRecord } from "./world-types.js";
import type { Sliceable } from "./list-query.js";
import { errorBody, ok } from "./api-types.js";
import { timestampParam } from "./list-query.js";
import { paginate } from "./paginate.js";
import { renderCommit, renderCommitDetail } from "./render-commit.js";
import { branchIndex, findCommit, historyFrom } from "./world-queries.js";

const LIST_DOCS = "https://docs.github.com/rest/commits/commits#list-commits";
const GET_DOCS = "https://docs.github.com/rest/commits/commits#get-a-commit";

/** The branch from position `head` down to the root, newest first, without copying it. */
function branchView(repo: RepoRecord, head: number): Sliceable<CommitRecord> {
  return {
    length: head + 1,
    slice(start, end) {
      const out: CommitRecord[] = [];
      for (let i = start; i < Math.min(end, head + 1); i++) {
        const commit = repo.branch[head - i];
        if (commit) out.push(commit);
      }
      return out;
    },
  };
}

function identityMatches(identity: Identity, wanted: string): boolean {
  const value = wanted.toLowerCase();
  return identity.email.toLowerCase() === value || identity.account?.login.toLowerCase() === value;
}

export function listCommits(req: RepoRequest): ApiResponse {
  const { repo, query } = req;
  if (repo.branch.length === 0)
    return { status: 409, body: errorBody("Git Repository is empty.", 409, LIST_DOCS) };
  const ref = query.get("sha") || repo.defaultBranch;
  const start = findCommit(req.ctx.world, repo, ref);
  if (!start) return { status: 404, body: errorBody(`No commit found for SHA: ${ref}`, 404, LIST_DOCS) };
  const since = timestampParam(query, "since");
  const until = timestampParam(query, "until");
  if (since === null || until === null) {
    return { status: 400, body: errorBody("Invalid time value for since or until", 400, LIST_DOCS) };
  }
  const author = query.get("author");
  const committer = query.get("committer");
  const filtered = since !== undefined || until !== undefined || author || committer;
  const head = branchIndex(repo).get(start.sha);
  let commits: Sliceable<CommitRecord>;
  if (head !== undefined && !filtered) {
    commits = branchView(repo, head);
  } else {
    commits = historyFrom(req.ctx.world, repo, start).filter(
      (commit) =>
        (since === undefined || commit.committedAt >= since) &&
        (until === undefined || commit.committedAt <= until) &&
        (!author || identityMatches(commit.author, author)) &&
        (!committer || identityMatches(commit.committer, committer)),
    );
  }
  const page = paginate(commits, query, req.linkBase);
  return ok(
    page.items.map((commit) => renderCommit(req.ctx, repo, commit)),
    page.link,
  );
}

export function getCommit(req: RepoRequest): ApiResponse {
  const { repo } = req;
  const ref = req.params.ref ?? "";
  if (repo.branch.length === 0)
    return { status: 409, body: errorBody("Git Repository is empty.", 409, GET_DOCS) };
  const commit = findCommit(req.ctx.world, repo, ref);
  if (!commit) return { status: 422, body: errorBody(`No commit found for SHA: ${ref}`, 422, GET_DOCS) };
  return ok(renderCommitDetail(req.ctx, repo, commit));
}
