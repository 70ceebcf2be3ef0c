/**
 * Notification tests' common parts: a user inserted directly, a target with a known secret, a
 * receiver that verifies X-Ghsync-Signature-256 over the exact body, and a dispatcher environment
 * with a hand-moved clock and a fast retry policy.
 */
import type { TargetEvent, TargetKind } from "../../src/contract/enums.js";
import type { Database } from "../../src/store/database.js";
import { users } from "../../src/store/schema.js";
import type { DispatchEnv } from "../../src/notify/dispatch-env.js";
import { createMailer } from "../../src/notify/mailer.js";
import type { RetryPolicy } from "../../src/notify/retry-policy.js";
import { createPoster } from "../../src/notify/safe-request.js";
import { createWebhook } from "../../src/store/outgoing-webhooks.js";
import { displayUrl } from "../../src/notify/targets.js";
import { SecretBox } from "../../src/util/secret-box.js";
import { signatureMatches } from "../../src/util/signature.js";
import type { ReceivedRequest } from "../emulator/webhook-receiver.js";
import { silentLog } from "./sync-harness.js";

export const SECRET_KEY = "test-secret-key-for-notifications-0123456789";

export async function insertUser(
  database: Database,
  user: { login: string; email?: string; notifySync?: boolean },
): Promise<number> {
  const [row] = await database.db
    .insert(users)
    .values({ login: user.login, email: user.email ?? null, notifySync: user.notifySync ?? true })
    .returning({ id: users.id });
  if (!row) throw new Error("no user row");
  return row.id;
}

export async function insertTarget(
  database: Database,
  target: { userId: number; url: string; kind?: TargetKind; events?: TargetEvent[]; secret?: string },
) {
  const box = new SecretBox(SECRET_KEY);
  const kind = target.kind ?? "webhook";
  return createWebhook(database.db, {
    userId: target.userId,
    kind,
    url: displayUrl(kind, target.url),
    urlEncrypted: box.seal(target.url),
    events: target.events ?? ["sync.completed", "goal.completed", "goal.progress"],
    secretEncrypted: box.seal(target.secret ?? "target-secret"),
  });
}

/** X-Ghsync-Signature-256 checked over the exact bytes with ghsync's own verifier (the receiver's recipe). */
export function ghsyncSignatureVerifies(secret: string, request: ReceivedRequest): boolean {
  const header = request.headers["x-ghsync-signature-256"];
  return signatureMatches([secret], request.body, typeof header === "string" ? header : undefined);
}

export interface TestClock {
  now: () => Date;
  advance(ms: number): void;
}

export function testClock(start = new Date()): TestClock {
  let current = start.getTime();
  return { now: () => new Date(current), advance: (ms) => void (current += ms) };
}

export const FAST_POLICY: RetryPolicy = {
  baseDelayMs: 1_000,
  maxAttempts: 4,
  disableAfter: 10,
  leaseMs: 60_000,
};

export function testDispatchEnv(
  database: Database,
  options: { smtpUrl?: string; allowPrivate?: boolean; clock: TestClock; policy?: RetryPolicy },
): DispatchEnv {
  return {
    db: database.db,
    log: silentLog,
    mailer: options.smtpUrl
      ? createMailer(options.smtpUrl, "ghsync <ghsync@example.test>", 5_000)
      : undefined,
    post: createPoster({ allowPrivate: options.allowPrivate ?? true, timeoutMs: 5_000 }),
    secrets: new SecretBox(SECRET_KEY),
    now: options.clock.now,
    policy: options.policy ?? FAST_POLICY,
  };
}
