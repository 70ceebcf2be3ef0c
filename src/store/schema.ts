/**
 * The mirror's schema. Table and column names are part of the contract (DESIGN.md, "Data model").
 * Rows are keyed by GitHub's own ids, never by names: a rename changes a column, not a key.
 * `updated_at` is GitHub's value; `synced_at` is when ghsync last wrote the row.
 * Migrations are generated from this file with `npm run db:generate` and are forward-only.
 */
import { sql } from "drizzle-orm";
import {
  CREDENTIAL_KINDS,
  CREDENTIAL_STATUSES,
  DELIVERY_STATUSES,
  JOB_STATUSES,
  JOB_TYPES,
} from "../contract/enums.js";
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { id, ts, bytea, oneOf } from "./columns.js";
import { users } from "./schema-people.js";
import type { VerifyCounts } from "../contract/jobs.js";

export const accounts = pgTable("accounts", {
  id: id("id").primaryKey(),
  login: text("login").notNull(),
  type: text("type").notNull(),
  name: text("name"),
  avatarUrl: text("avatar_url"),
  syncedAt: ts("synced_at").notNull().defaultNow(),
});

export const repositories = pgTable(
  "repositories",
  {
    id: id("id").primaryKey(),
    ownerId: id("owner_id"),
    owner: text("owner").notNull(),
    name: text("name").notNull(),
    fullName: text("full_name").notNull(),
    description: text("description"),
    private: boolean("private").notNull().default(false),
    fork: boolean("fork").notNull().default(false),
    archived: boolean("archived").notNull().default(false),
    defaultBranch: text("default_branch"),
    stars: integer("stars").notNull().default(0),
    forks: integer("forks").notNull().default(0),
    language: text("language"),
    topics: jsonb("topics").$type<string[]>().notNull().default([]),
    createdAt: ts("created_at"),
    updatedAt: ts("updated_at"),
    pushedAt: ts("pushed_at"),
    deletedAt: ts("deleted_at"),
    tracked: boolean("tracked").notNull().default(false),
    syncDepth: text("sync_depth"),
    lastSyncedAt: ts("last_synced_at"),
    /**
     * When it was last known current: the start of its last complete sync, or a change detection
     * that found nothing new in it since (staleness is now − this).
     */
    currentAt: ts("current_at"),
    /** A change detection saw a change here, not synced yet: the scheduler's work (jobs/). */
    changedAt: ts("changed_at"),
    /** A full pass asks for a poll here (no change known), not synced yet. */
    pollDueAt: ts("poll_due_at"),
    /** When a verification last finished this repository, and what it found and repaired there. */
    lastVerifiedAt: ts("last_verified_at"),
    lastVerification: jsonb("last_verification").$type<VerifyCounts>(),
    /** The GitHub App installation that gives access to it (its jobs use that installation's token). */
    installationId: id("installation_id"),
    syncedAt: ts("synced_at").notNull().defaultNow(),
  },
  (t) => [index("repositories_full_name_idx").on(sql`lower(${t.fullName})`)],
);

