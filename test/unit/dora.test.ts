/**
 * The DORA keys on hand-built rows (docs/dora.md): the delivery sources and their order, changes
 * shipped and deployed, the period's edges, the incident rules, recovery, team scoping, the bands
 * at their boundaries, the weekly trend and CI health.
 */
import { describe, expect, it } from "vitest";
import { ciHealth } from "../../src/metrics/ci-health.js";
import { doraKeys } from "../../src/metrics/dora.js";
import {
  changeFailureRateBand,
  deploymentFrequencyBand,
  leadTimeBand,
  recoveryTimeBand,
} from "../../src/metrics/dora-bands.js";
import type {
  DeploymentRow,
  DeploymentStatusRow,
  DoraRows,
  DoraRules,
  IssueRow,
  PullRow,
  ReleaseRow,
  WorkflowRunRow,
} from "../../src/metrics/dora-rows.js";
import { DEFAULT_DORA, loadSettings } from "../../src/config/settings.js";

const at = (text: string) => new Date(text.includes("T") ? text : `${text}T00:00:00Z`);
const REPO = { id: 1, fullName: "acme/web", defaultBranch: "main" };
const OTHER = { id: 2, fullName: "acme/api", defaultBranch: "main" };
/** March 2026: Sunday 1st to Tuesday 31st. */
const MARCH = { from: at("2026-03-01"), to: at("2026-04-01") };

let nextId = 100;
function deployment(created: string, states: [string, string][], extra: Partial<DeploymentRow> = {}) {
  const id = nextId++;
  const row: DeploymentRow = {
    id,
    repositoryId: REPO.id,
    environment: "production",
    sha: `sha${id}`,
    createdAt: at(created),
    latestState: null,
    finishedAt: null,
    deletedAt: null,
    ...extra,
  };
  const statuses: DeploymentStatusRow[] = states.map(([state, time]) => ({
    id: nextId++,
    deploymentId: id,
    state,
    createdAt: at(time),
  }));
  return { row, statuses };
}

function pull(number: number, merged: string | null, extra: Partial<PullRow> = {}): PullRow {
  return {
    id: 1000 + number,
    repositoryId: REPO.id,
    number,
    authorId: 7,
    baseRef: "main",
    createdAt: at("2026-02-20"),
    mergedAt: merged ? at(merged) : null,
    firstCommitAt: null,
    deletedAt: null,
    ...extra,
  };
}

function incident(
  number: number,
  created: string,
  closed: string | null,
  extra: Partial<IssueRow> = {},
): IssueRow {
  return {
    id: 5000 + number,
    repositoryId: REPO.id,
    number,
    title: `outage ${number}`,
    labels: ["Incident"],
    createdAt: at(created),
    closedAt: closed ? at(closed) : null,
    deletedAt: null,
    ...extra,
  };
}

function rows(parts: {
  deployments?: { row: DeploymentRow; statuses: DeploymentStatusRow[] }[];
  releases?: ReleaseRow[];
  runs?: WorkflowRunRow[];
  pulls?: PullRow[];
  issues?: IssueRow[];
  team?: number[];
  repositories?: DoraRows["repositories"];
}): DoraRows {
  return {
    repositories: parts.repositories ?? [REPO],
    deployments: (parts.deployments ?? []).map((d) => d.row),
    deploymentStatuses: (parts.deployments ?? []).flatMap((d) => d.statuses),
    releases: parts.releases ?? [],
    workflowRuns: parts.runs ?? [],
    pulls: parts.pulls ?? [],
    issues: parts.issues ?? [],
    teamMemberIds: parts.team ?? null,
  };
}

const rules = (incidents: string[] = ["label", "failed_deployment"]): DoraRules => ({
  ...DEFAULT_DORA,
  incidents: {
    label: incidents.includes("label"),
    failedDeployment: incidents.includes("failed_deployment"),
  },
});

function release(published: string | null, extra: Partial<ReleaseRow> = {}): ReleaseRow {
  return {
    id: nextId++,
    repositoryId: REPO.id,
    tagName: "v1",
    tagSha: "abc",
    draft: false,
    prerelease: false,
    publishedAt: published ? at(published) : null,
    deletedAt: null,
    ...extra,
  };
}

function run(
  conclusion: string | null,
  created: string,
  updated: string,
  extra: Partial<WorkflowRunRow> = {},
) {
  return {
    id: nextId++,
    repositoryId: REPO.id,
    workflowName: "Deploy",
    event: "push",
    headBranch: "main",
    headSha: "def",
    status: "completed",
    conclusion,
    createdAt: at(created),
    runStartedAt: at(created),
    updatedAt: at(updated),
    deletedAt: null,
    ...extra,
  } satisfies WorkflowRunRow;
}

