/** Read and advance `sync_checkpoints`; callers advance them inside the transaction of the rows they cover. */
import { and, eq } from "drizzle-orm";
import type { Db } from "./database.js";
import { etags, syncCheckpoints } from "./schema.js";

export type Checkpoint = typeof syncCheckpoints.$inferSelect;
export type CheckpointChange = Partial<Omit<Checkpoint, "repositoryId" | "entity" | "updatedAt">>;

export async function loadCheckpoint(
  db: Db,
  repositoryId: number,
  entity: string,
): Promise<Checkpoint | undefined> {
  const rows = await db
    .select()
    .from(syncCheckpoints)
    .where(and(eq(syncCheckpoints.repositoryId, repositoryId), eq(syncCheckpoints.entity, entity)));
  return rows[0];
}

export async function saveCheckpoint(
  db: Db,
  repositoryId: number,
  entity: string,
  change: CheckpointChange,
): Promise<void> {
  const values = { ...change, updatedAt: new Date() };
  await db
    .insert(syncCheckpoints)
    .values({ repositoryId, entity, ...values })
    .onConflictDoUpdate({ target: [syncCheckpoints.repositoryId, syncCheckpoints.entity], set: values });
}

export async function loadEtag(db: Db, url: string): Promise<string | undefined> {
  const rows = await db.select({ etag: etags.etag }).from(etags).where(eq(etags.url, url));
  return rows[0]?.etag;
}

export async function saveEtag(db: Db, url: string, etag: string | undefined): Promise<void> {
  if (etag === undefined) return;
  await db
    .insert(etags)
    .values({ url, etag })
    .onConflictDoUpdate({ target: etags.url, set: { etag, updatedAt: new Date() } });
}
