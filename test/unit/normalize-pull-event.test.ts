/**
 * Timeline events read with REST and with GraphQL give the same rows: keyed by the node id, named
 * by REST's event names, the actor by REST id and login (a bot's with "[bot]"), and as subject the
 * label, the requested reviewer's login (a bot's with "[bot]") or the requested team's slug. Kinds
 * metrics do not need, and items without an id, are left out.
 */
import { describe, expect, it } from "vitest";
import type { GraphqlPullEvent } from "../../src/normalize/graphql-types.js";
import type { GitHubTimelineEvent } from "../../src/normalize/normalize-pull-details.js";
import {
  normalizeGraphqlPullEvents,
  normalizeTimelineEvents,
} from "../../src/normalize/normalize-pull-event.js";

const at = "2026-03-01T10:00:00Z";
const octocat = { id: 1, login: "octocat" };
const graphqlOctocat = { __typename: "User" as const, login: "octocat", databaseId: 1, avatarUrl: "" };

const rest = [
  { event: "labeled", node_id: "LE_1", created_at: at, actor: octocat, label: { name: "bug", color: "f00" } },
  {
    event: "review_requested",
    node_id: "RRE_2",
    created_at: at,
    actor: octocat,
    requested_reviewer: { id: 3, login: "renovate[bot]" },
  },
  {
    event: "review_requested",
    node_id: "RRE_3",
    created_at: at,
    actor: octocat,
    requested_team: { slug: "core" },
  },
  { event: "head_ref_force_pushed", node_id: "HRFPE_4", created_at: at, actor: null },
  { event: "locked", node_id: "LOE_5", created_at: at, actor: octocat },
  { event: "committed", sha: "abc" },
] as unknown as GitHubTimelineEvent[];

const graphql: GraphqlPullEvent[] = [
  { __typename: "LabeledEvent", id: "LE_1", createdAt: at, actor: graphqlOctocat, label: { name: "bug" } },
  {
    __typename: "ReviewRequestedEvent",
    id: "RRE_2",
    createdAt: at,
    actor: graphqlOctocat,
    requestedReviewer: { __typename: "Bot", login: "renovate" },
  },
  {
    __typename: "ReviewRequestedEvent",
    id: "RRE_3",
    createdAt: at,
    actor: graphqlOctocat,
    requestedReviewer: { __typename: "Team", slug: "core" },
  },
  { __typename: "HeadRefForcePushedEvent", id: "HRFPE_4", createdAt: at, actor: null },
  {},
];

describe("pull request timeline events", () => {
  it("are the same rows read with REST and with GraphQL", () => {
    const rows = normalizeTimelineEvents(9, 7, rest);
    expect(rows.map((row) => [row.key, row.event, row.actorLogin, row.subject])).toEqual([
      ["LE_1", "labeled", "octocat", "bug"],
      ["RRE_2", "review_requested", "octocat", "renovate[bot]"],
      ["RRE_3", "review_requested", "octocat", "core"],
      ["HRFPE_4", "head_ref_force_pushed", null, null],
    ]);
    expect(normalizeGraphqlPullEvents(9, 7, graphql)).toEqual(rows);
  });
});
