/** GitHub App installations and which repositories each gives access to. */
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "./database.js";
import { credentials, installations, repositories } from "./schema.js";
import { cancelPending } from "./sync-jobs.js";

export interface InstallationRow {
  id: number;
  accountLogin: string | null;
  accountId: number | null;
  repositorySelection: string | null;
  suspendedAt?: Date | null;
  deletedAt?: Date | null;
}

export async function upsertInstallation(db: Db, row: InstallationRow): Promise<void> {
  const values = { ...row, updatedAt: new Date() };
  await db.insert(installations).values(values).onConflictDoUpdate({ target: installations.id, set: values });
  // Its token can no longer be had: /api/health must not list it as valid.
  if (row.deletedAt)
    await db
      .update(credentials)
      .set({
        status: "retired",
        statusReason: "the installation was deleted on GitHub",
        updatedAt: new Date(),
      })
      .where(eq(credentials.installationId, row.id));
}

/** Records that `installationId` gives access to these repositories (by id). */
export async function assignInstallation(
  db: Db,
  repositoryIds: number[],
  installationId: number,
): Promise<void> {
  if (repositoryIds.length === 0) return;
  await db.update(repositories).set({ installationId }).where(inArray(repositories.id, repositoryIds));
}

/**
 * The installation no longer covers these repositories (or is gone): they are untracked and their
 * pending syncs cancelled; the mirrored rows stay, no longer tied to the installation.
 */
export async function releaseRepositories(
  db: Db,
  installationId: number,
  repositoryIds?: number[],
): Promise<number> {
  const released = await db
    .update(repositories)
    .set({ installationId: null, tracked: false })
    .where(
      and(
        eq(repositories.installationId, installationId),
        repositoryIds ? inArray(repositories.id, repositoryIds) : undefined,
      ),
    )
    .returning({ id: repositories.id });
  for (const { id } of released) await cancelPending(db, { repositoryId: id }, "repository untracked");
  return released.length;
}

export async function installationOf(db: Db, repositoryId: number): Promise<number | undefined> {
  const [row] = await db
    .select({ installationId: repositories.installationId })
    .from(repositories)
    .where(and(eq(repositories.id, repositoryId), isNull(repositories.deletedAt)));
  return row?.installationId ?? undefined;
}

/** Why an installation cannot be used now (suspended, or deleted for good), if it cannot. */
export async function installationUnavailable(
  db: Db,
  installationId: number,
): Promise<{ reason: string; deleted: boolean } | undefined> {
  const [row] = await db
    .select({ suspendedAt: installations.suspendedAt, deletedAt: installations.deletedAt })
    .from(installations)
    .where(eq(installations.id, installationId));
  if (row?.deletedAt)
    return { reason: `GitHub App installation ${installationId} was deleted`, deleted: true };
  if (row?.suspendedAt) {
    return {
      reason: `GitHub App installation ${installationId} is suspended; the job waits (checked every 15 minutes)`,
      deleted: false,
    };
  }
  return undefined;
}
