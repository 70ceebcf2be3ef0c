/**
 * Credentials and the rate-limit ledger in the database: env tokens are registered by fingerprint
 * (the token itself is never stored for them), a rejected token is marked invalid with the reason,
 * and `x-ratelimit-*` readings are written at most every couple of seconds per credential/resource.
 */
import { and, eq, notInArray, sql } from "drizzle-orm";
import type { Db } from "../store/database.js";
import { credentials, rateLimits } from "../store/schema.js";
import type { Logger } from "../util/logger.js";
import type { Budget, Credential } from "./credential-pool.js";

export async function registerCredentials(db: Db, pool: readonly Credential[]): Promise<void> {
  // Tokens no longer configured are retired (kept for the history of their jobs, not shown as live).
  await db
    .update(credentials)
    .set({ status: "retired", updatedAt: new Date() })
    .where(
      and(
        eq(credentials.kind, "token"),
        notInArray(
          credentials.fingerprint,
          pool.map((credential) => credential.fingerprint),
        ),
      ),
    );
  for (const credential of pool) {
    const [row] = await db
      .insert(credentials)
      .values({ kind: "token", label: credential.label, fingerprint: credential.fingerprint })
      .onConflictDoUpdate({
        target: credentials.fingerprint,
        set: { label: credential.label, status: "valid", statusReason: null, updatedAt: new Date() },
      })
      .returning({ id: credentials.id });
    credential.id = row?.id;
  }
}

/** An App or installation credential: recorded under its fingerprint so its budget has a ledger. */
export async function registerCredential(
  db: Db,
  credential: Credential,
  kind: "app" | "installation",
): Promise<void> {
  const [row] = await db
    .insert(credentials)
    .values({
      kind,
      label: credential.label,
      fingerprint: credential.fingerprint,
      installationId: credential.installationId ?? null,
    })
    .onConflictDoUpdate({
      target: credentials.fingerprint,
      set: {
        label: credential.label,
        installationId: credential.installationId ?? null,
        status: "valid",
        statusReason: null,
        updatedAt: new Date(),
      },
    })
    .returning({ id: credentials.id });
  credential.id = row?.id;
}

export async function markCredentialRejected(db: Db, credential: Credential, reason: string): Promise<void> {
  if (credential.id === undefined) return;
  await db
    .update(credentials)
    .set({ status: "invalid", statusReason: reason, updatedAt: new Date() })
    .where(sql`${credentials.id} = ${credential.id}`);
}

export class LedgerWriter {
  private readonly pending = new Map<string, { credentialId: number; resource: string; budget: Budget }>();
  private lastWrite = 0;
  private writing: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly intervalMs = 2_000,
  ) {}

  note(credential: Credential, resource: string, budget: Budget): void {
    if (credential.id === undefined) return;
    this.pending.set(`${credential.id}:${resource}`, { credentialId: credential.id, resource, budget });
    if (Date.now() - this.lastWrite >= this.intervalMs && !this.writing) {
      this.writing = this.flush().finally(() => (this.writing = undefined));
    }
  }

  async flush(): Promise<void> {
    await this.writing;
    this.lastWrite = Date.now();
    const entries = [...this.pending.values()];
    this.pending.clear();
    for (const { credentialId, resource, budget } of entries) {
      const values = { ...budget, updatedAt: new Date() };
      try {
        await this.db
          .insert(rateLimits)
          .values({ credentialId, resource, ...values })
          .onConflictDoUpdate({ target: [rateLimits.credentialId, rateLimits.resource], set: values });
      } catch (error) {
        this.log.warn({ err: error }, "could not record the rate-limit ledger");
      }
    }
  }
}
