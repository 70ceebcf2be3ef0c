/**
 * The delivery-data endpoints (issue 18) answer bodies that validate against GitHub's published
 * OpenAPI description: every page of every list, every workflow run (re-runs and their earlier
 * attempts, every event), jobs as check runs, deployments with each state of status, drafts and
 * prereleases, replies among review comments, and teams.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import type { Reply } from "./helpers.js";
import { get, parseLink, record, records, walk } from "./helpers.js";
import { loadValidators } from "./openapi-schema.js";
import { DELIVERY_OPERATIONS } from "./openapi-delivery-operations.js";

const validators = loadValidators();
const exercised = new Set<string>();
let emu: RunningEmulator;

/**
 * A run's `head_commit` carries the git author's and committer's email as git recorded it:
 * `root@localhost` (one of the world's identities, as in real histories) or a bot's noreply
 * address, `49699333+dependabot[bot]@users.noreply.github.com` — both served by GitHub, both
 * refused by the `format: email` the published `simple-commit` declares. Such addresses are
 * checked as a plain one; everything else as published.
 */
const PLAIN_EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

function withMailDomains(body: unknown): unknown {
  const fix = (person: unknown) => {
    const email = (person as { email?: unknown } | null)?.email;
    return typeof email === "string" && !PLAIN_EMAIL.test(email)
      ? { ...(person as object), email: "git-identity@example.com" }
      : person;
  };
  const commit = (run: Record<string, unknown>) => {
    const head = run.head_commit as Record<string, unknown> | null;
    return head
      ? { ...run, head_commit: { ...head, author: fix(head.author), committer: fix(head.committer) } }
      : run;
  };
  if (Array.isArray(body)) return body;
  const object = record(body);
  if (Array.isArray(object.workflow_runs))
    return { ...object, workflow_runs: records(object.workflow_runs).map(commit) };
  if (Array.isArray(object.check_suites))
    return { ...object, check_suites: records(object.check_suites).map(commit) };
  return "head_commit" in object ? commit(object) : object;
}

function check(operationId: string, reply: Reply, status = 200): void {
  expect(reply.status, `${operationId}: ${reply.text.slice(0, 200)}`).toBe(status);
  if (status >= 400) return;
  const validate = validators.validator(operationId, status);
  if (!validate(withMailDomains(reply.body))) {
    const errors = (validate.errors ?? [])
      .slice(0, 5)
      .map((e) => `${e.instancePath} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
    throw new Error(`${operationId} ${status} does not match GitHub's schema:\n${errors.join("\n")}`);
  }
  exercised.add(`${operationId} ${status}`);
}

async function allPages(operationId: string, path: string): Promise<Record<string, unknown>[]> {
  const { items, replies } = await walk(emu.url, path);
  for (const reply of replies) check(operationId, reply);
  return items;
}

/** Every page of a `{total_count, <key>: [...]}` list, checked; the items. */
async function allObjectPages(operationId: string, path: string, key: string) {
  const items: Record<string, unknown>[] = [];
  let next: string | undefined = path;
  while (next) {
    const reply = await get(emu.url, next);
    check(operationId, reply);
    const body = record(reply.body);
    items.push(...records(body[key]));
    expect(body.total_count).toBeGreaterThanOrEqual(items.length);
    next = parseLink(reply.headers.get("link")).next;
  }
  return items;
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0, repos: 6, seed: "openapi" });
});

afterAll(async () => {
  await emu.close();
});

