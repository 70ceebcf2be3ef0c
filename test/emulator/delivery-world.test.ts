/**
 * The generated delivery data keeps the rules DORA figures are tested against (README.md,
 * "Delivery data"): a deployment deploys the default branch's head at its creation, each
 * production deployment follows a staging one of the same sha, an incident opens after a failed
 * production deployment and closes when the next one succeeds, review comments match the pull
 * requests' counts, a job is a check run; and it depends only on seed, org, repos and scale.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import { get, record } from "./helpers.js";

const NOW = new Date("2026-11-20T12:00:00Z");
const DAY = 86_400;
const at = (iso: string) => Date.parse(iso) / 1000;

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, repos: 12, seed: "delivery", now: NOW });
});

afterAll(async () => {
  await emu.close();
});

/** The head of the default branch at `seconds`, from the records. */
function headAt(
  branch: readonly { sha: string; committedAt: number }[],
  seconds: number,
): string | undefined {
  let found: string | undefined;
  for (const commit of branch) if (commit.committedAt <= seconds) found = commit.sha;
  return found;
}

describe("generated delivery data", () => {
  it("a deployment deploys the branch head at its creation; production follows staging of the same sha", () => {
    for (const repo of ["web", "api", "billing", "cli"]) {
      const { deployments, branch } = emu.admin.deliveryRecords(`acme/${repo}`);
      expect(deployments.length).toBeGreaterThan(50);
      for (const deployment of deployments) expect(headAt(branch, deployment.createdAt)).toBe(deployment.sha);
      const staging = deployments.filter((d) => d.environment === "staging");
      for (const production of deployments.filter((d) => d.environment === "production")) {
        const before = staging.filter((d) => d.sha === production.sha && d.createdAt < production.createdAt);
        expect(before.length, `production ${production.id}`).toBeGreaterThan(0);
        expect(production.createdAt - Math.max(...before.map((d) => d.createdAt))).toBeLessThan(30 * 60);
      }
    }
  });

  it("statuses: in_progress, then success or failure; inactive once superseded; failure rates near the rules", () => {
    let production = 0;
    let failed = 0;
    for (const repo of [
      "web",
      "api",
      "data-pipeline",
      "auth-service",
      "billing",
      "search",
      "analytics",
      "cli",
    ]) {
      const deployments = emu.admin.deployments(`acme/${repo}`);
      for (const d of deployments) {
        const states = d.statuses.map((status) => status.state);
        expect(states[0]).toBe("in_progress");
        expect(["success", "failure"]).toContain(states[1]);
        if (states.length > 2) expect(states.slice(1)).toEqual(["success", "inactive"]);
        if (d.environment === "production") {
          production++;
          if (states[1] === "failure") failed++;
        }
      }
      const last = deployments
        .filter((d) => d.environment === "production" && d.statuses[1]?.state === "success")
        .at(-1);
      expect(last?.statuses.map((status) => status.state)).toEqual(["in_progress", "success"]);
    }
    expect(failed / production).toBeGreaterThan(0.08);
    expect(failed / production).toBeLessThan(0.22);
  });

  it("incidents open after a failed production deployment and close when the next one succeeds", () => {
    let tied = 0;
    for (const repo of ["web", "api", "billing", "search"]) {
      const { deployments, incidents } = emu.admin.deliveryRecords(`acme/${repo}`);
      expect(incidents.length).toBeGreaterThan(0);
      const production = deployments.filter((d) => d.environment === "production");
      const finalOf = (d: (typeof production)[number]) => d.statuses[1];
      for (const issue of incidents) {
        expect(issue.state).toBe("closed");
        const before = production.filter((d) => (finalOf(d)?.createdAt ?? 0) < issue.createdAt).at(-1);
        const status = before ? finalOf(before) : undefined;
        expect(status).toBeDefined();
        const gap = issue.createdAt - (status?.createdAt ?? 0);
        expect(gap).toBeGreaterThanOrEqual(5 * 60);
        expect(gap).toBeLessThanOrEqual(60 * 60);
        if (status?.state === "failure") {
          tied++;
          const restore = production.find(
            (d) => (finalOf(d)?.createdAt ?? 0) > (status.createdAt ?? 0) && finalOf(d)?.state === "success",
          );
          expect(finalOf(restore ?? production[0]!)?.createdAt).toBe(issue.closedAt);
        } else {
          expect((issue.closedAt ?? 0) - issue.createdAt).toBeGreaterThanOrEqual(3600);
          expect((issue.closedAt ?? 0) - issue.createdAt).toBeLessThanOrEqual(48 * 3600);
        }
      }
    }
    expect(tied).toBeGreaterThanOrEqual(8);
  });

  it("releases: every ~5th successful production deployment on its sha; docs weekly; design-system by its Release runs", () => {
    const web = emu.admin.deliveryRecords("acme/web");
    const successes = web.deployments.filter(
      (d) => d.environment === "production" && d.statuses[1]?.state === "success",
    );
    expect(web.releases.length).toBeGreaterThanOrEqual(Math.floor(successes.length / 5) - 1);
    expect(web.releases.length).toBeLessThanOrEqual(Math.ceil(successes.length / 5) + 1);
    for (const release of web.releases) expect(successes.some((d) => d.sha === release.sha)).toBe(true);
    const docs = emu.admin.deliveryRecords("acme/docs");
    expect(docs.deployments).toEqual([]);
    expect(docs.releases.length).toBeGreaterThanOrEqual(15);
    const design = emu.admin.deliveryRecords("acme/design-system");
    expect(design.deployments).toEqual([]);
    expect(design.releases).toEqual([]);
    const releaseRuns = design.runs.filter((run) => run.workflow.name === "Release");
    expect(releaseRuns.length).toBeGreaterThanOrEqual(12);
    expect(releaseRuns.every((run) => run.event === "push" && run.headBranch === "main")).toBe(true);
  });

  it("CI: pushes and pull requests of the last 120 days, capped per scale; ~12% fail, some re-run", () => {
    const runs = emu.admin.workflowRuns("acme/web");
    const ci = runs.filter((run) => run.workflow === "CI");
    expect(ci).toHaveLength(60);
    expect(new Set(ci.map((run) => run.event))).toEqual(new Set(["push", "pull_request"]));
    for (const run of ci) expect(at(run.created_at)).toBeGreaterThanOrEqual(NOW.getTime() / 1000 - 120 * DAY);
    const all = ["web", "api", "cli", "search"].flatMap((repo) =>
      emu.admin.workflowRuns(`acme/${repo}`).filter((run) => run.workflow === "CI"),
    );
    const failedFirst = all.filter((run) => run.conclusion === "failure" || run.run_attempt > 1).length;
    expect(failedFirst / all.length).toBeGreaterThan(0.05);
    expect(failedFirst / all.length).toBeLessThan(0.25);
    const rerun = all.filter((run) => run.run_attempt === 2);
    expect(rerun.length).toBeGreaterThan(0);
    for (const run of rerun) {
      expect(run.jobs.some((job) => job.run_attempt === 1)).toBe(true);
      expect(at(run.updated_at)).toBeGreaterThan(at(run.created_at));
    }
    const numbers = ci.map((run) => run.run_number);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(runs.map((run) => run.id)).toEqual([...runs.map((run) => run.id)].sort((a, b) => a - b));
  });

  it("every job is a check run of its run's check suite", async () => {
    const runs = emu.admin.workflowRuns("acme/api").slice(-5);
    for (const run of runs)
      for (const job of run.jobs) {
        const reply = await get(emu.url, `/repos/acme/api/check-runs/${job.id}`);
        expect(reply.status).toBe(200);
        expect(record(record(reply.body).check_suite).id).toBe(run.check_suite_id);
      }
  });

  it("review comments: as many records as each pull request's review_comments, on its reviews", () => {
    for (const repo of ["web", "docs", "mobile"]) {
      const comments = emu.admin.reviewComments(`acme/${repo}`);
      const reviews = new Map(emu.admin.reviews(`acme/${repo}`).map((review) => [review.id, review]));
      for (const pull of emu.admin.pulls(`acme/${repo}`)) {
        const own = comments.filter((comment) => comment.pull_number === pull.number);
        expect(own).toHaveLength(pull.review_comments);
        for (const comment of own)
          expect(reviews.get(comment.pull_request_review_id)?.pull_number).toBe(pull.number);
      }
      expect(emu.admin.deliveryCounts(`acme/${repo}`).review_comments).toBe(comments.length);
    }
  });

  it("teams split the members: everyone in one, some in two", () => {
    const teams = emu.admin.teams();
    expect(teams.map((team) => team.slug).sort()).toEqual(["backend", "frontend", "platform"]);
    const logins = teams.flatMap((team) => team.members.map((member) => member.login));
    expect(new Set(logins).size).toBe(9);
    expect(logins.length).toBeGreaterThan(9);
  });
});