describe("deliveries and their sources", () => {
  it("takes production deployments at their first terminal status, ignoring other environments and unfinished ones", () => {
    const report = doraKeys(
      rows({
        deployments: [
          deployment("2026-03-02T10:00:00Z", [
            ["in_progress", "2026-03-02T10:01:00Z"],
            ["failure", "2026-03-02T10:05:00Z"],
            ["success", "2026-03-02T10:09:00Z"],
          ]),
          deployment("2026-03-03T10:00:00Z", [["success", "2026-03-03T10:30:00Z"]], { environment: "Prod" }),
          deployment("2026-03-04T10:00:00Z", [["success", "2026-03-04T10:30:00Z"]], {
            environment: "staging",
          }),
          deployment("2026-03-05T10:00:00Z", [["in_progress", "2026-03-05T10:01:00Z"]]),
          deployment("2026-03-06T10:00:00Z", [["success", "2026-03-06T10:30:00Z"]], {
            deletedAt: at("2026-03-07"),
          }),
        ],
      }),
      rules(),
      MARCH,
    );
    expect(report.sources).toEqual({ "acme/web": "deployments" });
    expect(report.deliveries.map((d) => [d.kind, d.result, d.finished_at])).toEqual([
      ["deployment", "failure", "2026-03-02T10:05:00.000Z"],
      ["deployment", "success", "2026-03-03T10:30:00.000Z"],
    ]);
  });

  it("reads a deployment's own finish and state while its statuses are not mirrored", () => {
    const { row } = deployment("2026-03-02T10:00:00Z", []);
    const report = doraKeys(
      rows({
        deployments: [
          { row: { ...row, latestState: "error", finishedAt: at("2026-03-02T11:00:00Z") }, statuses: [] },
        ],
      }),
      rules(),
      MARCH,
    );
    expect(report.deliveries.map((d) => d.result)).toEqual(["error"]);
  });

  it("falls back to published releases only without any deployment row, then to deploy workflow runs", () => {
    const releases = [
      release("2026-03-02T12:00:00Z"),
      release("2026-03-03T12:00:00Z", { draft: true }),
      release("2026-03-04T12:00:00Z", { prerelease: true }),
      release(null),
    ];
    const withReleases = doraKeys(rows({ releases }), rules(), MARCH);
    expect(withReleases.sources).toEqual({ "acme/web": "releases" });
    expect(withReleases.deliveries.map((d) => [d.kind, d.created_at, d.finished_at])).toEqual([
      ["release", "2026-03-02T12:00:00.000Z", "2026-03-02T12:00:00.000Z"],
    ]);
    const staging = deployment("2026-03-02T10:00:00Z", [["success", "2026-03-02T10:30:00Z"]], {
      environment: "staging",
    });
    const withDeployments = doraKeys(rows({ releases, deployments: [staging] }), rules(), MARCH);
    expect(withDeployments.sources).toEqual({ "acme/web": "deployments" });
    expect(withDeployments.deliveries).toEqual([]);

    const runs = [
      run("success", "2026-03-05T10:00:00Z", "2026-03-05T10:20:00Z"),
      run("failure", "2026-03-06T10:00:00Z", "2026-03-06T10:20:00Z"),
      run("cancelled", "2026-03-07T10:00:00Z", "2026-03-07T10:20:00Z"),
      run("success", "2026-03-08T10:00:00Z", "2026-03-08T10:20:00Z", { workflowName: "CI" }),
      run("success", "2026-03-09T10:00:00Z", "2026-03-09T10:20:00Z", { event: "pull_request" }),
      run("success", "2026-03-10T10:00:00Z", "2026-03-10T10:20:00Z", { headBranch: "feature" }),
      run(null, "2026-03-11T10:00:00Z", "2026-03-11T10:20:00Z", { status: "in_progress" }),
      run("success", "2026-03-12T10:00:00Z", "2026-03-12T10:20:00Z", { workflowName: "release-prod" }),
    ];
    const withRuns = doraKeys(rows({ runs, releases: [releases[1] as ReleaseRow] }), rules(), MARCH);
    expect(withRuns.sources).toEqual({ "acme/web": "workflow_runs" });
    expect(withRuns.deliveries.map((d) => [d.finished_at.slice(0, 10), d.result])).toEqual([
      ["2026-03-05", "success"],
      ["2026-03-06", "failure"],
      ["2026-03-12", "success"],
    ]);
    expect(doraKeys(rows({}), rules(), MARCH).sources).toEqual({ "acme/web": "none" });
  });
});

