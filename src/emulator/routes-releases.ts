/**
 * Releases and tags: GET /releases (newest first by created_at, drafts included: any token may
 * push here), /releases/{id}, /releases/latest (the newest published full release),
 * /releases/tags/{tag} (published only) and /tags (the published releases' tags, newest first).
 */
import type { ApiResponse, RepoRequest } from "./api-types.js";
import type { ReleaseRecord } from "./world-types.js";
import { notFound, ok } from "./api-types.js";
import { paginate } from "./paginate.js";
import { renderRelease, renderTag } from "./render-release.js";

const DOCS = {
  release: "https://docs.github.com/rest/releases/releases#get-a-release",
  latest: "https://docs.github.com/rest/releases/releases#get-the-latest-release",
  byTag: "https://docs.github.com/rest/releases/releases#get-a-release-by-tag-name",
};

function newestFirst(releases: readonly ReleaseRecord[]): ReleaseRecord[] {
  return [...releases].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
}

/** Drafts are visible to those who can push (every token here); never anonymously. */
function visible(req: RepoRequest): ReleaseRecord[] {
  return req.repo.releases.filter((release) => !release.draft || req.ctx.viewer !== null);
}

export function listReleases(req: RepoRequest): ApiResponse {
  const page = paginate(newestFirst(visible(req)), req.query, req.linkBase);
  return ok(
    page.items.map((release) => renderRelease(req.ctx, req.repo, release)),
    page.link,
  );
}

export function getRelease(req: RepoRequest): ApiResponse {
  const id = Number(req.params.release);
  const release = visible(req).find((candidate) => candidate.id === id);
  return release ? ok(renderRelease(req.ctx, req.repo, release)) : notFound(DOCS.release);
}

export function getLatestRelease(req: RepoRequest): ApiResponse {
  const latest = newestFirst(req.repo.releases).find((release) => !release.draft && !release.prerelease);
  return latest ? ok(renderRelease(req.ctx, req.repo, latest)) : notFound(DOCS.latest);
}

export function getReleaseByTag(req: RepoRequest): ApiResponse {
  const release = req.repo.releases.find(
    (candidate) => !candidate.draft && candidate.tagName === req.params.tag,
  );
  return release ? ok(renderRelease(req.ctx, req.repo, release)) : notFound(DOCS.byTag);
}

export function listTags(req: RepoRequest): ApiResponse {
  const tags = newestFirst(req.repo.releases.filter((release) => !release.draft));
  const page = paginate(tags, req.query, req.linkBase);
  return ok(
    page.items.map((release) => renderTag(req.ctx, req.repo, release)),
    page.link,
  );
}