describe("determinism and scales", () => {
  it("same seed, org, repos and scale: the same delivery data, shifted with the start time", async () => {
    const later = await startEmulator({
      port: 0,
      repos: 12,
      seed: "delivery",
      now: new Date(NOW.getTime() + 7 * DAY * 1000),
    });
    try {
      const shift = (iso: string) =>
        new Date(Date.parse(iso) - 7 * DAY * 1000).toISOString().replace(".000Z", "Z");
      for (const repo of ["web", "docs", "design-system"]) {
        const a = emu.admin.deployments(`acme/${repo}`);
        const b = later.admin.deployments(`acme/${repo}`).map((d) => ({
          ...d,
          created_at: shift(d.created_at),
          updated_at: shift(d.updated_at),
          statuses: d.statuses.map((status) => ({ ...status, created_at: shift(status.created_at) })),
        }));
        expect(b).toEqual(a);
        expect(later.admin.releases(`acme/${repo}`).map((r) => [r.id, r.tag_name, r.sha])).toEqual(
          emu.admin.releases(`acme/${repo}`).map((r) => [r.id, r.tag_name, r.sha]),
        );
        expect(later.admin.workflowRuns(`acme/${repo}`).map((r) => [r.id, r.head_sha, r.conclusion])).toEqual(
          emu.admin.workflowRuns(`acme/${repo}`).map((r) => [r.id, r.head_sha, r.conclusion]),
        );
      }
      expect(later.admin.deliveryCounts()).toEqual(emu.admin.deliveryCounts());
      expect(later.admin.counts()).toEqual(emu.admin.counts());
    } finally {
      await later.close();
    }
  });

  it("tiny: two production deployments per deploying repository, two CI runs; large stays cheap", async () => {
    const tiny = await startEmulator({ port: 0, repos: 40, scale: "tiny", seed: "delivery" });
    try {
      for (const repo of tiny.admin.repositories()) {
        const runs = tiny.admin.workflowRuns(repo.full_name).filter((run) => run.workflow === "CI");
        expect(runs.length).toBeLessThanOrEqual(2);
        const production = tiny.admin
          .deployments(repo.full_name)
          .filter((d) => d.environment === "production");
        if (["docs", "design-system"].includes(repo.name) || repo.fork || repo.archived)
          expect(production).toEqual([]);
        else expect(production.length).toBeGreaterThanOrEqual(2);
      }
    } finally {
      await tiny.close();
    }
    const started = Date.now();
    const large = await startEmulator({ port: 0, repos: 1, scale: "large", seed: "delivery" });
    try {
      expect(Date.now() - started).toBeLessThan(20_000);
      const runs = large.admin.workflowRuns("acme/web");
      expect(runs.filter((run) => run.workflow === "CI")).toHaveLength(1000);
      expect(large.admin.deliveryCounts().workflow_runs).toBeLessThan(1200);
    } finally {
      await large.close();
    }
  });
});

describe("live activity", () => {
  it("deploys, re-runs CI, releases and comments on diffs now and then (CI on its pushes)", async () => {
    const live = await startEmulator({ port: 0, repos: 6, seed: "delivery-activity", ciOnPush: true });
    try {
      const before = live.admin.deliveryCounts();
      const changes = live.admin.simulateActivity(300);
      const after = live.admin.deliveryCounts();
      const types = new Set(changes.map((change) => change.type));
      for (const type of [
        "deployment",
        "deployment_status",
        "workflow_run",
        "release",
        "pull_request_review_comment",
      ])
        expect(types, type).toContain(type);
      expect(after.deployments).toBeGreaterThan(before.deployments);
      expect(after.workflow_runs).toBeGreaterThan(before.workflow_runs);
      expect(after.releases).toBeGreaterThan(before.releases);
      expect(after.review_comments).toBeGreaterThan(before.review_comments);
      for (const repo of ["web", "api"]) {
        const { deployments, branch } = live.admin.deliveryRecords(`acme/${repo}`);
        for (const deployment of deployments)
          expect(headAt(branch, deployment.createdAt)).toBe(deployment.sha);
      }
    } finally {
      await live.close();
    }
  });
});
