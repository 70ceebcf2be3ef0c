import { describe, expect, it } from "vitest";
import { graphqlUrlOf, hasRateLimitedError } from "../../src/github/graphql-endpoint.js";

describe("where GitHub answers GraphQL", () => {
  it("beside github.com's API, and at /api/graphql beside an Enterprise Server's /api/v3", () => {
    expect(graphqlUrlOf("https://api.github.com")).toBe("https://api.github.com/graphql");
    expect(graphqlUrlOf("https://ghe.example.com/api/v3")).toBe("https://ghe.example.com/api/graphql");
    expect(graphqlUrlOf("https://ghe.example.com/api/v3/")).toBe("https://ghe.example.com/api/graphql");
    expect(graphqlUrlOf("http://127.0.0.1:3901")).toBe("http://127.0.0.1:3901/graphql");
  });

  it("recognises GitHub's RATE_LIMITED answer, and the RATE_LIMIT spelling it also sends", () => {
    expect(
      hasRateLimitedError({ errors: [{ type: "RATE_LIMITED", message: "API rate limit exceeded" }] }),
    ).toBe(true);
    expect(
      hasRateLimitedError({ errors: [{ type: "RATE_LIMIT", message: "API rate limit already exceeded" }] }),
    ).toBe(true);
    expect(hasRateLimitedError({ errors: [{ type: "NOT_FOUND", message: "x" }] })).toBe(false);
    expect(hasRateLimitedError(null)).toBe(false);
  });
});
