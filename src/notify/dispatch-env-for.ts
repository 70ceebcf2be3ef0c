/** The dispatcher's real adapters, from the settings: SMTP, HTTP with SSRF checks, secrets, clock. */
import type { Settings } from "../config/settings.js";
import type { Database } from "../store/database.js";
import type { Logger } from "../util/logger.js";
import { SecretBox } from "../util/secret-box.js";
import type { DispatchEnv } from "./dispatch-env.js";
import { createMailer } from "./mailer.js";
import { DEFAULT_RETRY_POLICY } from "./retry-policy.js";
import { createPoster } from "./safe-request.js";

/** Connect, send and answer: a receiver slower than this counts as a failed attempt. */
const REQUEST_TIMEOUT_MS = 10_000;

export function dispatchEnvFor(settings: Settings, database: Database, log: Logger): DispatchEnv {
  return {
    db: database.db,
    log,
    mailer: settings.smtpUrl ? createMailer(settings.smtpUrl, settings.emailFrom) : undefined,
    post: createPoster({ allowPrivate: settings.allowPrivateWebhooks, timeoutMs: REQUEST_TIMEOUT_MS }),
    secrets: SecretBox.ifConfigured(settings),
    now: () => new Date(),
    policy: DEFAULT_RETRY_POLICY,
    publicUrl: settings.publicUrl,
  };
}
