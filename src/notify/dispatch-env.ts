/** What the dispatcher works with, injected: database, SMTP, HTTP, secrets, clock, retry policy. */
import type { Db } from "../store/database.js";
import type { SecretBox } from "../util/secret-box.js";
import type { Logger } from "../util/logger.js";
import type { Mailer } from "./mailer.js";
import type { RetryPolicy } from "./retry-policy.js";
import type { PostJson } from "./safe-request.js";

export interface DispatchEnv {
  db: Db;
  log: Logger;
  /** Absent when SMTP_URL is unset: no email is planned at all. */
  mailer: Mailer | undefined;
  post: PostJson;
  /** Opens targets' signing secrets; absent when GHSYNC_SECRET_KEY is unset. */
  secrets: SecretBox | undefined;
  now: () => Date;
  policy: RetryPolicy;
  /** The dashboard's address for links in emails (GHSYNC_PUBLIC_URL); none: no link. */
  publicUrl?: string | undefined;
}

/** A target is done with a notification (delivered, refused, given up), or wants another try at `retryAt`. */
export type TargetOutcome = { done: true } | { done: false; retryAt: Date };

export const DONE: TargetOutcome = { done: true };
export const retryAt = (at: Date): TargetOutcome => ({ done: false, retryAt: at });
