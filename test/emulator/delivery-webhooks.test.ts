/**
 * Admin changes to delivery data arrive as GitHub's webhooks: CI on a push (ciOnPush), a deploy
 * (workflow_run, workflow_job, check_run, check_suite, deployment, deployment_status), a re-run,
 * releases, review comments (created, edited, deleted) and team changes (team, membership) —
 * payloads shaped like @octokit/webhooks-examples, their objects valid against the REST schemas
 * and equal to what the API serves afterwards, events of a run in GitHub's order.
 */
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorChange, RunningEmulator } from "../../src/emulator/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import { get, record, records } from "./helpers.js";
import { loadValidators } from "./openapi-schema.js";
import { header, payloadOf, signatureVerifies, startReceiver } from "./webhook-receiver.js";
import type { Receiver, ReceivedRequest } from "./webhook-receiver.js";

interface Example {
  name: string;
  examples: Record<string, unknown>[];
}
const EXAMPLES = createRequire(import.meta.url)(
  "@octokit/webhooks-examples/api.github.com/index.json",
) as Example[];
const validators = loadValidators();
const SECRET = "delivery-secret";

/** The main object(s) of each event: every key of the example's must be in ours. */
const MAIN: Readonly<Record<string, readonly string[]>> = {
  workflow_run: ["workflow_run", "workflow"],
  workflow_job: ["workflow_job"],
  check_suite: ["check_suite"],
  check_run: ["check_run"],
  deployment: ["deployment"],
  deployment_status: ["deployment_status", "deployment"],
  release: ["release"],
  pull_request_review_comment: ["comment"],
  membership: ["team", "member"],
  team: ["team"],
};
const OPTIONAL_TOP = new Set(["installation", "organization", "enterprise"]);
const keysOf = (value: unknown) => (typeof value === "object" && value !== null ? Object.keys(value) : []);

/** The fewest problems against any example of the event and action. */
function shapeProblems(event: string, action: string, payload: Record<string, unknown>): string[] {
  const all = EXAMPLES.find((entry) => entry.name === event)?.examples ?? [];
  const own = all.filter((example) => example.action === action);
  const candidates = own.length > 0 ? own : all;
  if (candidates.length === 0) return [`no example of ${event}`];
  const problems = candidates.map((example) => {
    const ours = keysOf(payload).filter((key) => !OPTIONAL_TOP.has(key));
    const theirs = keysOf(example).filter((key) => !OPTIONAL_TOP.has(key));
    const found = [
      ...theirs.filter((key) => !ours.includes(key)).map((key) => `missing ${key}`),
      ...ours.filter((key) => !theirs.includes(key)).map((key) => `extra ${key}`),
    ];
    for (const main of MAIN[event] ?? [])
      for (const key of keysOf(example[main]))
        if (!keysOf(payload[main]).includes(key)) found.push(`missing ${main}.${key}`);
    return found;
  });
  return problems.reduce((a, b) => (b.length < a.length ? b : a));
}

function validate(operationId: string, value: unknown, what: string, list = false): void {
  const check = validators.validator(operationId, 200);
  if (!check(list ? [value] : value)) {
    const errors = (check.errors ?? []).slice(0, 5).map((e) => `${e.instancePath} ${e.message ?? ""}`);
    throw new Error(`${what} does not match ${operationId}'s schema:\n${errors.join("\n")}`);
  }
}

let emu: RunningEmulator;
let receiver: Receiver;
const changes: EmulatorChange[] = [];
let wall = Date.parse("2026-06-01T10:00:00Z");
const tick = () => (wall += 60_000);
let deployRunId = 0;
let pull = 0;
let commentId = 0;

interface Delivered {
  event: string;
  change: EmulatorChange;
  payload: Record<string, unknown>;
  request: ReceivedRequest;
}

function delivered(): Delivered[] {
  return receiver.requests
    .map((request) => {
      const entry = emu.admin
        .webhookLog()
        .find((item) => item.delivery_id === header(request, "x-github-delivery"));
      const change = entry ? changes[entry.seq - 1] : undefined;
      if (!change) throw new Error("a delivery without its change");
      return { event: header(request, "x-github-event"), change, payload: payloadOf(request), request };
    })
    .sort((a, b) => changes.indexOf(a.change) - changes.indexOf(b.change));
}

