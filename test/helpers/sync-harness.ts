/** Runs ghsync's sync in-process against an emulator, with a silent logger and fast retries. */
import { eq, sql } from "drizzle-orm";
import { pino } from "pino";
import { GitHubClient, type GitHubClientOptions } from "../../src/github/client.js";
import { CredentialPool, credentialsFromTokens } from "../../src/github/credential-pool.js";
import type { Db } from "../../src/store/database.js";
import {
  issueComments,
  issues,
  pullRequestReviews,
  pullRequests,
  commits,
  reviewComments,
} from "../../src/store/schema.js";
import { parseDepth } from "../../src/sync/depth.js";
import { Progress } from "../../src/sync/progress.js";
import { runSync, type SyncSummary } from "../../src/sync/run-sync.js";

export const silentLog = pino({ level: "silent" });

export function testClient(
  baseUrl: string,
  tokens: string[] = ["test-token"],
  extra: Partial<GitHubClientOptions> = {},
) {
  return new GitHubClient({
    baseUrl,
    pool: new CredentialPool(credentialsFromTokens(tokens)),
    log: silentLog,
    retryBaseMs: 10,
    ...extra,
  });
}

export async function syncOrg(
  db: Db,
  client: GitHubClient,
  org: string,
  depth = "full",
): Promise<SyncSummary> {
  return runSync(
    { db, client, log: silentLog, progress: new Progress() },
    { repositories: [], org, depth: parseDepth(depth) },
  );
}

/** The ids the mirror holds (live rows only), to compare with an independent walk. */
export async function mirroredIds(db: Db) {
  const ids = async (query: Promise<{ id: number }[]>) => new Set((await query).map((row) => row.id));
  return {
    pullIds: await ids(
      db
        .select({ id: pullRequests.id })
        .from(pullRequests)
        .where(sql`deleted_at is null`),
    ),
    issueIds: await ids(
      db
        .select({ id: issues.id })
        .from(issues)
        .where(sql`deleted_at is null`),
    ),
    commentIds: await ids(
      db
        .select({ id: issueComments.id })
        .from(issueComments)
        .where(sql`deleted_at is null`),
    ),
    reviewIds: await ids(db.select({ id: pullRequestReviews.id }).from(pullRequestReviews)),
    reviewCommentIds: await ids(
      db
        .select({ id: reviewComments.id })
        .from(reviewComments)
        .where(sql`deleted_at is null`),
    ),
    onBranch: (await db.select({ sha: commits.sha }).from(commits).where(eq(commits.onDefaultBranch, true)))
      .length,
  };
}

export async function admin(baseUrl: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${baseUrl}/_emulator${path}`, {
    method,
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`admin ${method} ${path}: ${response.status} ${await response.text()}`);
  const text = await response.text();
  return text ? JSON.parse(text) : undefined;
}
