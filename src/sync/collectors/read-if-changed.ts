/**
 * One conditional GET of a single resource with the ETag stored for its URL (DESIGN.md, principle
 * 5): unchanged is a 304 and costs 0 points. The caller writes what changed and saves the ETag
 * (`saveEtag`) in the transaction of the rows it covers, so a crash re-reads it.
 */
import { loadEtag } from "../../store/checkpoints.js";
import { unlessGone } from "../../github/unless-gone.js";
import type { SyncContext } from "../context.js";

export type ReadResult<T> =
  { kind: "unchanged" } | { kind: "gone" } | { kind: "changed"; data: T; etag: string | undefined };

/** `--refetch` forgets the repository's stored ETags (forgetReadState): then every read is a 200. */
export async function readIfChanged<T>(ctx: SyncContext, url: string): Promise<ReadResult<T>> {
  const etag = await loadEtag(ctx.db, url);
  const page = await unlessGone(ctx.client.get<T>(url, etag));
  if (!page) return { kind: "gone" };
  if (page.status === 304 || page.data === undefined) return { kind: "unchanged" };
  return { kind: "changed", data: page.data, etag: page.etag };
}
