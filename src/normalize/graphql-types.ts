/**
 * The GraphQL objects ghsync reads (sync/graphql/pull-queries.ts asks for exactly these fields of
 * GitHub's schema). Dates are ISO strings. Ids are the REST ids: an account's `databaseId`, a
 * pull request's or review's `fullDatabaseId` (a BigInt, which GitHub sends as a string).
 */

export interface GraphqlActor {
  __typename: "User" | "Bot" | "Organization" | "Mannequin" | "EnterpriseUserAccount";
  login: string;
  avatarUrl?: string | null;
  /** Absent on an EnterpriseUserAccount, which has no REST id. */
  databaseId?: number | null;
}

export interface GraphqlPageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface GraphqlConnection<T> {
  /** Asked of the pull request list only (the progress bar's total). */
  totalCount?: number;
  pageInfo: GraphqlPageInfo;
  nodes: (T | null)[];
}

export interface GraphqlReview {
  fullDatabaseId: string | null;
  state: string;
  body: string | null;
  submittedAt: string | null;
  commit: { oid: string } | null;
  author: GraphqlActor | null;
}

export interface GraphqlPullCommit {
  commit: { authoredDate: string | null };
}

export interface GraphqlPullRequest {
  fullDatabaseId: string;
  number: number;
  title: string;
  state: "OPEN" | "CLOSED" | "MERGED";
  isDraft: boolean;
  mergedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
  baseRefName: string;
  headRefName: string;
  headRefOid: string;
  mergeCommit: { oid: string } | null;
  potentialMergeCommit: { oid: string } | null;
  additions: number;
  deletions: number;
  changedFiles: number;
  author: GraphqlActor | null;
  reviews: GraphqlConnection<GraphqlReview>;
  commits: GraphqlConnection<GraphqlPullCommit>;
  /** The timeline events metrics need (normalize-pull-event.ts), oldest first. */
  timelineEvents: GraphqlConnection<GraphqlPullEvent>;
}

/** A timeline item of the kinds pull-queries.ts asks for (`PullEvent`); others come as `{}`. */
export interface GraphqlPullEvent {
  __typename?: string;
  id?: string;
  createdAt?: string;
  actor?: GraphqlActor | null;
  label?: { name: string } | null;
  requestedReviewer?: { __typename: string; login?: string; slug?: string } | null;
}

/**
 * A check run (an Actions job has the same id, at the end of its `url`). Status and conclusion in
 * GraphQL's capitals.
 */
export interface GraphqlCheckRun {
  url: string;
  name: string;
  status: string;
  conclusion: string | null;
  startedAt: string | null;
  completedAt: string | null;
}

/** A check suite; an Actions one's id is its workflow run's `check_suite_id`. */
export interface GraphqlCheckSuite {
  status: string;
  conclusion: string | null;
  createdAt: string;
  updatedAt: string;
  app: { slug: string } | null;
  branch: { name: string } | null;
  workflowRun: { url: string } | null;
  checkRuns: GraphqlConnection<GraphqlCheckRun>;
}

/** A commit's check suites, each with its latest check runs. */
export interface GraphqlCommitChecks {
  oid: string;
  checkSuites: GraphqlConnection<GraphqlCheckSuite>;
}

/** A workflow run's latest jobs: the check runs of its check suite. */
export interface GraphqlWorkflowRunJobs {
  updatedAt: string;
  checkSuite: { checkRuns: GraphqlConnection<GraphqlCheckRun> } | null;
}