describe("deployment frequency", () => {
  it("counts successful deliveries finished in the period, their distinct UTC days and the medians per week and month", () => {
    const report = doraKeys(
      rows({
        deployments: [
          deployment("2026-02-28T23:00:00Z", [["success", "2026-02-28T23:59:59Z"]]), // before the period
          deployment("2026-03-01T00:00:00Z", [["success", "2026-03-01T00:10:00Z"]]), // first instant's day
          deployment("2026-03-02T09:00:00Z", [["success", "2026-03-02T09:10:00Z"]]),
          deployment("2026-03-02T10:00:00Z", [["success", "2026-03-02T10:10:00Z"]]), // same day
          deployment("2026-03-03T10:00:00Z", [["failure", "2026-03-03T10:10:00Z"]]), // not a deployment day
          deployment("2026-03-31T23:00:00Z", [["success", "2026-04-01T00:00:00Z"]]), // finishes after
        ],
      }),
      rules(),
      MARCH,
    );
    expect(report.deployment_frequency).toEqual({
      deployments: 3,
      deployment_days: 2,
      days_per_week: Math.round((2 / (31 / 7)) * 100) / 100,
      // Weeks of Feb 23 (1 day: Mar 1), Mar 2 (1), Mar 9, 16, 23, 30 (0): median 0.
      median_days_per_week: 0,
      median_days_per_month: 2,
      band: "medium",
    });
    expect(report.weekly.map((w) => [w.week, w.deployments, w.deployment_days])).toEqual([
      ["2026-02-23", 1, 1],
      ["2026-03-02", 2, 1],
      ["2026-03-09", 0, 0],
      ["2026-03-16", 0, 0],
      ["2026-03-23", 0, 0],
      ["2026-03-30", 0, 0],
    ]);
  });

  it("has no median or band for a scope without any delivery source", () => {
    const df = doraKeys(rows({}), rules(), MARCH).deployment_frequency;
    expect([df.median_days_per_week, df.median_days_per_month, df.band]).toEqual([null, null, null]);
  });

  it("bands at DevLake's boundaries", () => {
    expect(deploymentFrequencyBand(5, 20)).toBe("elite");
    expect(deploymentFrequencyBand(4.5, 20)).toBe("high");
    expect(deploymentFrequencyBand(1, 4)).toBe("high");
    expect(deploymentFrequencyBand(0.5, 1)).toBe("medium");
    expect(deploymentFrequencyBand(0, 0.5)).toBe("low");
    expect(deploymentFrequencyBand(null, null)).toBeNull();
  });
});

