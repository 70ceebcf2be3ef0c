/** The last verification of each repository (the dashboard's repository row shows it). */
import { eq, sql } from "drizzle-orm";
import type { VerifyCounts } from "../contract/jobs.js";
import type { Db } from "./database.js";
import { repositories } from "./schema.js";

export async function recordVerification(db: Db, repositoryId: number, counts: VerifyCounts): Promise<void> {
  await db
    .update(repositories)
    .set({ lastVerifiedAt: sql`now()`, lastVerification: counts })
    .where(eq(repositories.id, repositoryId));
}
