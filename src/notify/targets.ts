/**
 * What can be sent where: the notification kinds outgoing targets may subscribe to, the kinds of
 * target, the kinds that are emailed, and how a target's URL is shown (a Slack or Discord URL
 * carries its token in the path, so it is never shown whole).
 */
import { literalAddress, nonPublicReason } from "./address-policy.js";

import { TARGET_EVENTS, type TargetEvent, type TargetKind } from "../contract/enums.js";
import type { SecretBox } from "../util/secret-box.js";

/** Chat gets the news, not every step of progress; a signed webhook gets everything by default. */
export const DEFAULT_EVENTS: Record<TargetKind, TargetEvent[]> = {
  webhook: [...TARGET_EVENTS],
  slack: ["sync.completed", "goal.completed"],
  discord: ["sync.completed", "goal.completed"],
};

/** Kinds emailed to their owner (when SMTP_URL is set and the user has an email). */
export const EMAIL_KINDS: ReadonlySet<string> = new Set([
  "sync.completed",
  "goal.completed",
  "webhook.disabled",
]);

/** Why `url` cannot be a target (not http(s), credentials in it, a private literal address), or undefined. */
export function targetUrlProblem(url: string, allowPrivate: boolean): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "must be an absolute http:// or https:// URL";
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
    return "must be an http:// or https:// URL";
  if (parsed.username || parsed.password) return "must not contain a user name or password";
  const literal = literalAddress(parsed.hostname);
  const what = literal !== undefined && !allowPrivate ? nonPublicReason(literal) : undefined;
  return what ? `${literal} is ${what}; only public addresses are allowed` : undefined;
}

/**
 * The whole URL a target is posted to, opened from `url_encrypted`; a row from before that column
 * (null) still holds it in `url` until `serve` or `ghsync secrets rotate` seals it.
 */
export function targetUrl(target: { url: string; urlEncrypted: string | null }, secrets: SecretBox): string {
  return target.urlEncrypted === null ? target.url : secrets.open(target.urlEncrypted);
}

/** The URL as the API and messages show it: origin and path; for chat targets the token is masked. */
export function displayUrl(kind: string, url: string): string {
  const parsed = new URL(url);
  const path = kind === "webhook" ? parsed.pathname : parsed.pathname.replace(/[^/]+$/, "…");
  return `${parsed.origin}${path}`;
}