describe("lead time for changes", () => {
  it("ships PRs merged into the default branch since the previous delivery; the first successful delivery after the merge deploys them", () => {
    const d1 = deployment("2026-03-02T10:00:00Z", [["success", "2026-03-02T11:00:00Z"]]);
    const d2 = deployment("2026-03-04T10:00:00Z", [["failure", "2026-03-04T11:00:00Z"]]);
    const d3 = deployment("2026-03-05T10:00:00Z", [["success", "2026-03-05T12:00:00Z"]]);
    const pulls = [
      pull(1, "2026-03-02T10:00:00Z", { firstCommitAt: at("2026-03-02T08:00:00Z") }), // at d1's creation: d1 → 3 h
      pull(2, "2026-03-03T10:00:00Z"), // shipped by failed d2, deployed by d3: from created_at (Feb 20)
      pull(3, "2026-03-04T12:00:00Z", { firstCommitAt: at("2026-03-04T12:00:00Z") }), // d3 → 24 h
      pull(4, "2026-03-04T12:00:00Z", { baseRef: "develop" }), // not the default branch
      pull(5, null), // never merged
      pull(6, "2026-03-06T00:00:00Z"), // merged after the last delivery: not deployed
      pull(7, "2026-03-04T12:00:00Z", { deletedAt: at("2026-03-08") }),
    ];
    const report = doraKeys(rows({ deployments: [d1, d2, d3], pulls }), rules(), MARCH);
    expect(report.deliveries.map((d) => d.changes)).toEqual([[1], [2], [3]]);
    const pr2 = (at("2026-03-05T12:00:00Z").getTime() - at("2026-02-20").getTime()) / 3_600_000;
    expect(report.lead_time_for_changes).toEqual({ median_hours: 24, changes: 3, band: "high" });
    expect(pr2).toBeGreaterThan(24);
  });

  it("counts a change in the period its deploying delivery finished in", () => {
    const d1 = deployment("2026-03-31T23:00:00Z", [["success", "2026-04-01T01:00:00Z"]]);
    const report = doraKeys(
      rows({ deployments: [d1], pulls: [pull(1, "2026-03-31T22:00:00Z")] }),
      rules(),
      MARCH,
    );
    expect(report.lead_time_for_changes).toEqual({ median_hours: null, changes: 0, band: null });
    const april = { from: at("2026-04-01"), to: at("2026-05-01") };
    expect(
      doraKeys(rows({ deployments: [d1], pulls: [pull(1, "2026-03-31T22:00:00Z")] }), rules(), april)
        .lead_time_for_changes.changes,
    ).toBe(1);
  });

  it("takes the median of an even count as the mean of the middle two, and bands at a day, a week and 30 days", () => {
    const d1 = deployment("2026-03-10T00:00:00Z", [["success", "2026-03-10T00:00:00Z"]]);
    const pulls = [10, 20, 30, 40].map((hours, i) =>
      pull(i + 1, "2026-03-09T23:00:00Z", {
        firstCommitAt: new Date(at("2026-03-10").getTime() - hours * 3_600_000),
      }),
    );
    expect(
      doraKeys(rows({ deployments: [d1], pulls }), rules(), MARCH).lead_time_for_changes.median_hours,
    ).toBe(25);
    expect([23.99, 24, 167.99, 168, 719.99, 720].map(leadTimeBand)).toEqual([
      "elite",
      "high",
      "high",
      "medium",
      "medium",
      "low",
    ]);
  });
});

