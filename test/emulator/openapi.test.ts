/**
 * Every endpoint the emulator serves answers with a body that validates against GitHub's published
 * OpenAPI description (@octokit/openapi, extracted into test/fixtures/openapi/github-rest.json):
 * all pages of every list, merged/draft/open/closed pull requests, an issue that is a pull
 * request, repositories with null fields, forks, private and archived ones, and the 301/404/410
 * error bodies.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import { get, record, records, walk } from "./helpers.js";
import type { Reply } from "./helpers.js";
import { loadValidators } from "./openapi-schema.js";

const validators = loadValidators();
const exercised = new Set<string>();
let emu: RunningEmulator;

function check(operationId: string, reply: Reply, status = 200): void {
  expect(reply.status, `${operationId}: ${reply.text.slice(0, 200)}`).toBe(status);
  const validate = validators.validator(operationId, status);
  if (!validate(reply.body)) {
    const errors = (validate.errors ?? [])
      .slice(0, 5)
      .map((e) => `${e.instancePath} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
    throw new Error(`${operationId} ${status} does not match GitHub's schema:\n${errors.join("\n")}`);
  }
  exercised.add(`${operationId} ${status}`);
}

async function checkAllPages(operationId: string, path: string): Promise<Record<string, unknown>[]> {
  const { items, replies } = await walk(emu.url, path);
  for (const reply of replies) check(operationId, reply);
  return items;
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0, repos: 5, seed: "openapi" });
});

afterAll(async () => {
  await emu.close();
});

describe("emulator responses match GitHub's OpenAPI description", () => {
  it("records the source of the schema extract", () => {
    expect(validators.source.package).toBe("@octokit/openapi");
    expect(validators.source.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("accounts and organization repositories", async () => {
    check("users/get-authenticated", await get(emu.url, "/user"));
    check("users/get-authenticated", await get(emu.url, "/user", { token: null }), 401);
    await checkAllPages("repos/list-for-org", "/orgs/acme/repos?per_page=2");
    await checkAllPages("repos/list-for-org", "/orgs/acme/repos?type=forks");
    const anonymous = await get(emu.url, "/orgs/acme/repos", { token: null });
    check("repos/list-for-org", anonymous);
    expect(records(anonymous.body).some((repo) => repo.private === true)).toBe(false);
    await checkAllPages("repos/list-for-authenticated-user", "/user/repos?per_page=3");
    check("rate-limit/get", await get(emu.url, "/rate_limit"));
  });

  it("every repository, including private, fork, archived and null fields", async () => {
    const repos = emu.admin.repositories();
    expect(repos.map((repo) => repo.name)).toEqual(["web", "api", "mobile", "infra", "docs"]);
    for (const repo of repos) {
      const reply = await get(emu.url, `/repos/${repo.full_name}`);
      check("repos/get", reply);
      check("repos/get", await get(emu.url, `/repositories/${repo.id}`));
      const body = record(reply.body);
      if (repo.fork) expect(record(body.parent).full_name).toBe("upstream-oss/mobile");
    }
    const docs = record((await get(emu.url, "/repos/acme/docs")).body);
    expect([docs.description, docs.homepage, docs.language, docs.license]).toEqual([null, null, null, null]);
    check("repos/get", await get(emu.url, "/repos/acme/api", { token: null }), 404);
    check("repos/get", await get(emu.url, "/repos/acme/nope"), 404);
  });

  it("commits: every page, single commits of each kind, unknown sha", async () => {
    const commits = await checkAllPages("repos/list-commits", "/repos/acme/web/commits?per_page=100");
    await checkAllPages(
      "repos/list-commits",
      "/repos/acme/api/commits?per_page=100&since=2000-01-01T00:00:00Z",
    );
    const merge = commits.find((commit) => record(commit.committer ?? {}).login === "web-flow");
    const anonymous = commits.find((commit) => commit.author === null);
    const regular = commits.find(
      (commit) => commit.author !== null && record(commit.committer ?? {}).login !== "web-flow",
    );
    for (const commit of [merge, anonymous, regular]) {
      expect(commit).toBeDefined();
      check("repos/get-commit", await get(emu.url, `/repos/acme/web/commits/${String(commit?.sha)}`));
    }
    check("repos/get-commit", await get(emu.url, "/repos/acme/web/commits/main"));
    check("repos/get-commit", await get(emu.url, `/repos/acme/web/commits/${"0".repeat(40)}`), 422);
    check("repos/list-commits", await get(emu.url, `/repos/acme/web/commits?sha=${"0".repeat(40)}`), 404);
  });

  it("pull requests: lists, every single pull request, reviews past the first page", async () => {
    for (const state of ["all", "open", "closed"]) {
      await checkAllPages("pulls/list", `/repos/acme/web/pulls?state=${state}&per_page=100`);
    }
    await checkAllPages(
      "pulls/list",
      "/repos/acme/api/pulls?state=all&sort=updated&direction=desc&per_page=7",
    );
    const pulls = emu.admin.pulls("acme/web");
    const kinds = {
      merged: pulls.some((pull) => pull.merged),
      draft: pulls.some((pull) => pull.draft),
      open: pulls.some((pull) => pull.state === "open"),
      closedUnmerged: pulls.some((pull) => pull.state === "closed" && !pull.merged),
    };
    expect(kinds).toEqual({ merged: true, draft: true, open: true, closedUnmerged: true });
    for (const pull of pulls) {
      check("pulls/get", await get(emu.url, `/repos/acme/web/pulls/${pull.number}`));
      if (pull.reviews > 0)
        await checkAllPages("pulls/list-reviews", `/repos/acme/web/pulls/${pull.number}/reviews`);
    }
    const heavy = pulls.reduce((most, pull) => (pull.reviews > most.reviews ? pull : most));
    expect(heavy.reviews).toBeGreaterThan(30);
    const issueNumber = emu.admin.issues("acme/web")[0]?.number ?? 0;
    check("pulls/get", await get(emu.url, `/repos/acme/web/pulls/${issueNumber}`), 404);
  });

  it("issues and comments, including an issue that is a pull request", async () => {
    const issues = await checkAllPages(
      "issues/list-for-repo",
      "/repos/acme/web/issues?state=all&per_page=100",
    );
    expect(issues.some((issue) => issue.pull_request !== undefined)).toBe(true);
    await checkAllPages(
      "issues/list-for-repo",
      "/repos/acme/mobile/issues?since=2000-01-01T00:00:00Z&sort=updated",
    );
    check("issues/list-for-repo", await get(emu.url, "/repos/acme/web/issues?since=yesterday"), 422);
    const pull = emu.admin.pulls("acme/web").find((candidate) => candidate.merged);
    const pullAsIssue = await get(emu.url, `/repos/acme/web/issues/${pull?.number ?? 0}`);
    check("issues/get", pullAsIssue);
    expect(record(record(pullAsIssue.body).pull_request).merged_at).toBe(pull?.merged_at);
    for (const issue of emu.admin.issues("acme/web").slice(0, 20)) {
      check("issues/get", await get(emu.url, `/repos/acme/web/issues/${issue.number}`));
      await checkAllPages(
        "issues/list-comments",
        `/repos/acme/web/issues/${issue.number}/comments?per_page=2`,
      );
    }
    await checkAllPages("issues/list-comments-for-repo", "/repos/acme/web/issues/comments?per_page=100");
    await checkAllPages(
      "issues/list-comments-for-repo",
      "/repos/acme/web/issues/comments?sort=updated&direction=desc",
    );
    check("issues/get", await get(emu.url, "/repos/acme/web/issues/99999"), 404);
  });

  it("contributors, with and without anonymous ones", async () => {
    const all = await checkAllPages(
      "repos/list-contributors",
      "/repos/acme/web/contributors?anon=1&per_page=5",
    );
    expect(all.some((entry) => entry.type === "Anonymous")).toBe(true);
    await checkAllPages("repos/list-contributors", "/repos/acme/web/contributors");
  });

  it("error bodies after admin changes: 410 deleted issue, 301 moved repository, 404 deleted repository", async () => {
    const issue = emu.admin.issues("acme/api")[0];
    emu.admin.deleteIssue("acme/api", issue?.number ?? 0);
    check("issues/get", await get(emu.url, `/repos/acme/api/issues/${issue?.number ?? 0}`), 410);
    check(
      "issues/list-comments",
      await get(emu.url, `/repos/acme/api/issues/${issue?.number ?? 0}/comments`),
      410,
    );
    emu.admin.renameRepository("acme/infra", "platform");
    check("repos/get", await get(emu.url, "/repos/acme/infra"), 301);
    check("issues/list-for-repo", await get(emu.url, "/repos/acme/infra/issues?state=all"), 301);
    check("issues/get", await get(emu.url, "/repos/acme/infra/issues/1"), 301);
    emu.admin.deleteRepository("acme/platform");
    check("repos/get", await get(emu.url, "/repos/acme/platform"), 404);
    check("issues/list-for-repo", await get(emu.url, "/repos/acme/infra/issues"), 404);
  });

  it("the validators are strict: wrong shapes are rejected", async () => {
    const number = emu.admin.pulls("acme/web")[0]?.number ?? 0;
    const pull: Record<string, unknown> = record(
      (await get(emu.url, `/repos/acme/web/pulls/${number}`)).body,
    );
    const validate = (value: unknown): boolean => validators.validator("pulls/get", 200)(value);
    expect(validate(pull)).toBe(true);
    const { merged: _merged, ...withoutMerged } = pull;
    expect(validate(withoutMerged)).toBe(false);
    expect(validate({ ...pull, user: null })).toBe(false);
    expect(validate({ ...pull, state: "merged" })).toBe(false);
    expect(validate({ ...pull, created_at: "yesterday" })).toBe(false);
  });

  it("exercised every extracted operation with a 200", () => {
    const missing = validators.operations.filter((operation) => !exercised.has(`${operation} 200`));
    expect(missing).toEqual([]);
  });
});
