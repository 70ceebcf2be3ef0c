/**
 * Commits as GitHub renders them in lists and in GET /commits/{ref} (which adds stats and files).
 * Squash merges are committed by `web-flow` and verified; other commits are unsigned. Tree, blob
 * and diff data are derived from the sha, so they cost no memory.
 */
import type { CommitRecord, Identity, RepoRecord } from "./world-types.js";
import type { RenderContext } from "./render-context.js";
import { repoApiUrl, repoHtmlUrl } from "./render-context.js";
import { nullableUser } from "./render-user.js";
import { derivedSha, nodeId } from "./ids.js";
import { rngFor } from "./prng.js";
import { iso } from "./time.js";

function gitUser(identity: Identity, at: number): Record<string, unknown> {
  return { name: identity.name, email: identity.email, date: iso(at) };
}

/** First parent, then a merge commit's second. */
export function parentsOf(commit: CommitRecord): string[] {
  return [commit.parent, commit.mergeParent].filter((sha): sha is string => typeof sha === "string");
}

function verification(commit: CommitRecord): Record<string, unknown> {
  if (commit.committer.email !== "noreply@github.com") {
    return { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null };
  }
  const payload = `tree ${derivedSha("tree", commit.sha)}${parentsOf(commit)
    .map((sha) => `\nparent ${sha}`)
    .join("")}\n\n${commit.message}\n`;
  const signature = `-----BEGIN PGP SIGNATURE-----\n\nwsFcBAABCAAQBQJ${commit.sha.slice(0, 24)}\n-----END PGP SIGNATURE-----\n`;
  return { verified: true, reason: "valid", signature, payload, verified_at: iso(commit.committedAt) };
}

/** An item of GET /repos/{owner}/{repo}/commits. */
export function renderCommit(
  ctx: RenderContext,
  repo: RepoRecord,
  commit: CommitRecord,
): Record<string, unknown> {
  const api = repoApiUrl(ctx, repo);
  const html = repoHtmlUrl(ctx, repo);
  const parents = parentsOf(commit);
  return {
    sha: commit.sha,
    node_id: nodeId("Commit", `${repo.id}:${commit.sha}`),
    commit: {
      author: gitUser(commit.author, commit.authoredAt),
      committer: gitUser(commit.committer, commit.committedAt),
      message: commit.message,
      tree: {
        sha: derivedSha("tree", commit.sha),
        url: `${api}/git/trees/${derivedSha("tree", commit.sha)}`,
      },
      url: `${api}/git/commits/${commit.sha}`,
      comment_count: 0,
      verification: verification(commit),
    },
    url: `${api}/commits/${commit.sha}`,
    html_url: `${html}/commit/${commit.sha}`,
    comments_url: `${api}/commits/${commit.sha}/comments`,
    author: nullableUser(ctx, commit.author.account),
    committer: nullableUser(ctx, commit.committer.account),
    parents: parents.map((sha) => ({ sha, url: `${api}/commits/${sha}`, html_url: `${html}/commit/${sha}` })),
  };
}

const FILES = [
  "src/index.ts",
  "src/server.ts",
  "README.md",
  "package.json",
  "src/lib/auth.ts",
  "test/app.test.ts",
  "docs/setup.md",
];

/** The files a commit changed (derived from its sha): GET /commits/{ref} `files`, push `modified`. */
export function commitFiles(ctx: RenderContext, repo: RepoRecord, commit: CommitRecord) {
  const rng = rngFor("diff", commit.sha);
  const html = repoHtmlUrl(ctx, repo);
  const api = repoApiUrl(ctx, repo);
  return rng
    .shuffle(FILES)
    .slice(0, rng.int(1, 4))
    .map((filename) => {
      const additions = rng.int(0, 120);
      const deletions = rng.int(0, 60);
      const blob = derivedSha("blob", commit.sha, filename);
      return {
        sha: blob,
        filename,
        status: "modified",
        additions,
        deletions,
        changes: additions + deletions,
        blob_url: `${html}/blob/${commit.sha}/${filename}`,
        raw_url: `${html}/raw/${commit.sha}/${filename}`,
        contents_url: `${api}/contents/${filename}?ref=${commit.sha}`,
        patch: `@@ -1,${deletions} +1,${additions} @@`,
      };
    });
}

/** GET /repos/{owner}/{repo}/commits/{ref}: the list item plus stats and files. */
export function renderCommitDetail(
  ctx: RenderContext,
  repo: RepoRecord,
  commit: CommitRecord,
): Record<string, unknown> {
  const files = commitFiles(ctx, repo, commit);
  const additions = files.reduce((sum, file) => sum + file.additions, 0);
  const deletions = files.reduce((sum, file) => sum + file.deletions, 0);
  return {
    ...renderCommit(ctx, repo, commit),
    stats: { total: additions + deletions, additions, deletions },
    files,
  };
}
