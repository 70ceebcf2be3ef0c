import { describe, expect, it } from "vitest";
import { restPointsOf } from "../../src/github/points.js";

const limits = (remaining: number, extra: Record<string, string> = {}) =>
  new Headers({
    "x-ratelimit-limit": "5000",
    "x-ratelimit-remaining": String(remaining),
    "x-ratelimit-reset": "1900000000",
    "x-ratelimit-resource": "core",
    ...extra,
  });
const text = (body: string) => new TextEncoder().encode(body).buffer as ArrayBuffer;

describe("the points a REST answer cost", () => {
  it("charges what GitHub served: 200, 301, 404, 410 and a 403 refusal", () => {
    for (const status of [200, 301, 404, 410, 422]) expect(restPointsOf(status, limits(10), null)).toBe(1);
    const refusal = text(JSON.stringify({ message: "Resource not accessible by integration" }));
    expect(restPointsOf(403, limits(10), refusal)).toBe(1);
    // The last point of the window is served with 0 remaining, and charged.
    expect(restPointsOf(200, limits(0), null)).toBe(1);
  });

  it("counts core's points only: a search spends its own budget of 30 a minute", () => {
    expect(restPointsOf(200, limits(29, { "x-ratelimit-resource": "search" }), null)).toBe(0);
  });

  it("charges nothing for a 304, an authentication failure or a bad request", () => {
    for (const status of [304, 400, 401]) expect(restPointsOf(status, limits(10), null)).toBe(0);
  });

  it("charges nothing for a rate-limit answer in any of GitHub's forms", () => {
    expect(restPointsOf(403, limits(0), null)).toBe(0);
    expect(restPointsOf(429, limits(0), null)).toBe(0);
    expect(restPointsOf(403, limits(10, { "retry-after": "60" }), null)).toBe(0);
    const secondary = text(JSON.stringify({ message: "You have exceeded a secondary rate limit." }));
    expect(restPointsOf(403, limits(10), secondary)).toBe(0);
    expect(restPointsOf(429, limits(10), secondary)).toBe(0);
  });

  it("charges nothing for an outage: a 5xx, or an answer without rate-limit headers", () => {
    for (const status of [500, 502, 503, 504]) expect(restPointsOf(status, limits(10), null)).toBe(0);
    expect(restPointsOf(200, new Headers({ "content-type": "application/json" }), text("[{}]"))).toBe(0);
  });

  it("leaves GraphQL answers to the query's own cost", () => {
    expect(restPointsOf(200, limits(10, { "x-ratelimit-resource": "graphql" }), null)).toBe(0);
  });
});
