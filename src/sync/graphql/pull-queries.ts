/**
 * The GraphQL queries that collect pull requests, held to GitHub's public schema
 * (test/unit/graphql-queries.test.ts validates each with @octokit/graphql-schema). Every query
 * asks for `rateLimit { cost }`: it is how the client counts the points a query spent.
 *
 * Cost (GitHub: connections to fill ÷ 100): a page of 100 pull requests, each with its first 100
 * reviews, commits and timeline events (the kinds metrics need), is (1 + 3 × 100) / 100 ≈ 3
 * points — what REST spends on one pull request's reviews, detail, commits and timeline (4
 * requests).
 * Commits are read for the earliest author date (cycle time), as REST reading does.
 * Pull request and review ids are `fullDatabaseId` (a BigInt, sent as a string): their
 * `databaseId` is a 32-bit Int, which GitHub's review ids have outgrown (past 2^31 a query
 * answers an error for it instead of the id).
 */

const ACTOR = `fragment Actor on Actor {
  __typename
  login
  avatarUrl
  ... on User { databaseId }
  ... on Bot { databaseId }
  ... on Organization { databaseId }
  ... on Mannequin { databaseId }
}`;

const REVIEW = `fragment Review on PullRequestReview {
  fullDatabaseId
  state
  body
  submittedAt
  commit { oid }
  author { ...Actor }
}`;

const COMMIT = `fragment CommitDate on PullRequestCommit {
  commit { authoredDate }
}`;

/** The timeline events metrics need (normalize-pull-event.ts: PULL_EVENT_TYPES), with their node ids. */
const EVENT = `fragment PullEvent on PullRequestTimelineItems {
  __typename
  ... on LabeledEvent { id createdAt actor { ...Actor } label { name } }
  ... on UnlabeledEvent { id createdAt actor { ...Actor } label { name } }
  ... on ReopenedEvent { id createdAt actor { ...Actor } }
  ... on ReviewRequestedEvent {
    id
    createdAt
    actor { ...Actor }
    requestedReviewer {
      __typename
      ... on User { login }
      ... on Bot { login }
      ... on Mannequin { login }
      ... on Team { slug }
    }
  }
  ... on ReadyForReviewEvent { id createdAt actor { ...Actor } }
  ... on ConvertToDraftEvent { id createdAt actor { ...Actor } }
  ... on HeadRefForcePushedEvent { id createdAt actor { ...Actor } }
}`;

const EVENT_TYPES = `[
    LABELED_EVENT
    UNLABELED_EVENT
    REOPENED_EVENT
    REVIEW_REQUESTED_EVENT
    READY_FOR_REVIEW_EVENT
    CONVERT_TO_DRAFT_EVENT
    HEAD_REF_FORCE_PUSHED_EVENT
  ]`;

const PULL = `fragment Pull on PullRequest {
  fullDatabaseId
  number
  title
  state
  isDraft
  mergedAt
  closedAt
  createdAt
  updatedAt
  baseRefName
  headRefName
  headRefOid
  mergeCommit { oid }
  potentialMergeCommit { oid }
  additions
  deletions
  changedFiles
  author { ...Actor }
  reviews(first: 100) { pageInfo { hasNextPage endCursor } nodes { ...Review } }
  commits(first: 100) { pageInfo { hasNextPage endCursor } nodes { ...CommitDate } }
  timelineEvents: timelineItems(first: 100, itemTypes: ${EVENT_TYPES}) {
    pageInfo { hasNextPage endCursor }
    nodes { ...PullEvent }
  }
}`;

const RATE_LIMIT = "rateLimit { cost remaining resetAt }";

/** One page of a repository's pull requests, most recently updated first. */
export const PULL_REQUEST_PAGE = `query PullRequestPage($owner: String!, $name: String!, $first: Int!, $after: String) {
  ${RATE_LIMIT}
  repository(owner: $owner, name: $name) {
    pullRequests(first: $first, after: $after, orderBy: { field: UPDATED_AT, direction: DESC }) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { ...Pull }
    }
  }
}
${PULL}
${REVIEW}
${COMMIT}
${EVENT}
${ACTOR}`;

/** The next page of one pull request's reviews, commits or timeline events (those past the first 100). */
export const PULL_REQUEST_MORE = `query PullRequestMore(
  $owner: String!
  $name: String!
  $number: Int!
  $reviews: Boolean!
  $reviewsAfter: String
  $commits: Boolean!
  $commitsAfter: String
  $events: Boolean!
  $eventsAfter: String
) {
  ${RATE_LIMIT}
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      reviews(first: 100, after: $reviewsAfter) @include(if: $reviews) {
        pageInfo { hasNextPage endCursor }
        nodes { ...Review }
      }
      commits(first: 100, after: $commitsAfter) @include(if: $commits) {
        pageInfo { hasNextPage endCursor }
        nodes { ...CommitDate }
      }
      timelineEvents: timelineItems(first: 100, after: $eventsAfter, itemTypes: ${EVENT_TYPES})
        @include(if: $events) {
        pageInfo { hasNextPage endCursor }
        nodes { ...PullEvent }
      }
    }
  }
}
${REVIEW}
${COMMIT}
${EVENT}
${ACTOR}`;

/** Pull requests by number (aliases `p<number>`): those whose reviews or details a walk did not read. */
export function pullRequestsByNumber(numbers: readonly number[]): string {
  const fields = numbers.map(
    (number) => `p${number}: pullRequest(number: ${Math.trunc(number)}) { ...Pull }`,
  );
  return `query PullRequestsByNumber($owner: String!, $name: String!) {
  ${RATE_LIMIT}
  repository(owner: $owner, name: $name) {
    ${fields.join("\n    ")}
  }
}
${PULL}
${REVIEW}
${COMMIT}
${EVENT}
${ACTOR}`;
}