beforeAll(async () => {
  receiver = await startReceiver(SECRET);
  emu = await startEmulator({
    port: 0,
    seed: "delivery-webhooks",
    repos: 4,
    ciOnPush: true,
    clock: () => wall,
    webhook: { url: receiver.url, secret: SECRET },
  });
  emu.admin.subscribe((change) => changes.push(change));
  const admin = emu.admin;
  admin.addCommits("acme/web", { count: 2, author: "alice-chen" });
  tick();
  pull = admin.openPull("acme/web", { author: "bkowalski" }).number;
  admin.pushToPull("acme/web", pull, { add: 1 });
  tick();
  admin.deploy("acme/web");
  tick();
  admin.deploy("acme/web", { environment: "production", outcome: "failure" });
  deployRunId = admin.workflowRuns("acme/web").at(-1)?.id ?? 0;
  tick();
  admin.rerunWorkflowRun("acme/web", deployRunId);
  tick();
  admin.createRelease("acme/web");
  admin.createRelease("acme/web", { tag: "v9.9.9-draft", draft: true });
  tick();
  commentId = admin.addReviewComment("acme/web", pull, { body: "Nit: rename" }).id;
  tick();
  admin.editReviewComment("acme/web", commentId, { body: "Nit: rename this" });
  const doomed = admin.addReviewComment("acme/web", pull, { inReplyTo: commentId }).id;
  admin.deleteReviewComment("acme/web", doomed);
  tick();
  admin.createTeam("Data Science", { description: "Models" });
  admin.addTeamMember("data-science", "carol-ops", { role: "maintainer" });
  admin.removeTeamMember(
    "backend",
    admin.teams().find((team) => team.slug === "backend")?.members[0]?.login ?? "",
  );
  await admin.flushWebhooks();
});

afterAll(async () => {
  await emu.close();
  await receiver.close();
});