describe("delivery data matches GitHub's OpenAPI description", () => {
  it("workflows and every workflow run, its attempts and jobs", async () => {
    for (const repo of ["web", "design-system", "docs"]) {
      const base = `/repos/acme/${repo}`;
      const workflows = await allObjectPages(
        "actions/list-repo-workflows",
        `${base}/actions/workflows`,
        "workflows",
      );
      for (const workflow of workflows) {
        check("actions/get-workflow", await get(emu.url, `${base}/actions/workflows/${String(workflow.id)}`));
        const file = String(workflow.path).split("/").pop() ?? "";
        check("actions/get-workflow", await get(emu.url, `${base}/actions/workflows/${file}`));
        await allObjectPages(
          "actions/list-workflow-runs",
          `${base}/actions/workflows/${String(workflow.id)}/runs?per_page=100`,
          "workflow_runs",
        );
      }
      const runs = await allObjectPages(
        "actions/list-workflow-runs-for-repo",
        `${base}/actions/runs?per_page=100`,
        "workflow_runs",
      );
      expect(runs.length).toBeGreaterThan(0);
      for (const run of runs.slice(0, 40)) {
        check("actions/get-workflow-run", await get(emu.url, `${base}/actions/runs/${String(run.id)}`));
        await allObjectPages(
          "actions/list-jobs-for-workflow-run",
          `${base}/actions/runs/${String(run.id)}/jobs?filter=all`,
          "jobs",
        );
      }
      for (const run of runs.filter((candidate) => Number(candidate.run_attempt) > 1)) {
        const attempt = await get(emu.url, `${base}/actions/runs/${String(run.id)}/attempts/1`);
        check("actions/get-workflow-run-attempt", attempt);
        expect(record(attempt.body).run_attempt).toBe(1);
        const jobs = await allObjectPages(
          "actions/list-jobs-for-workflow-run-attempt",
          `${base}/actions/runs/${String(run.id)}/attempts/1/jobs`,
          "jobs",
        );
        for (const job of jobs.slice(0, 2))
          check(
            "actions/get-job-for-workflow-run",
            await get(emu.url, `${base}/actions/jobs/${String(job.id)}`),
          );
      }
    }
    check("actions/get-workflow-run", await get(emu.url, "/repos/acme/web/actions/runs/1"), 404);
  });

  it("check suites and check runs: of a ref, of a suite, one by one", async () => {
    const runs = records(
      record((await get(emu.url, "/repos/acme/web/actions/runs?per_page=20")).body).workflow_runs,
    );
    for (const run of runs) {
      const sha = String(run.head_sha);
      const suites = records(
        record((await get(emu.url, `/repos/acme/web/commits/${sha}/check-suites`)).body).check_suites,
      );
      check("checks/list-suites-for-ref", await get(emu.url, `/repos/acme/web/commits/${sha}/check-suites`));
      check(
        "checks/list-for-ref",
        await get(emu.url, `/repos/acme/web/commits/${sha}/check-runs?filter=all`),
      );
      for (const suite of suites) {
        check("checks/get-suite", await get(emu.url, `/repos/acme/web/check-suites/${String(suite.id)}`));
        const checkRuns = await allObjectPages(
          "checks/list-for-suite",
          `/repos/acme/web/check-suites/${String(suite.id)}/check-runs`,
          "check_runs",
        );
        for (const checkRun of checkRuns)
          check("checks/get", await get(emu.url, `/repos/acme/web/check-runs/${String(checkRun.id)}`));
      }
    }
    check("checks/list-for-ref", await get(emu.url, "/repos/acme/web/commits/main/check-runs"));
    check("checks/list-for-ref", await get(emu.url, "/repos/acme/web/commits/nope/check-runs"), 422);
  });

  it("deployments, every status, environments", async () => {
    for (const repo of ["web", "api"]) {
      const base = `/repos/acme/${repo}`;
      const deployments = await allPages("repos/list-deployments", `${base}/deployments?per_page=100`);
      expect(deployments.length).toBeGreaterThan(0);
      const states = new Set<string>();
      for (const deployment of deployments.slice(0, 60)) {
        const id = String(deployment.id);
        check("repos/get-deployment", await get(emu.url, `${base}/deployments/${id}`));
        const statuses = await allPages(
          "repos/list-deployment-statuses",
          `${base}/deployments/${id}/statuses`,
        );
        for (const status of statuses) {
          states.add(String(status.state));
          check(
            "repos/get-deployment-status",
            await get(emu.url, `${base}/deployments/${id}/statuses/${String(status.id)}`),
          );
        }
      }
      expect([...states].sort()).toEqual(["failure", "in_progress", "inactive", "success"]);
      check("repos/get-all-environments", await get(emu.url, `${base}/environments`));
    }
    check("repos/get-deployment", await get(emu.url, "/repos/acme/web/deployments/1"), 404);
  });

  it("releases (drafts and prereleases too), the latest, by tag, tags", async () => {
    for (const repo of ["web", "api", "docs"]) {
      const base = `/repos/acme/${repo}`;
      const releases = await allPages("repos/list-releases", `${base}/releases?per_page=5`);
      expect(releases.length).toBeGreaterThan(0);
      for (const release of releases) {
        check("repos/get-release", await get(emu.url, `${base}/releases/${String(release.id)}`));
        if (release.draft !== true)
          check(
            "repos/get-release-by-tag",
            await get(emu.url, `${base}/releases/tags/${String(release.tag_name)}`),
          );
      }
      check("repos/get-latest-release", await get(emu.url, `${base}/releases/latest`));
      await allPages("repos/list-tags", `${base}/tags?per_page=7`);
    }
    check("repos/get-latest-release", await get(emu.url, "/repos/acme/mobile/releases/latest"), 404);
  });

  it("review comments: the repository's, a pull request's, one by one", async () => {
    const comments = await allPages(
      "pulls/list-review-comments-for-repo",
      "/repos/acme/web/pulls/comments?per_page=100",
    );
    expect(comments.some((comment) => comment.in_reply_to_id !== undefined)).toBe(true);
    for (const comment of comments.slice(0, 30)) {
      check(
        "pulls/get-review-comment",
        await get(emu.url, `/repos/acme/web/pulls/comments/${String(comment.id)}`),
      );
      const number = String(comment.pull_request_url).split("/").pop() ?? "";
      check("pulls/list-review-comments", await get(emu.url, `/repos/acme/web/pulls/${number}/comments`));
    }
    await allPages(
      "pulls/list-review-comments-for-repo",
      "/repos/acme/web/pulls/comments?sort=updated&direction=desc&per_page=50",
    );
  });

  it("teams, their members, memberships and repositories", async () => {
    const teams = await allPages("teams/list", "/orgs/acme/teams?per_page=2");
    expect(teams.map((team) => team.slug).sort()).toEqual(["backend", "frontend", "platform"]);
    for (const team of teams) {
      const slug = String(team.slug);
      check("teams/get-by-name", await get(emu.url, `/orgs/acme/teams/${slug}`));
      const members = await allPages(
        "teams/list-members-in-org",
        `/orgs/acme/teams/${slug}/members?per_page=2`,
      );
      for (const member of members)
        check(
          "teams/get-membership-for-user-in-org",
          await get(emu.url, `/orgs/acme/teams/${slug}/memberships/${String(member.login)}`),
        );
      await allPages("teams/list-repos-in-org", `/orgs/acme/teams/${slug}/repos?per_page=2`);
    }
    check("teams/get-by-name", await get(emu.url, "/orgs/acme/teams/nope"), 404);
    check(
      "teams/get-membership-for-user-in-org",
      await get(emu.url, "/orgs/acme/teams/backend/memberships/nobody"),
      404,
    );
  });
});

describe("coverage of the delivery operations", () => {
  it("exercised every delivery operation of the extract with its success status", () => {
    expect(DELIVERY_OPERATIONS.filter((operation) => !validators.operations.includes(operation))).toEqual([]);
    const missing = DELIVERY_OPERATIONS.filter(
      (operation) => !exercised.has(`${operation} ${validators.successStatus(operation)}`),
    );
    expect(missing).toEqual([]);
  });
});
