/**
 * Delivery data (DESIGN.md, "Data model", added 2026-12): Actions workflow runs and their jobs,
 * check suites and runs, deployments and their statuses, releases, inline review comments, the
 * pull-request timeline events metrics need, and organization teams. Keyed by GitHub's ids like the
 * rest of the mirror; `deleted_at` tombstones what GitHub no longer shows. Timestamps are GitHub's.
 */
import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { id, ts } from "./columns.js";

/** One Actions workflow run, at its latest attempt (a re-run keeps the id and moves `run_attempt`). */
export const workflowRuns = pgTable(
  "workflow_runs",
  {
    id: id("id").primaryKey(),
    /** GitHub's global id (REST `node_id`): how GraphQL asks for the run's jobs. */
    nodeId: text("node_id"),
    repositoryId: id("repository_id").notNull(),
    workflowId: id("workflow_id").notNull(),
    /** The workflow's name at the run (a run's `name`); `workflow_path` its file. */
    workflowName: text("workflow_name"),
    workflowPath: text("workflow_path"),
    runNumber: integer("run_number").notNull(),
    runAttempt: integer("run_attempt").notNull().default(1),
    event: text("event").notNull(),
    headBranch: text("head_branch"),
    headSha: text("head_sha").notNull(),
    status: text("status"),
    conclusion: text("conclusion"),
    actorId: id("actor_id"),
    actorLogin: text("actor_login"),
    /** Pull request numbers the run was for (GitHub's `pull_requests`, same repository). */
    pullNumbers: jsonb("pull_numbers").$type<number[]>().notNull().default([]),
    checkSuiteId: id("check_suite_id"),
    createdAt: ts("created_at").notNull(),
    runStartedAt: ts("run_started_at"),
    updatedAt: ts("updated_at").notNull(),
    /** When the jobs of the run's latest attempt were last read; differs from `updated_at` → read again. */
    jobsSyncedFor: ts("jobs_synced_for"),
    deletedAt: ts("deleted_at"),
    syncedAt: ts("synced_at").notNull().defaultNow(),
  },
  (t) => [
    index("workflow_runs_repo_created_idx").on(t.repositoryId, t.createdAt),
    index("workflow_runs_repo_sha_idx").on(t.repositoryId, t.headSha),
  ],
);

/**
 * A job of a workflow run's attempt; its id is also its check run's id. No creation (queue) time:
 * GraphQL, which reads jobs at a hundred runs a point, does not give it; a run's own `created_at`
 * → `run_started_at` is its wait for a runner.
 */
export const workflowJobs = pgTable(
  "workflow_jobs",
  {
    id: id("id").primaryKey(),
    runId: id("run_id").notNull(),
    repositoryId: id("repository_id").notNull(),
    runAttempt: integer("run_attempt").notNull().default(1),
    name: text("name").notNull(),
    status: text("status"),
    conclusion: text("conclusion"),
    startedAt: ts("started_at"),
    completedAt: ts("completed_at"),
    deletedAt: ts("deleted_at"),
    syncedAt: ts("synced_at").notNull().defaultNow(),
  },
  (t) => [index("workflow_jobs_run_idx").on(t.runId)],
);

export const checkSuites = pgTable(
  "check_suites",
  {
    id: id("id").primaryKey(),
    repositoryId: id("repository_id").notNull(),
    headSha: text("head_sha").notNull(),
    headBranch: text("head_branch"),
    appSlug: text("app_slug"),
    status: text("status"),
    conclusion: text("conclusion"),
    createdAt: ts("created_at"),
    updatedAt: ts("updated_at"),
    deletedAt: ts("deleted_at"),
    syncedAt: ts("synced_at").notNull().defaultNow(),
  },
  (t) => [index("check_suites_repo_sha_idx").on(t.repositoryId, t.headSha)],
);

export const checkRuns = pgTable(
  "check_runs",
  {
    id: id("id").primaryKey(),
    repositoryId: id("repository_id").notNull(),
    checkSuiteId: id("check_suite_id"),
    headSha: text("head_sha").notNull(),
    name: text("name").notNull(),
    appSlug: text("app_slug"),
    status: text("status"),
    conclusion: text("conclusion"),
    startedAt: ts("started_at"),
    completedAt: ts("completed_at"),
    deletedAt: ts("deleted_at"),
    syncedAt: ts("synced_at").notNull().defaultNow(),
  },
  (t) => [index("check_runs_repo_sha_idx").on(t.repositoryId, t.headSha)],
);

