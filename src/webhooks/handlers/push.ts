/**
 * `push` to the default branch: its commits, when they continue what the mirror holds. The commit
 * walker stops at the first commit it knows, so the mirror must never hold a commit whose
 * ancestors it lacks: after a gap (a missed push), a truncated payload or a force-push, the
 * commits are fetched by an incremental sync of a tracked repository instead (which also marks
 * force-pushed-away commits). Pushes to other refs are ignored: the mirror keeps the default branch.
 */
import { and, eq } from "drizzle-orm";
import { normalizePushCommit } from "../../normalize/normalize-push-commit.js";
import type { Db } from "../../store/database.js";
import { fillCommitAuthorsByLogin } from "../../store/commit-authors.js";
import { commits, repositories, syncCheckpoints } from "../../store/schema.js";
import { applyCommitRows } from "../../mirror/apply.js";
import type { HandlerResult, WebhookPayload } from "../payload.js";
import { withRepository } from "./repository.js";

/** GitHub lists at most this many commits in a push payload; a full list may have been cut. */
const PAYLOAD_COMMIT_LIMIT = 20;
const NULL_SHA = /^0+$/;

export async function onPush(tx: Db, payload: WebhookPayload): Promise<HandlerResult> {
  return withRepository(tx, payload, async (repositoryId) => {
    const defaultBranch = payload.repository?.default_branch;
    if (!defaultBranch || payload.ref !== `refs/heads/${defaultBranch}`) {
      return {
        status: "ignored",
        reason: `push to ${payload.ref ?? "an unknown ref"}, not the default branch`,
        repositoryId,
      };
    }
    if (payload.deleted) return { status: "ignored", reason: "the default branch was deleted", repositoryId };
    const pushed = payload.commits ?? [];
    const [repo] = await tx
      .select({ tracked: repositories.tracked })
      .from(repositories)
      .where(eq(repositories.id, repositoryId));
    const continues = await continuesMirror(tx, repositoryId, payload.before ?? "");
    const needsSync = payload.forced === true || pushed.length >= PAYLOAD_COMMIT_LIMIT || !continues;
    if (needsSync && repo?.tracked) {
      return {
        status: "processed",
        reason: "commits left to an incremental sync",
        repositoryId,
        syncRepositories: [repositoryId],
      };
    }
    await applyCommitRows(
      tx,
      pushed.map((commit) => normalizePushCommit(repositoryId, commit)),
    );
    await fillCommitAuthorsByLogin(
      tx,
      repositoryId,
      pushed.flatMap((commit) =>
        commit.author.username ? [{ sha: commit.id, login: commit.author.username }] : [],
      ),
    );
    return { status: "processed", repositoryId };
  });
}

/** The push starts from a commit the mirror has, or the mirror has no commit history to keep whole. */
async function continuesMirror(tx: Db, repositoryId: number, before: string): Promise<boolean> {
  if (NULL_SHA.test(before)) return true;
  const [known] = await tx
    .select({ sha: commits.sha })
    .from(commits)
    .where(and(eq(commits.repositoryId, repositoryId), eq(commits.sha, before)));
  if (known) return true;
  const [checkpoint] = await tx
    .select({ entity: syncCheckpoints.entity })
    .from(syncCheckpoints)
    .where(and(eq(syncCheckpoints.repositoryId, repositoryId), eq(syncCheckpoints.entity, "commits")));
  return checkpoint === undefined;
}
