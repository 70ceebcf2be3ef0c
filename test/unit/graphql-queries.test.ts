/**
 * Every query ghsync sends, validated against GitHub's public schema (@octokit/graphql-schema's
 * validate(), an independent truth: the schema GitHub publishes, not the emulator's). Each asks
 * for `rateLimit { cost }`, which is how the client counts the points a query spent.
 */
import { validate } from "@octokit/graphql-schema";
import { describe, expect, it } from "vitest";
import {
  PULL_REQUEST_MORE,
  PULL_REQUEST_PAGE,
  pullRequestsByNumber,
} from "../../src/sync/graphql/pull-queries.js";
import { WORKFLOW_RUN_JOBS, commitChecks } from "../../src/sync/graphql/delivery-queries.js";

const QUERIES: Record<string, string> = {
  PULL_REQUEST_PAGE,
  PULL_REQUEST_MORE,
  "pullRequestsByNumber(1)": pullRequestsByNumber([7]),
  "pullRequestsByNumber(25)": pullRequestsByNumber(Array.from({ length: 25 }, (_, index) => index + 1)),
  WORKFLOW_RUN_JOBS,
  "commitChecks(1)": commitChecks(1),
  "commitChecks(50)": commitChecks(50),
};

describe("the GraphQL queries ghsync sends", () => {
  for (const [name, query] of Object.entries(QUERIES)) {
    it(`${name} validates against GitHub's schema and asks for its cost`, () => {
      expect(validate(query).map((error) => error.message)).toEqual([]);
      expect(query).toMatch(/rateLimit\s*\{[^}]*\bcost\b/);
    });
  }

  it("the schema check is not a formality: a field GitHub does not have is named", () => {
    const wrong = PULL_REQUEST_PAGE.replace("changedFiles", "filesChanged");
    expect(
      validate(wrong)
        .map((error) => error.message)
        .join("\n"),
    ).toContain("filesChanged");
  });
});
