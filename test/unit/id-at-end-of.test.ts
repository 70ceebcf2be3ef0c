/**
 * The REST id GraphQL gives check runs and workflow runs only in their page's URL (their
 * `databaseId` overflows a 32-bit Int): GitHub's URL forms, and what is not one.
 */
import { describe, expect, it } from "vitest";
import { idAtEndOf } from "../../src/normalize/ids.js";

describe("idAtEndOf", () => {
  it("reads the id ending a workflow run's, an Actions job's or a check run's page", () => {
    expect(idAtEndOf("https://github.com/acme/web/actions/runs/12345678901")).toBe(12345678901);
    expect(idAtEndOf("https://github.com/acme/web/actions/runs/1/job/32741726339")).toBe(32741726339);
    expect(idAtEndOf("https://github.com/acme/web/runs/32741726339?check_suite_focus=true")).toBe(
      32741726339,
    );
    expect(idAtEndOf("https://ghe.example.com/acme/web/runs/7/")).toBe(7);
  });

  it("is null for a URL that does not end in an id, or no URL at all", () => {
    expect(idAtEndOf("https://github.com/acme/web/actions")).toBeNull();
    expect(idAtEndOf("https://github.com/acme/web/commit/abc/checks?check_suite_id=5")).toBeNull();
    expect(idAtEndOf("not a url")).toBeNull();
    expect(idAtEndOf("https://github.com/acme/web/runs/123456789012345678901")).toBeNull();
  });
});
