/** `repository` (every action): the row from the payload; `deleted` → tombstone. */
import { toId } from "../../normalize/ids.js";
import type { Db } from "../../store/database.js";
import { repositories } from "../../store/schema.js";
import { markDeleted } from "../../store/tombstones.js";
import { applyRepositories } from "../../mirror/apply.js";
import type { HandlerResult, WebhookPayload } from "../payload.js";

export async function onRepository(tx: Db, payload: WebhookPayload): Promise<HandlerResult> {
  const repo = payload.repository;
  if (!repo) return { status: "ignored", reason: "no repository in the payload" };
  await applyRepositories(tx, [repo]);
  const repositoryId = toId(repo.id);
  if (payload.action === "deleted") await markDeleted(tx, repositories, [repositoryId], new Date());
  return { status: "processed", repositoryId };
}

/** Every repository event starts here: the repository row exists (created from the payload, untracked). */
export async function withRepository(
  tx: Db,
  payload: WebhookPayload,
  apply: (repositoryId: number) => Promise<HandlerResult>,
): Promise<HandlerResult> {
  if (!payload.repository) return { status: "ignored", reason: "no repository in the payload" };
  await applyRepositories(tx, [payload.repository]);
  return apply(toId(payload.repository.id));
}
