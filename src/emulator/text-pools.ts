/**
 * Words the generators assemble titles, bodies and commit messages from. A few entries carry
 * characters that break naive code (quotes, HTML, SQL metacharacters, non-ASCII), as real data does.
 */
import type { Rng } from "./prng.js";

export const AREAS = [
  "login",
  "checkout",
  "search results",
  "settings page",
  "CSV export",
  "webhooks",
  "notifications",
  "dark mode",
  "rate limiting",
  "onboarding",
  "billing page",
  "API pagination",
  "audit log",
  "SSO",
  "file upload",
  "password reset",
  "team invites",
  "mobile layout",
  "caching",
  "i18n (日本語)",
] as const;

const ISSUE_TITLES = [
  "Crash when using {x}",
  "{X} is slow for large accounts",
  "Add support for {x}",
  "Document {x}",
  "Flaky test: {x}",
  "Error 500 on {x}",
  "Improve accessibility of {x}",
  "Typo in the {x} docs",
  '{X} shows "undefined"',
  "Regression in {x} after last release",
] as const;

const PULL_TITLES = [
  "Fix {x}",
  "Add {x}",
  "Refactor {x}",
  "Speed up {x}",
  "Update tests for {x}",
  "Remove dead code in {x}",
  "Handle errors in {x}",
  "Make {x} configurable",
] as const;

const PACKAGES = [
  "lodash",
  "express",
  "react",
  "axios",
  "eslint",
  "typescript",
  "serde",
  "requests",
  "rails",
] as const;

const BODIES = [
  "Steps to reproduce:\n\n1. Open the page\n2. Click **Save**\n3. See the error\n\nExpected: it works.",
  "This changes how we handle {x}. See the discussion in the last planning meeting.",
  "Customers report that {x} breaks with names like O'Brien or <script>alert(1)</script>.",
  "Found while testing with input `'; DROP TABLE issues; --` 🙈",
  "Follow-up to the incident review. Low risk, behind a feature flag.",
  "Ça ne marche pas avec des caractères accentués: é, ü, ß, 漢字.",
] as const;

const COMMENTS = [
  "LGTM",
  "Can you add a test for this?",
  "I can reproduce this on main.",
  "Fixed in the latest build, please check.",
  "Is this still an issue?",
  "Thanks! 🎉",
  "Duplicate of an older report, closing soon.",
  "Looking into it.",
  "> quoted reply\n\nAgreed, let's ship it.",
  "Any update here?",
  "This needs a design review first.",
] as const;

const VERBS = [
  "Fix",
  "Add",
  "Update",
  "Refactor",
  "Remove",
  "Improve",
  "Rename",
  "Simplify",
  "Bump",
  "Revert",
] as const;

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function fill(template: string, area: string): string {
  return template.replace("{X}", capitalize(area)).replace("{x}", area);
}

export function issueTitle(rng: Rng): string {
  return fill(rng.pick(ISSUE_TITLES), rng.pick(AREAS));
}

export function pullTitle(rng: Rng): string {
  return fill(rng.pick(PULL_TITLES), rng.pick(AREAS));
}

export function dependencyBump(rng: Rng): { pkg: string; from: string; to: string } {
  const major = rng.int(1, 9);
  const minor = rng.int(0, 20);
  return {
    pkg: rng.pick(PACKAGES),
    from: `${major}.${minor}.${rng.int(0, 9)}`,
    to: `${major}.${minor + 1}.0`,
  };
}

export function body(rng: Rng): string | null {
  return rng.chance(0.15) ? null : fill(rng.pick(BODIES), rng.pick(AREAS));
}

export function commentBody(rng: Rng): string {
  return rng.pick(COMMENTS);
}

/** A pool of commit messages; commits reference its strings instead of owning copies. */
export function commitMessages(rng: Rng, size: number): string[] {
  const pool: string[] = [];
  for (let i = 0; i < size; i++) {
    const subject = `${rng.pick(VERBS)} ${rng.pick(AREAS)}`;
    pool.push(rng.chance(0.3) ? `${subject}\n\n${fill(rng.pick(BODIES), rng.pick(AREAS))}` : subject);
  }
  return pool;
}

export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "change"
  );
}