describe("webhooks of delivery changes", () => {
  it("one signed request per change, every new event among them", () => {
    expect(receiver.requests).toHaveLength(changes.length);
    for (const request of receiver.requests) expect(signatureVerifies(SECRET, request)).toBe(true);
    const events = new Set(delivered().map((d) => d.event));
    for (const event of Object.keys(MAIN)) expect(events, event).toContain(event);
  });

  it("payloads have the shapes of GitHub's examples", () => {
    for (const { event, change, payload } of delivered()) {
      if (!(event in MAIN)) continue;
      expect(payload.action).toBe(change.action);
      expect(record(payload.sender).login).toBe(change.sender);
      const problems = shapeProblems(event, change.action, payload);
      expect(problems, `${event}.${change.action}: ${problems.join(", ")}`).toEqual([]);
    }
  });

  it("embedded objects validate against the REST schemas", () => {
    for (const { event, change, payload } of delivered()) {
      const what = `${event}.${change.action}`;
      if (event === "workflow_run") validate("actions/get-workflow-run", payload.workflow_run, what);
      if (event === "workflow_job") validate("actions/get-job-for-workflow-run", payload.workflow_job, what);
      if (event === "check_suite") validate("checks/get-suite", payload.check_suite, what);
      if (event === "check_run") validate("checks/get", payload.check_run, what);
      if (event === "deployment") validate("repos/get-deployment", payload.deployment, what);
      if (event === "deployment_status")
        validate("repos/get-deployment-status", payload.deployment_status, what);
      if (event === "release") validate("repos/get-release", payload.release, what);
      if (event === "pull_request_review_comment")
        validate("pulls/get-review-comment", payload.comment, what);
      if (event === "membership" || event === "team") validate("teams/list", payload.team, what, true);
    }
  });

  it("a run's events in GitHub's order; CI started by pushes to main and to a pull request", () => {
    const runs = delivered().filter((d) => d.event === "workflow_run");
    const byRun = new Map<number, string[]>();
    for (const { payload } of runs) {
      const run = record(payload.workflow_run);
      byRun.set(Number(run.id), [...(byRun.get(Number(run.id)) ?? []), String(payload.action)]);
    }
    for (const [id, actions] of byRun) {
      const once = ["requested", "in_progress", "completed"];
      expect(actions, String(id)).toEqual(id === deployRunId ? [...once, ...once] : once);
    }
    const ci = runs.filter(
      (d) => record(d.payload.workflow).name === "CI" && d.payload.action === "requested",
    );
    expect(ci.map((d) => record(d.payload.workflow_run).event)).toEqual(["push", "pull_request"]);
    const order = delivered().map((d) => `${d.event}.${String(d.payload.action)}`);
    const first = order.indexOf("workflow_run.requested");
    expect(order.slice(first, first + 2)).toEqual(["workflow_run.requested", "workflow_job.queued"]);
    expect(order).toContain("check_suite.completed");
  });

  it("deployments: created, in_progress, then the outcome; a success turns the previous one inactive", () => {
    const statuses = delivered()
      .filter((d) => d.event === "deployment_status")
      .map(
        (d) =>
          `${String(record(d.payload.deployment).environment)}:${String(record(d.payload.deployment_status).state)}`,
      );
    expect(statuses.slice(0, 6)).toEqual([
      "staging:in_progress",
      "staging:success",
      "staging:inactive",
      "production:in_progress",
      "production:success",
      "production:inactive",
    ]);
    expect(statuses.slice(6, 8)).toEqual(["production:in_progress", "production:failure"]);
    const deployments = emu.admin.deployments("acme/web");
    const head = emu.admin.commits("acme/web")[0]?.sha;
    expect(deployments.slice(-3).every((d) => d.sha === head)).toBe(true);
  });

  it("releases: created then published; a draft only created", () => {
    const releases = delivered().filter((d) => d.event === "release");
    expect(
      releases.map((d) => `${String(record(d.payload.release).draft)}:${String(d.payload.action)}`),
    ).toEqual(["false:created", "false:published", "true:created"]);
  });

  it("review comments: created with its review, edited with the old body, deleted as it was; counts follow", async () => {
    const comments = delivered().filter((d) => d.event === "pull_request_review_comment");
    expect(comments.map((d) => d.payload.action)).toEqual(["created", "edited", "created", "deleted"]);
    expect(comments[1]?.payload.changes).toEqual({ body: { from: "Nit: rename" } });
    expect(record(comments[2]?.payload.comment).in_reply_to_id).toBe(commentId);
    const served = record((await get(emu.url, `/repos/acme/web/pulls/comments/${commentId}`)).body);
    expect(served).toEqual(record(comments[1]?.payload.comment));
    const pullBody = record((await get(emu.url, `/repos/acme/web/pulls/${pull}`)).body);
    expect(pullBody.review_comments).toBe(1);
    expect(records((await get(emu.url, `/repos/acme/web/pulls/${pull}/comments`)).body)).toHaveLength(1);
    expect(delivered().filter((d) => d.event === "pull_request_review").length).toBe(2);
  });

  it("teams: created, a member added, one removed; the API shows it", async () => {
    const org = delivered().filter((d) => d.event === "team" || d.event === "membership");
    expect(org.map((d) => `${d.event}.${String(d.payload.action)}`)).toEqual([
      "team.created",
      "membership.added",
      "membership.removed",
    ]);
    const members = records(
      (await get(emu.url, "/orgs/acme/teams/data-science/members?role=maintainer")).body,
    );
    expect(members.map((m) => m.login)).toEqual(["carol-ops"]);
  });

  it("the last workflow_run payload of a run equals GET /actions/runs/{id}", async () => {
    const last = delivered()
      .filter((d) => d.event === "workflow_run" && d.payload.action === "completed")
      .map((d) => record(d.payload.workflow_run))
      .filter((run) => run.id !== deployRunId)
      .at(-1);
    const served = record((await get(emu.url, `/repos/acme/web/actions/runs/${String(last?.id)}`)).body);
    // Only the token's view differs: the repositories' `permissions` (a delivery has no viewer).
    const { permissions: _a, ...repository } = record(served.repository);
    const { permissions: _b, ...headRepository } = record(served.head_repository);
    expect({ ...served, repository, head_repository: headRepository }).toEqual(last);
  });
});