/** A deployment; its outcome is its newest status (`deployment_statuses`), kept here too. */
export const deployments = pgTable(
  "deployments",
  {
    id: id("id").primaryKey(),
    repositoryId: id("repository_id").notNull(),
    sha: text("sha").notNull(),
    ref: text("ref"),
    task: text("task"),
    environment: text("environment").notNull(),
    creatorId: id("creator_id"),
    creatorLogin: text("creator_login"),
    description: text("description"),
    /** State of the newest status (`success`, `failure`, `error`, `inactive`, `in_progress`…); null: none yet. */
    latestState: text("latest_state"),
    /** When the deployment finished: its first `success`, `failure` or `error` status. */
    finishedAt: ts("finished_at"),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
    /** The `updated_at` at which the statuses were last read; differs → read again. */
    statusesSyncedFor: ts("statuses_synced_for"),
    deletedAt: ts("deleted_at"),
    syncedAt: ts("synced_at").notNull().defaultNow(),
  },
  (t) => [index("deployments_repo_env_created_idx").on(t.repositoryId, t.environment, t.createdAt)],
);

export const deploymentStatuses = pgTable(
  "deployment_statuses",
  {
    id: id("id").primaryKey(),
    deploymentId: id("deployment_id").notNull(),
    repositoryId: id("repository_id").notNull(),
    state: text("state").notNull(),
    environment: text("environment"),
    creatorId: id("creator_id"),
    creatorLogin: text("creator_login"),
    description: text("description"),
    createdAt: ts("created_at").notNull(),
    syncedAt: ts("synced_at").notNull().defaultNow(),
  },
  (t) => [index("deployment_statuses_deployment_idx").on(t.deploymentId, t.createdAt)],
);

export const releases = pgTable(
  "releases",
  {
    id: id("id").primaryKey(),
    repositoryId: id("repository_id").notNull(),
    tagName: text("tag_name").notNull(),
    targetCommitish: text("target_commitish"),
    /** The commit the tag points at, when known (`/tags`, or the release event). */
    tagSha: text("tag_sha"),
    name: text("name"),
    draft: boolean("draft").notNull().default(false),
    prerelease: boolean("prerelease").notNull().default(false),
    authorId: id("author_id"),
    authorLogin: text("author_login"),
    createdAt: ts("created_at").notNull(),
    publishedAt: ts("published_at"),
    /** GitHub's `updated_at` where it sends one (REST; webhook payloads leave it out): the freshness rule's key. */
    updatedAt: ts("updated_at"),
    deletedAt: ts("deleted_at"),
    syncedAt: ts("synced_at").notNull().defaultNow(),
  },
  (t) => [index("releases_repo_published_idx").on(t.repositoryId, t.publishedAt)],
);

/** Inline pull-request review comments (`/pulls/comments`), apart from conversation comments. */
export const reviewComments = pgTable(
  "review_comments",
  {
    id: id("id").primaryKey(),
    repositoryId: id("repository_id").notNull(),
    pullRequestNumber: integer("pull_request_number").notNull(),
    reviewId: id("review_id"),
    inReplyToId: id("in_reply_to_id"),
    authorId: id("author_id"),
    authorLogin: text("author_login"),
    body: text("body"),
    path: text("path"),
    line: integer("line"),
    commitId: text("commit_id"),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
    deletedAt: ts("deleted_at"),
    syncedAt: ts("synced_at").notNull().defaultNow(),
  },
  (t) => [index("review_comments_repo_pull_idx").on(t.repositoryId, t.pullRequestNumber)],
);

/**
 * Timeline events of pull requests that metrics need (labeled, unlabeled, reopened,
 * review_requested, ready_for_review, convert_to_draft, head_ref_force_pushed). Keyed by GitHub's
 * event id; events without one (some timeline items have none) by a stable key built from them.
 */
export const pullRequestEvents = pgTable(
  "pull_request_events",
  {
    key: text("key").primaryKey(),
    repositoryId: id("repository_id").notNull(),
    pullRequestNumber: integer("pull_request_number").notNull(),
    event: text("event").notNull(),
    actorId: id("actor_id"),
    actorLogin: text("actor_login"),
    /** What the event names: a label, a requested reviewer's login or team slug. */
    subject: text("subject"),
    createdAt: ts("created_at").notNull(),
    syncedAt: ts("synced_at").notNull().defaultNow(),
  },
  (t) => [index("pull_request_events_repo_pull_idx").on(t.repositoryId, t.pullRequestNumber)],
);

export const teams = pgTable(
  "teams",
  {
    id: id("id").primaryKey(),
    org: text("org").notNull(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    privacy: text("privacy"),
    parentId: id("parent_id"),
    deletedAt: ts("deleted_at"),
    syncedAt: ts("synced_at").notNull().defaultNow(),
  },
  (t) => [index("teams_org_slug_idx").on(sql`lower(${t.org})`, t.slug)],
);

export const teamMembers = pgTable(
  "team_members",
  {
    teamId: id("team_id").notNull(),
    accountId: id("account_id").notNull(),
    login: text("login").notNull(),
    role: text("role").notNull().default("member"),
    syncedAt: ts("synced_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.accountId] })],
);
