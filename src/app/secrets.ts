/**
 * Secrets at rest under GHSYNC_SECRET_KEY (util/secret-box.ts): outgoing targets' whole URLs (a
 * Slack or Discord URL is its token) and signing secrets, and people's GitHub tokens from "Sign in
 * with GitHub".
 * - `sealSecrets(…, "plain")` seals the URLs still stored in the clear (targets made before URLs
 *   were encrypted, GitHub tokens stored before the key was set); `serve` runs it at start when the
 *   key is set.
 * - `sealSecrets(…, "all")` is `ghsync secrets rotate`: every value is opened (with the current or
 *   the previous key) and sealed again under the current one, in one transaction, so a key that
 *   opens nothing changes nothing.
 */
import { displayUrl, targetUrl } from "../notify/targets.js";
import type { Db } from "../store/database.js";
import { resealTarget, sealedTargets } from "../store/outgoing-webhooks.js";
import { resealGithubToken, storedGithubTokens } from "../store/sign-ins.js";
import type { Logger } from "../util/logger.js";
import { SecretBox, type SecretKeys } from "../util/secret-box.js";

export interface SealReport {
  /** Targets whose URL and secret were sealed again. */
  targets: number;
  /** Of them, targets whose URL was stored in the clear until now. */
  plain_urls: number;
  /** People's GitHub sign-in tokens sealed (again). */
  github_tokens: number;
}

export async function sealSecrets(db: Db, box: SecretBox, which: "plain" | "all"): Promise<SealReport> {
  return db.transaction(async (tx) => {
    const report: SealReport = { targets: 0, plain_urls: 0, github_tokens: 0 };
    for (const target of await sealedTargets(tx)) {
      const plain = target.urlEncrypted === null;
      if (which === "plain" && !plain) continue;
      const url = targetUrl(target, box);
      await resealTarget(tx, target.id, {
        url: displayUrl(target.kind, url),
        urlEncrypted: box.seal(url),
        secretEncrypted:
          which === "all" ? box.seal(box.open(target.secretEncrypted)) : target.secretEncrypted,
      });
      report.targets++;
      if (plain) report.plain_urls++;
    }
    for (const { id, token } of await storedGithubTokens(tx)) {
      const sealed = SecretBox.isSealed(token);
      if (which === "plain" && sealed) continue;
      await resealGithubToken(tx, id, box.seal(sealed ? box.open(token) : token));
      report.github_tokens++;
    }
    return report;
  });
}

/** At `serve` start: seal what is still in the clear, when a key is set (a failure is logged, not fatal). */
export async function sealPlainSecretsAtStart(settings: SecretKeys, db: Db, log: Logger): Promise<void> {
  const box = SecretBox.ifConfigured(settings);
  if (!box) return;
  try {
    const report = await sealSecrets(db, box, "plain");
    if (report.plain_urls > 0 || report.github_tokens > 0)
      log.info(report, "sealed outgoing target URLs and GitHub tokens stored in the clear");
  } catch (error) {
    log.warn({ err: error }, "could not seal the secrets stored in the clear");
  }
}