describe("change failure rate and recovery", () => {
  const failed = () => deployment("2026-03-03T10:00:00Z", [["error", "2026-03-03T11:00:00Z"]]);
  const ok = (day: string, hour = "12") =>
    deployment(`${day}T${hour}:00:00Z`, [["success", `${day}T${hour}:30:00Z`]]);

  it("fails deliveries by result and by attached incidents, and recovers them by the next success and the incidents' close", () => {
    const d1 = ok("2026-03-02");
    const d2 = failed();
    const d3 = ok("2026-03-04");
    const d4 = ok("2026-03-06");
    const issues = [
      incident(1, "2026-03-04T13:00:00Z", "2026-03-04T15:30:00Z"), // → d3 (last success before)
      incident(2, "2026-03-04T14:00:00Z", "2026-03-04T16:30:00Z"), // → d3 too: latest close 16:30
      incident(3, "2026-03-07T00:00:00Z", null), // → d4, still open
      incident(4, "2026-03-05T00:00:00Z", "2026-03-05T01:00:00Z", { labels: ["bug"] }), // not an incident
      incident(5, "2026-03-01T00:00:00Z", "2026-03-01T01:00:00Z"), // before any delivery: attached to none
    ];
    const report = doraKeys(rows({ deployments: [d1, d2, d3, d4], issues }), rules(), MARCH);
    expect(report.deliveries.map((d) => [d.result, d.failed, d.incidents])).toEqual([
      ["success", false, []],
      ["error", true, []],
      ["success", true, [1, 2]],
      ["success", true, [3]],
    ]);
    expect(report.change_failure_rate).toEqual({ rate: 0.75, failed: 3, total: 4, band: "low" });
    // d2: next success d3 at 03-04 12:30 → 25.5 h; d3: incidents closed 16:30 → 4 h; d4 open.
    expect(report.recovery_time).toEqual({ median_hours: 14.75, recovered: 2, unrecovered: 1, band: "high" });
    expect(report.incidents.map((i) => [i.number, i.delivery_id])).toEqual([
      [5, null],
      [1, d3.row.id],
      [2, d3.row.id],
      [3, d4.row.id],
    ]);
  });

  it("counts only successful deliveries without rule failed_deployment, and no incident without rule label", () => {
    const deployments = [ok("2026-03-02"), failed(), ok("2026-03-04")];
    const issues = [incident(1, "2026-03-04T13:00:00Z", "2026-03-04T14:30:00Z")];
    const labelOnly = doraKeys(rows({ deployments, issues }), rules(["label"]), MARCH);
    expect(labelOnly.change_failure_rate).toEqual({ rate: 0.5, failed: 1, total: 2, band: "low" });
    expect(labelOnly.recovery_time.median_hours).toBe(2);
    const failedOnly = doraKeys(rows({ deployments, issues }), rules(["failed_deployment"]), MARCH);
    expect(failedOnly.change_failure_rate).toEqual({ rate: 0.3333, failed: 1, total: 3, band: "low" });
    expect(failedOnly.incidents).toEqual([]);
    expect(failedOnly.recovery_time.median_hours).toBe(25.5);
  });

  it("attaches an incident opened after a failed deployment to that failure, not to the success before it", () => {
    const d1 = ok("2026-03-02");
    const d2 = failed(); // error at 03-03 11:00
    const d3 = ok("2026-03-04"); // success at 03-04 12:30
    const issues = [incident(1, "2026-03-03T11:30:00Z", "2026-03-04T13:00:00Z")];
    const both = doraKeys(rows({ deployments: [d1, d2, d3], issues }), rules(), MARCH);
    expect(both.deliveries.map((d) => [d.id, d.failed, d.incidents])).toEqual([
      [d1.row.id, false, []],
      [d2.row.id, true, [1]],
      [d3.row.id, false, []],
    ]);
    expect(both.change_failure_rate).toMatchObject({ failed: 1, total: 3 });
    // The later of the next success (03-04 12:30) and the incident's close (13:00): 26 h.
    expect(both.recovery_time).toMatchObject({ median_hours: 26, recovered: 1, unrecovered: 0 });
    // Without rule failed_deployment the failure is not a delivery: the success before it caused it.
    const labelOnly = doraKeys(rows({ deployments: [d1, d2, d3], issues }), rules(["label"]), MARCH);
    expect(labelOnly.deliveries.map((d) => [d.id, d.failed, d.incidents])).toEqual([
      [d1.row.id, true, [1]],
      [d3.row.id, false, []],
    ]);
  });

  it("recovers a delivery that failed both ways at the later of the two", () => {
    const d1 = ok("2026-03-02");
    const d2 = deployment("2026-03-03T10:00:00Z", [["success", "2026-03-03T11:00:00Z"]]);
    const d3 = deployment("2026-03-04T10:00:00Z", [["failure", "2026-03-04T11:00:00Z"]]);
    const d4 = ok("2026-03-04", "13");
    // An incident after d2 → d2 failed; d3 failed by result, recovered by d4 at 13:30 (2.5 h).
    const issues = [incident(1, "2026-03-03T12:00:00Z", "2026-03-04T20:00:00Z")];
    const report = doraKeys(rows({ deployments: [d1, d2, d3, d4], issues }), rules(), MARCH);
    expect(report.deliveries.filter((d) => d.failed).map((d) => d.id)).toEqual([d2.row.id, d3.row.id]);
    // d2: 33 h (incident closed 03-04 20:00); d3: 2.5 h.
    expect(report.recovery_time).toEqual({ median_hours: 17.75, recovered: 2, unrecovered: 0, band: "high" });
  });

  it("bands the rate at 5, 10 and 15% and recovery at an hour, a day and a week", () => {
    expect([0, 0.05, 0.0501, 0.1, 0.15, 0.1501].map(changeFailureRateBand)).toEqual([
      "elite",
      "elite",
      "high",
      "high",
      "medium",
      "low",
    ]);
    expect([0.99, 1, 23.99, 24, 167.99, 168].map(recoveryTimeBand)).toEqual([
      "elite",
      "high",
      "high",
      "medium",
      "medium",
      "low",
    ]);
    expect(doraKeys(rows({}), rules(), MARCH).change_failure_rate).toEqual({
      rate: null,
      failed: 0,
      total: 0,
      band: null,
    });
  });
});

