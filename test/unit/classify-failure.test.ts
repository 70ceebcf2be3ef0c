/** The one rule for job failures (jobs/classify-failure.ts): the outside world's trouble is retried, our bugs are not. */
import assert from "node:assert";
import { RequestError } from "@octokit/request-error";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { toGitHubError } from "../../src/github/github-error.js";
import { classifyFailure } from "../../src/jobs/classify-failure.js";
import { GhsyncError, InterruptedError, RateLimitWaitError } from "../../src/util/errors.js";

const request = { method: "GET" as const, url: "https://api.github.com/repos/acme/a", headers: {} };
const githubAnswer = (status: number) =>
  toGitHubError(new RequestError(`status ${status}`, status, { request }), "/repos/acme/a");
/** How drizzle reports a failed statement: the driver's error as the cause. */
const failedQuery = (code: string, message: string) =>
  new Error("Failed query: update sync_jobs …", { cause: Object.assign(new Error(message), { code }) });
const thrown = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
};

describe("classifyFailure", () => {
  it("retries what the outside world got wrong: GitHub 5xx and limits, network, lost database, our carry-overs", () => {
    for (const error of [
      githubAnswer(502),
      githubAnswer(403), // a secondary rate limit the client gave up waiting for
      githubAnswer(429),
      new RateLimitWaitError(new Date(), "out of budget"),
      new InterruptedError("shutting down"),
      new GhsyncError("database_unavailable", "down", { retryable: true }),
      failedQuery("57P01", "terminating connection due to administrator command"),
      Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }),
      failedQuery("40P01", "deadlock detected"),
      failedQuery("40001", "could not serialize access"),
      failedQuery("57014", "canceling statement due to statement timeout"),
      failedQuery("55P03", "could not obtain lock on row"),
    ]) {
      const failure = classifyFailure(error);
      expect(failure.transient, String(error)).toBe(true);
      expect(failure.message).not.toMatch(/^internal error/);
    }
  });

  it("fails an error that says what to do on its first attempt, its message as it is", () => {
    const notFound = githubAnswer(404) as GhsyncError;
    expect(classifyFailure(notFound)).toEqual({
      transient: false,
      message: notFound.message,
    });
  });

  it("fails a bug of ours at once as an internal error: TypeError, zod, assertion, a constraint", () => {
    const bugs = [
      thrown(() => (undefined as unknown as { login: string }).login),
      thrown(() => z.object({ id: z.number() }).parse({})),
      thrown(() => assert.ok(false, "pages never overlap")),
      failedQuery("23502", 'null value in column "created_at" violates not-null constraint'),
      "a thrown string",
    ];
    for (const bug of bugs) {
      const failure = classifyFailure(bug);
      expect(failure.transient, String(bug)).toBe(false);
      expect(failure.message).toMatch(/^internal error: ./);
    }
    expect(classifyFailure(bugs[0]).message).toBe(
      "internal error: Cannot read properties of undefined (reading 'login')",
    );
  });
});

describe("toGitHubError", () => {
  it("marks GitHub's own failures retryable, and passes an error thrown by our code on untouched", () => {
    const network = new RequestError("fetch failed", 500, { request, cause: new Error("ECONNRESET") });
    expect(toGitHubError(network, "/repos/acme/a")).toMatchObject({ code: "github_error", retryable: true });
    const aborted = Object.assign(new Error("This operation was aborted"), { name: "AbortError" });
    expect(toGitHubError(aborted, "/x")).toMatchObject({ code: "github_unreachable", retryable: true });
    const bug = new TypeError("pool.choose is not a function");
    expect(toGitHubError(bug, "/repos/acme/a")).toBe(bug);
  });
});
