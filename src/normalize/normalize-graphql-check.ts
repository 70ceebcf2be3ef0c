/**
 * Check suites, check runs and workflow jobs read with GraphQL, as the rows REST reading writes
 * (normalize-check.ts, normalize-workflow-run.ts): GraphQL's capitals lower-cased; ids, a run's
 * commit and suite given by the reader (from URLs and from where the query found them).
 */
import type { CheckRunRow, CheckSuiteRow } from "./normalize-check.js";
import type { WorkflowJobRow } from "./normalize-workflow-run.js";
import { cleanText, toDate } from "./dates.js";
import type { GraphqlCheckRun, GraphqlCheckSuite } from "./graphql-types.js";

const lower = (value: string | null) => (value === null ? null : value.toLowerCase());

export function normalizeGraphqlCheckSuite(
  repositoryId: number,
  id: number,
  headSha: string,
  suite: GraphqlCheckSuite,
): CheckSuiteRow {
  return {
    id,
    repositoryId,
    headSha,
    headBranch: suite.branch?.name ?? null,
    appSlug: suite.app?.slug ?? null,
    status: lower(suite.status),
    conclusion: lower(suite.conclusion),
    createdAt: toDate(suite.createdAt),
    updatedAt: toDate(suite.updatedAt),
    deletedAt: null,
  };
}

export function normalizeGraphqlCheckRun(
  id: number,
  suite: CheckSuiteRow,
  run: GraphqlCheckRun,
): CheckRunRow {
  return {
    id,
    repositoryId: suite.repositoryId,
    checkSuiteId: suite.id,
    headSha: suite.headSha,
    name: cleanText(run.name) ?? "",
    appSlug: suite.appSlug,
    status: lower(run.status),
    conclusion: lower(run.conclusion),
    startedAt: toDate(run.startedAt),
    completedAt: toDate(run.completedAt),
    deletedAt: null,
  };
}

/** A job of the run's latest attempt (the attempt is the run's: GraphQL does not name it). */
export function normalizeGraphqlJob(
  repositoryId: number,
  id: number,
  run: { id: number; runAttempt: number },
  job: GraphqlCheckRun,
): WorkflowJobRow {
  return {
    id,
    runId: run.id,
    repositoryId,
    runAttempt: run.runAttempt,
    name: cleanText(job.name) ?? "",
    status: lower(job.status),
    conclusion: lower(job.conclusion),
    startedAt: toDate(job.startedAt),
    completedAt: toDate(job.completedAt),
    deletedAt: null,
  };
}
