/**
 * `release` (created, published, released, prereleased, edited, unpublished, deleted): the release
 * from the payload through the sync's write path; `deleted` → tombstone (a release's id never
 * comes back, and the tombstone's time keeps a late earlier delivery from reviving it).
 */
import { applyReleases } from "../../mirror/apply-delivery.js";
import { toId } from "../../normalize/ids.js";
import type { Db } from "../../store/database.js";
import { releases } from "../../store/schema.js";
import { markDeleted } from "../../store/tombstones.js";
import type { HandlerResult, WebhookPayload } from "../payload.js";
import { missingObject, unknownAction, type DeliveryPayload } from "./delivery-payload.js";
import { withRepository } from "./repository.js";

const ACTIONS = new Set([
  "created",
  "published",
  "released",
  "prereleased",
  "edited",
  "unpublished",
  "deleted",
]);

export async function onRelease(tx: Db, payload: WebhookPayload): Promise<HandlerResult> {
  return withRepository(tx, payload, async (repositoryId) => {
    const release = (payload as DeliveryPayload).release;
    if (!ACTIONS.has(payload.action ?? "")) return unknownAction("release", payload, repositoryId);
    if (!release) return missingObject("release", repositoryId);
    await applyReleases(tx, repositoryId, [release]);
    if (payload.action === "deleted") await markDeleted(tx, releases, [toId(release.id)], new Date());
    return { status: "processed", repositoryId };
  });
}