/** GitHub App installations, from installation webhooks (and `sync --installation`). */
export const installations = pgTable("installations", {
  id: id("id").primaryKey(),
  accountLogin: text("account_login"),
  accountId: id("account_id"),
  repositorySelection: text("repository_selection"),
  suspendedAt: ts("suspended_at"),
  deletedAt: ts("deleted_at"),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const commits = pgTable(
  "commits",
  {
    repositoryId: id("repository_id").notNull(),
    sha: text("sha").notNull(),
    authorId: id("author_id"),
    authorName: text("author_name"),
    authorEmail: text("author_email"),
    committerId: id("committer_id"),
    committerName: text("committer_name"),
    committerEmail: text("committer_email"),
    authoredAt: ts("authored_at"),
    committedAt: ts("committed_at"),
    message: text("message").notNull().default(""),
    additions: integer("additions"),
    deletions: integer("deletions"),
    onDefaultBranch: boolean("on_default_branch").notNull().default(true),
    syncedAt: ts("synced_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.repositoryId, t.sha] }),
    index("commits_repo_committed_idx").on(t.repositoryId, t.committedAt),
    index("commits_author_idx").on(t.authorId, t.authoredAt),
    // A person's commits GitHub could not tie to an account are found by email (people-scope.ts).
    index("commits_author_email_idx").on(sql`lower(${t.authorEmail})`, t.authoredAt),
  ],
);

export const pullRequests = pgTable(
  "pull_requests",
  {
    id: id("id").primaryKey(),
    repositoryId: id("repository_id").notNull(),
    number: integer("number").notNull(),
    title: text("title").notNull(),
    authorId: id("author_id"),
    authorLogin: text("author_login"),
    state: text("state").notNull(),
    draft: boolean("draft").notNull().default(false),
    merged: boolean("merged").notNull().default(false),
    mergedAt: ts("merged_at"),
    closedAt: ts("closed_at"),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
    additions: integer("additions"),
    deletions: integer("deletions"),
    changedFiles: integer("changed_files"),
    baseRef: text("base_ref"),
    headRef: text("head_ref"),
    headSha: text("head_sha"),
    mergeCommitSha: text("merge_commit_sha"),
    /** The `updated_at` at which this PR's reviews were last fetched; differs → fetch again. */
    reviewsSyncedFor: ts("reviews_synced_for"),
    /** Earliest author date of the PR's commits (GET /pulls/{n}/commits), for cycle time. */
    firstCommitAt: ts("first_commit_at"),
    /** First `ready_for_review` event (a PR opened as a draft); null: never a draft, or not yet. */
    readyForReviewAt: ts("ready_for_review_at"),
    /** The `updated_at` at which detail, commits and events were last read; differs → read again. */
    detailsSyncedFor: ts("details_synced_for"),
    deletedAt: ts("deleted_at"),
    syncedAt: ts("synced_at").notNull().defaultNow(),
  },
  (t) => [
    index("pull_requests_repo_number_idx").on(t.repositoryId, t.number),
    index("pull_requests_author_idx").on(t.authorId, t.createdAt),
    index("pull_requests_author_merged_idx")
      .on(t.authorId, t.mergedAt)
      .where(sql`${t.mergedAt} is not null`),
    // Repository metrics read a window of opened and of merged pull requests.
    index("pull_requests_repo_created_idx").on(t.repositoryId, t.createdAt),
    index("pull_requests_repo_merged_idx").on(t.repositoryId, t.mergedAt),
  ],
);

export const pullRequestReviews = pgTable(
  "pull_request_reviews",
  {
    id: id("id").primaryKey(),
    pullRequestId: id("pull_request_id").notNull(),
    repositoryId: id("repository_id").notNull(),
    authorId: id("author_id"),
    authorLogin: text("author_login"),
    state: text("state").notNull(),
    body: text("body"),
    commitId: text("commit_id"),
    submittedAt: ts("submitted_at"),
    deletedAt: ts("deleted_at"),
    syncedAt: ts("synced_at").notNull().defaultNow(),
  },
  (t) => [
    index("pull_request_reviews_pr_idx").on(t.pullRequestId),
    index("pull_request_reviews_author_idx").on(t.authorId, t.submittedAt),
    // Repository metrics count a window of reviews.
    index("pull_request_reviews_repo_submitted_idx").on(t.repositoryId, t.submittedAt),
  ],
);

export const issues = pgTable(
  "issues",
  {
    id: id("id").primaryKey(),
    repositoryId: id("repository_id").notNull(),
    number: integer("number").notNull(),
    title: text("title").notNull(),
    body: text("body"),
    authorId: id("author_id"),
    authorLogin: text("author_login"),
    state: text("state").notNull(),
    stateReason: text("state_reason"),
    labels: jsonb("labels").$type<string[]>().notNull().default([]),
    assignees: jsonb("assignees").$type<string[]>().notNull().default([]),
    commentsCount: integer("comments_count").notNull().default(0),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
    closedAt: ts("closed_at"),
    deletedAt: ts("deleted_at"),
    syncedAt: ts("synced_at").notNull().defaultNow(),
  },
  (t) => [
    index("issues_repo_number_idx").on(t.repositoryId, t.number),
    index("issues_author_idx").on(t.authorId, t.createdAt),
    index("issues_closed_idx")
      .on(t.closedAt)
      .where(sql`${t.closedAt} is not null`),
  ],
);

export const issueComments = pgTable(
  "issue_comments",
  {
    id: id("id").primaryKey(),
    repositoryId: id("repository_id").notNull(),
    issueNumber: integer("issue_number").notNull(),
    authorId: id("author_id"),
    authorLogin: text("author_login"),
    body: text("body"),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
    deletedAt: ts("deleted_at"),
    syncedAt: ts("synced_at").notNull().defaultNow(),
  },
  (t) => [index("issue_comments_repo_issue_idx").on(t.repositoryId, t.issueNumber)],
);

export const contributors = pgTable(
  "contributors",
  {
    repositoryId: id("repository_id").notNull(),
    accountId: id("account_id").notNull(),
    login: text("login").notNull(),
    contributions: integer("contributions").notNull(),
    syncedAt: ts("synced_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.repositoryId, t.accountId] })],
);

/** A PAT (from GITHUB_TOKEN) or an App installation. Env tokens are known by fingerprint only. */
export const credentials = pgTable(
  "credentials",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    kind: text("kind", { enum: CREDENTIAL_KINDS }).notNull(),
    label: text("label").notNull(),
    fingerprint: text("fingerprint").notNull().unique(),
    tokenEncrypted: bytea("token_encrypted"),
    installationId: id("installation_id"),
    status: text("status", { enum: CREDENTIAL_STATUSES }).notNull().default("valid"),
    statusReason: text("status_reason"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    oneOf("credentials", t.kind, CREDENTIAL_KINDS),
    oneOf("credentials", t.status, CREDENTIAL_STATUSES),
  ],
);

/** Where a (repository, entity) collection stands; advanced in the same transaction as its rows. */
export const syncCheckpoints = pgTable(
  "sync_checkpoints",
  {
    repositoryId: id("repository_id").notNull(),
    entity: text("entity").notNull(),
    cursor: text("cursor"),
    highWaterMark: ts("high_water_mark"),
    backfillSince: ts("backfill_since"),
    backfillComplete: boolean("backfill_complete").notNull().default(false),
    itemsDone: integer("items_done").notNull().default(0),
    itemsTotal: integer("items_total"),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.repositoryId, t.entity] })],
);

/**
 * Every job, from the moment it is queued (DESIGN.md, Contract: job statuses). The queue's own
 * tables drive execution; this is the record users read. At most one pending (queued or waiting)
 * sync per repository: a second request joins the pending one (`sync_jobs_pending_repository`).
 */
export const syncJobs = pgTable(
  "sync_jobs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    type: text("type", { enum: JOB_TYPES }).notNull(),
    status: text("status", { enum: JOB_STATUSES }).notNull(),
    repositoryId: id("repository_id"),
    target: text("target"),
    params: jsonb("params").$type<Record<string, unknown>>().notNull().default({}),
    counts: jsonb("counts").$type<Record<string, number>>().notNull().default({}),
    requests: integer("requests").notNull().default(0),
    notModified: integer("not_modified").notNull().default(0),
    pointsUsed: integer("points_used").notNull().default(0),
    error: text("error"),
    /** Why a job is waiting or was re-queued, in words (rate limit, shutdown, a crashed worker). */
    reason: text("reason"),
    resumeAt: ts("resume_at"),
    /** The queue's job id currently carrying this record (a re-queued job gets a new one). */
    queueJobId: text("queue_job_id"),
    /** `host:pid` of the process running it. */
    worker: text("worker"),
    attempts: integer("attempts").notNull().default(0),
    priority: integer("priority").notNull().default(0),
    queuedAt: ts("queued_at").notNull().defaultNow(),
    startedAt: ts("started_at"),
    finishedAt: ts("finished_at"),
  },
  (t) => [
    index("sync_jobs_status_idx").on(t.status, t.queuedAt),
    index("sync_jobs_repository_idx").on(t.repositoryId, t.id),
    uniqueIndex("sync_jobs_pending_repository")
      .on(sql`coalesce(${t.repositoryId}::text, lower(${t.target}))`)
      .where(sql`${t.status} in ('queued', 'waiting') and ${t.type} in ('backfill', 'incremental')`),
    oneOf("sync_jobs", t.type, JOB_TYPES),
    oneOf("sync_jobs", t.status, JOB_STATUSES),
  ],
);

/**
 * The webhook inbox (DESIGN.md, principle 2): every delivery, valid or not, keyed by (hook id,
 * delivery id), its raw body kept as bytes. Statuses: received, processed, failed (will retry),
 * rejected (signature, size or format; never applied), ignored (event or action not handled).
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    hookId: text("hook_id").notNull().default(""),
    deliveryId: text("delivery_id").notNull(),
    event: text("event"),
    action: text("action"),
    status: text("status", { enum: DELIVERY_STATUSES }).notNull(),
    signatureOk: boolean("signature_ok").notNull(),
    /** Why it was rejected or ignored. */
    reason: text("reason"),
    /** The last processing error (status failed). */
    error: text("error"),
    contentType: text("content_type"),
    payload: bytea("payload"),
    repositoryId: id("repository_id"),
    installationId: id("installation_id"),
    attempts: integer("attempts").notNull().default(0),
    receivedAt: ts("received_at").notNull().defaultNow(),
    processedAt: ts("processed_at"),
    nextAttemptAt: ts("next_attempt_at"),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_key").on(t.hookId, t.deliveryId),
    index("webhook_deliveries_status_idx").on(t.status, t.receivedAt),
    oneOf("webhook_deliveries", t.status, DELIVERY_STATUSES),
  ],
);