describe("a team scope", () => {
  it("keeps the team's changes and the deliveries that ship at least one", () => {
    const d1 = deployment("2026-03-02T10:00:00Z", [["success", "2026-03-02T11:00:00Z"]]);
    const d2 = deployment("2026-03-03T10:00:00Z", [["failure", "2026-03-03T11:00:00Z"]]);
    const d3 = deployment("2026-03-04T10:00:00Z", [["success", "2026-03-04T11:00:00Z"]]);
    const pulls = [
      pull(1, "2026-03-02T09:00:00Z", { authorId: 7, firstCommitAt: at("2026-03-02T09:00:00Z") }),
      pull(2, "2026-03-03T09:00:00Z", { authorId: 8 }),
      pull(3, "2026-03-04T09:00:00Z", { authorId: 7, firstCommitAt: at("2026-03-04T08:00:00Z") }),
      pull(4, "2026-03-04T09:30:00Z", { authorId: 8 }),
    ];
    const issues = [incident(1, "2026-03-02T12:00:00Z", "2026-03-02T13:00:00Z")]; // → d1 (team)
    const report = doraKeys(rows({ deployments: [d1, d2, d3], pulls, issues, team: [7] }), rules(), MARCH);
    expect(report.deliveries.map((d) => [d.id, d.changes])).toEqual([
      [d1.row.id, [1]],
      [d3.row.id, [3]],
    ]);
    expect(report.deployment_frequency.deployments).toBe(2);
    expect(report.lead_time_for_changes).toEqual({ median_hours: 2.5, changes: 2, band: "elite" });
    expect(report.change_failure_rate).toMatchObject({ failed: 1, total: 2 });
    expect(report.incidents.map((i) => i.number)).toEqual([1]);
  });
});

describe("pooled repositories", () => {
  it("counts deployment days as distinct dates across the scope, and reports each repository's source", () => {
    const a = deployment("2026-03-02T10:00:00Z", [["success", "2026-03-02T11:00:00Z"]]);
    const b = { ...release("2026-03-02T15:00:00Z"), repositoryId: OTHER.id };
    const report = doraKeys(
      rows({ deployments: [a], releases: [b], repositories: [REPO, OTHER] }),
      rules(),
      MARCH,
    );
    expect(report.deployment_frequency).toMatchObject({ deployments: 2, deployment_days: 1 });
    expect(report.sources).toEqual({ "acme/web": "deployments", "acme/api": "releases" });
  });
});

describe("CI health", () => {
  it("rates success over success and failure, and takes the median duration of runs completed in the period", () => {
    const runs = [
      run("success", "2026-03-02T10:00:00Z", "2026-03-02T10:01:00Z", { workflowName: "CI" }),
      run("failure", "2026-03-02T11:00:00Z", "2026-03-02T11:03:00Z", { workflowName: "CI" }),
      run("cancelled", "2026-03-02T12:00:00Z", "2026-03-02T12:10:00Z", { workflowName: "CI" }),
      run("success", "2026-03-02T12:00:00Z", "2026-03-02T12:10:00Z", {
        workflowName: "CI",
        event: "pull_request",
      }),
      run(null, "2026-03-02T12:00:00Z", "2026-03-02T12:10:00Z", {
        workflowName: "CI",
        status: "in_progress",
      }),
      run("success", "2026-02-02T12:00:00Z", "2026-02-02T12:10:00Z", { workflowName: "CI" }),
      run("skipped", "2026-03-03T12:00:00Z", "2026-03-03T12:00:00Z", { workflowName: "Lint" }),
    ];
    expect(ciHealth([REPO], runs, MARCH)).toEqual([
      { repository: "acme/web", workflow: "CI", runs: 4, success_rate: 0.6667, median_duration_s: 390 },
      { repository: "acme/web", workflow: "Lint", runs: 1, success_rate: null, median_duration_s: 0 },
    ]);
  });
});

describe("the GHSYNC_DORA_* settings", () => {
  it("default to production, both incident rules, the incident label and deploy/release workflows", () => {
    expect(loadSettings({}).dora).toEqual(DEFAULT_DORA);
    const set = loadSettings({
      GHSYNC_DORA_PRODUCTION_ENV: "^live$",
      GHSYNC_DORA_INCIDENTS: "label",
      GHSYNC_DORA_INCIDENT_LABEL: "^sev[12]$",
      GHSYNC_DORA_DEPLOY_WORKFLOW: "ship",
    }).dora;
    expect(set.incidents).toEqual({ label: true, failedDeployment: false });
    expect([
      set.productionEnv.test("LIVE"),
      set.incidentLabel.test("Sev1"),
      set.deployWorkflow.test("Ship it"),
    ]).toEqual([true, true, true]);
  });

  it("refuses a value that is not a regular expression, and an unknown incident rule, naming the setting", () => {
    expect(() => loadSettings({ GHSYNC_DORA_PRODUCTION_ENV: "([" })).toThrow(
      /GHSYNC_DORA_PRODUCTION_ENV: must be a regular expression/,
    );
    expect(() => loadSettings({ GHSYNC_DORA_INCIDENTS: "label,pager" })).toThrow(
      /GHSYNC_DORA_INCIDENTS\.1: must be a comma list of label and failed_deployment/,
    );
  });
});
