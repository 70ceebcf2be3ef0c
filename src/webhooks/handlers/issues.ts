/**
 * `issues` (opened, edited, closed, reopened, labeled, assigned… deleted, transferred) and
 * `issue_comment` (created, edited, deleted). Deletes are tombstones (a deleted issue's comments
 * with it); a transferred issue is tombstoned here and written under its new repository, its
 * comments moved with it. A comment's issue is written too when the
 * payload has it (so a comment never waits for its parent); a PR's conversation is not an issue.
 */
import { toId } from "../../normalize/ids.js";
import type { Db } from "../../store/database.js";
import { issueComments, issues } from "../../store/schema.js";
import {
  commentLocation,
  isTombstoned,
  markDeleted,
  moveIssueComments,
  putCommentBack,
  liveCommentIds,
} from "../../store/tombstones.js";
import { applyComments, applyIssues, applyRepositories } from "../../mirror/apply.js";
import type { HandlerResult, WebhookPayload } from "../payload.js";
import { withRepository } from "./repository.js";
import { ambiguousIssue } from "../../mirror/ambiguous.js";

export async function onIssues(tx: Db, payload: WebhookPayload): Promise<HandlerResult> {
  return withRepository(tx, payload, async (repositoryId) => {
    const issue = payload.issue;
    if (!issue) return { status: "ignored", reason: "no issue in the payload", repositoryId };
    const gone = payload.action === "deleted" || payload.action === "transferred";
    if (!gone && (await ambiguousIssue(tx, repositoryId, issue)))
      return {
        status: "processed",
        reason: "same updated_at as the stored issue, other content: read again from GitHub",
        repositoryId,
        refresh: [{ kind: "issue", number: issue.number }],
      };
    await applyIssues(tx, repositoryId, [issue]);
    if (gone) await markDeleted(tx, issues, [toId(issue.id)], new Date());
    if (payload.action === "deleted") {
      // Its comments go with it, and GitHub sends no delivery for them.
      const comments = await liveCommentIds(tx, { repositoryId, number: issue.number });
      await markDeleted(tx, issueComments, comments, new Date());
    }
    const moved = payload.changes;
    if (payload.action === "transferred" && moved?.new_issue && moved.new_repository) {
      const target = toId(moved.new_repository.id);
      await applyRepositories(tx, [moved.new_repository]);
      await applyIssues(tx, target, [moved.new_issue]);
      await moveIssueComments(
        tx,
        { repositoryId, number: issue.number },
        { repositoryId: target, number: moved.new_issue.number },
      );
    }
    return { status: "processed", repositoryId };
  });
}

export async function onIssueComment(tx: Db, payload: WebhookPayload): Promise<HandlerResult> {
  return withRepository(tx, payload, async (repositoryId) => {
    const comment = payload.comment;
    if (!comment) return { status: "ignored", reason: "no comment in the payload", repositoryId };
    if (payload.issue) await applyIssues(tx, repositoryId, [payload.issue]);
    // A delivery made before its issue was transferred can arrive after: the comment went with
    // the issue (which the mirror tombstoned here), and stays where the mirror moved it.
    const stored = await commentLocation(tx, toId(comment.id));
    const issueGone = payload.issue ? await isTombstoned(tx, issues, toId(payload.issue.id)) : false;
    await applyComments(tx, repositoryId, [comment]);
    if (stored && issueGone && stored.repositoryId !== repositoryId)
      await putCommentBack(tx, toId(comment.id), stored);
    if (payload.action === "deleted") await markDeleted(tx, issueComments, [toId(comment.id)], new Date());
    return { status: "processed", repositoryId };
  });
}
