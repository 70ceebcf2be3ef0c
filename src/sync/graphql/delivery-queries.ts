/**
 * The GraphQL queries that read check runs and workflow jobs, held to GitHub's public schema
 * (test/unit/graphql-queries.test.ts validates them with @octokit/graphql-schema). REST reads
 * these one commit or one run at a time (a point each); here a query reads many:
 * - a workflow run's jobs are its check suite's check runs (a job's id is its check run's id):
 *   `nodes(ids:)` of up to 100 runs, each with its latest 100 check runs, is 100 connections to
 *   fill: 1 point for what REST spends 100 on;
 * - the checks of commits, by alias (`c0: object(oid: $c0)`): each commit's first SUITES suites
 *   and each suite's first RUNS latest runs, (1 + SUITES) connections a commit: 50 commits ≈ 6
 *   points for REST's 100 requests. A commit with more suites or runs than that is read with REST.
 * Ids are read from URLs (normalize/ids.ts: idAtEndOf): `databaseId` overflows for these types.
 */

const RATE_LIMIT = "rateLimit { cost remaining resetAt }";

/** Check suites of a commit read in the query; more are rare (one per app that ran checks). */
export const SUITES_PER_COMMIT = 10;
/** Latest check runs of a suite read in the query (a workflow's jobs; matrix builds have more). */
export const RUNS_PER_SUITE = 50;

const CHECK_RUN = `fragment CheckRunFields on CheckRun {
  url
  name
  status
  conclusion
  startedAt
  completedAt
}`;

/** The jobs of workflow runs (their latest attempt's), by the runs' node ids. */
export const WORKFLOW_RUN_JOBS = `query WorkflowRunJobs($ids: [ID!]!) {
  ${RATE_LIMIT}
  nodes(ids: $ids) {
    ... on WorkflowRun {
      updatedAt
      checkSuite {
        checkRuns(first: 100, filterBy: { checkType: LATEST }) {
          pageInfo { hasNextPage endCursor }
          nodes { ...CheckRunFields }
        }
      }
    }
  }
}
${CHECK_RUN}`;

const COMMIT_CHECKS = `fragment CommitChecks on Commit {
  oid
  checkSuites(first: ${SUITES_PER_COMMIT}) {
    pageInfo { hasNextPage endCursor }
    nodes {
      status
      conclusion
      createdAt
      updatedAt
      app { slug }
      branch { name }
      workflowRun { url }
      checkRuns(first: ${RUNS_PER_SUITE}, filterBy: { checkType: LATEST }) {
        pageInfo { hasNextPage endCursor }
        nodes { ...CheckRunFields }
      }
    }
  }
}`;

/** The checks of `count` commits, their shas in variables `$c0`…: aliases `c0`… of the answer. */
export function commitChecks(count: number): string {
  const indexes = Array.from({ length: count }, (_, index) => index);
  return `query CommitChecks($owner: String!, $name: String!, ${indexes.map((index) => `$c${index}: GitObjectID!`).join(", ")}) {
  ${RATE_LIMIT}
  repository(owner: $owner, name: $name) {
    ${indexes.map((index) => `c${index}: object(oid: $c${index}) { ...CommitChecks }`).join("\n    ")}
  }
}
${COMMIT_CHECKS}
${CHECK_RUN}`;
}
