/** Check suites and check runs (of any app: Actions, CI services, bots). */
import { toId, toOptionalId } from "./ids.js";
import type { checkRuns, checkSuites } from "../store/schema.js";
import { cleanText, toDate } from "./dates.js";
import type { GitHubCheckRun, GitHubCheckSuite } from "./github-delivery-types.js";

export type CheckSuiteRow = typeof checkSuites.$inferInsert;
export type CheckRunRow = typeof checkRuns.$inferInsert;

export function normalizeCheckSuite(repositoryId: number, suite: GitHubCheckSuite): CheckSuiteRow {
  return {
    id: toId(suite.id),
    repositoryId,
    headSha: suite.head_sha,
    headBranch: suite.head_branch ?? null,
    appSlug: suite.app?.slug ?? null,
    status: suite.status ?? null,
    conclusion: suite.conclusion ?? null,
    createdAt: toDate(suite.created_at),
    updatedAt: toDate(suite.updated_at),
    deletedAt: null,
  };
}

export function normalizeCheckRun(repositoryId: number, run: GitHubCheckRun): CheckRunRow {
  return {
    id: toId(run.id),
    repositoryId,
    checkSuiteId: toOptionalId(run.check_suite?.id),
    headSha: run.head_sha,
    name: cleanText(run.name) ?? "",
    appSlug: run.app?.slug ?? null,
    status: run.status ?? null,
    conclusion: run.conclusion ?? null,
    startedAt: toDate(run.started_at),
    completedAt: toDate(run.completed_at),
    deletedAt: null,
  };
}