/** API tokens created with `ghsync token create`: only a sha256 of the token is kept. */
export const apiTokens = pgTable("api_tokens", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  name: text("name").notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  /** The person the token acts as, with their role; null: automation, acting as an admin. */
  userId: id("user_id").references(() => users.id, { onDelete: "cascade" }),
  createdAt: ts("created_at").notNull().defaultNow(),
  lastUsedAt: ts("last_used_at"),
});

/**
 * Validators of polled URLs. An ETag is stored only together with the rows it covers (after the
 * walk it started has been committed), so a 304 always means "the mirror already has this".
 */
export const etags = pgTable("etags", {
  url: text("url").primaryKey(),
  etag: text("etag").notNull(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

/**
 * Change detection per organization (sync/changes/) and scope: up to when its issues and pull
 * requests have been searched for changes, and when every repository of it was last polled (the
 * full pass that catches what the fast signals cannot see: deletions, edits that move no
 * `updated_at`). Scope `org` is `ghsync sync --org` (every repository), `tracked` is the scheduler
 * of `serve` (the tracked ones): each moves its marks for what it synced, so neither hides a change
 * from the other.
 */
export const orgWatches = pgTable(
  "org_watches",
  {
    /** The organization's login, lower-cased. */
    org: text("org").notNull(),
    scope: text("scope").$type<"org" | "tracked">().notNull().default("org"),
    searchedTo: ts("searched_to").notNull(),
    /**
     * The last detection's run, on GitHub's clock: from the second it read in to its end. What
     * GitHub stamped within it may have changed again in the same second after ghsync read it.
     */
    unsettledUntil: ts("unsettled_until").notNull(),
    fullPassAt: ts("full_pass_at").notNull(),
    /** The ETag of the pushed-sorted repository list's first page as this scope last settled it. */
    listEtag: text("list_etag"),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.org, t.scope] })],
);

/** The rate-limit ledger per credential and resource, from `x-ratelimit-*` headers. */
export const rateLimits = pgTable(
  "rate_limits",
  {
    credentialId: id("credential_id").notNull(),
    resource: text("resource").notNull(),
    limit: integer("limit").notNull(),
    remaining: integer("remaining").notNull(),
    used: integer("used").notNull(),
    resetAt: ts("reset_at").notNull(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.credentialId, t.resource] })],
);

// Tables of the layers above the mirror, one file per area.
export * from "./schema-people.js";
export * from "./schema-notify.js";
export * from "./schema-web.js";
export * from "./schema-goals.js";
export * from "./schema-metrics.js";
export * from "./schema-delivery.js";
