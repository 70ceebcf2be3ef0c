/** Releases and tags in GitHub's shapes (`release`, `tag`). */
import type { ReleaseRecord, RepoRecord } from "./world-types.js";
import type { RenderContext } from "./render-context.js";
import { repoApiUrl, repoHtmlUrl } from "./render-context.js";
import { simpleUser } from "./render-user.js";
import { derivedSha, nodeId } from "./ids.js";
import { iso } from "./time.js";

type Json = Record<string, unknown>;

/** A draft has no tag yet: GitHub addresses it as `untagged-…`, with no archives. */
export function renderRelease(ctx: RenderContext, repo: RepoRecord, release: ReleaseRecord): Json {
  const api = repoApiUrl(ctx, repo);
  const url = `${api}/releases/${release.id}`;
  const tag = release.draft ? `untagged-${derivedSha("draft", release.id).slice(0, 20)}` : release.tagName;
  return {
    url,
    html_url: `${repoHtmlUrl(ctx, repo)}/releases/tag/${encodeURIComponent(tag)}`,
    assets_url: `${url}/assets`,
    upload_url: `${ctx.base}/uploads/repos/${repo.owner.login}/${repo.name}/releases/${release.id}/assets{?name,label}`,
    tarball_url: release.draft ? null : `${api}/tarball/${encodeURIComponent(release.tagName)}`,
    zipball_url: release.draft ? null : `${api}/zipball/${encodeURIComponent(release.tagName)}`,
    id: release.id,
    node_id: nodeId("Release", release.id),
    tag_name: release.tagName,
    target_commitish: release.targetCommitish,
    name: release.name,
    body: release.body,
    draft: release.draft,
    prerelease: release.prerelease,
    immutable: false,
    created_at: iso(release.createdAt),
    published_at: release.publishedAt === null ? null : iso(release.publishedAt),
    updated_at: iso(release.publishedAt ?? release.createdAt),
    author: simpleUser(ctx, release.author),
    assets: [],
  };
}

export function renderTag(ctx: RenderContext, repo: RepoRecord, release: ReleaseRecord): Json {
  const api = repoApiUrl(ctx, repo);
  const tag = encodeURIComponent(release.tagName);
  return {
    name: release.tagName,
    commit: { sha: release.sha, url: `${api}/commits/${release.sha}` },
    zipball_url: `${api}/zipball/refs/tags/${tag}`,
    tarball_url: `${api}/tarball/refs/tags/${tag}`,
    node_id: nodeId("Ref", `${repo.id}:refs/tags/${release.tagName}`),
  };
}
