/**
 * The four DORA keys computed by brute force from the emulator's own records (its world), with the
 * definitions of docs/dora.md and none of ghsync's code: what a change ships is decided by git
 * ancestry in the emulator's history (is the pull request's merge commit an ancestor of what was
 * deployed?), not by the mirror's timestamps.
 */
import type { World, RepoRecord } from "../../src/emulator/world-types.js";
import { ancestry, findCommit } from "../../src/emulator/world-queries.js";
import { pullCommits } from "../../src/emulator/pull-history.js";

export interface DoraTruth {
  deployments: number;
  deployment_days: number;
  changes: number;
  lead_time_median_hours: number | null;
  failed: number;
  total: number;
  recovered: number;
  unrecovered: number;
  recovery_median_hours: number | null;
}

interface Delivery {
  sha: string;
  createdAt: number;
  finishedAt: number;
  success: boolean;
  incidents: number[];
}

const PRODUCTION = /^prod(uction)?$/i;
const DEPLOY_WORKFLOW = /^(deploy|release)/i;
const INCIDENT = /^incident$/i;
const TERMINAL = new Set(["success", "failure", "error"]);

function deliveriesOf(repo: RepoRecord): Delivery[] {
  if (repo.deployments.length > 0) {
    return repo.deployments.flatMap((deployment) => {
      if (!PRODUCTION.test(deployment.environment)) return [];
      const end = deployment.statuses.find((status) => TERMINAL.has(status.state));
      if (!end) return [];
      return [
        {
          sha: deployment.sha,
          createdAt: deployment.createdAt,
          finishedAt: end.createdAt,
          success: end.state === "success",
          incidents: [],
        },
      ];
    });
  }
  const releases = repo.releases.filter((r) => !r.draft && !r.prerelease && r.publishedAt !== null);
  if (releases.length > 0) {
    return releases.map((release) => ({
      sha: release.sha,
      createdAt: release.createdAt,
      finishedAt: release.publishedAt as number,
      success: true,
      incidents: [],
    }));
  }
  return repo.runs
    .filter(
      (run) =>
        DEPLOY_WORKFLOW.test(run.workflow.name) &&
        run.event === "push" &&
        run.headBranch === repo.defaultBranch &&
        run.status === "completed" &&
        (run.conclusion === "success" || run.conclusion === "failure"),
    )
    .map((run) => ({
      sha: run.headSha,
      createdAt: run.createdAt,
      finishedAt: run.updatedAt,
      success: run.conclusion === "success",
      incidents: [],
    }));
}

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** `from`/`to`: epoch seconds, `to` exclusive. */
export function doraTruth(world: World, from: number, to: number): DoraTruth {
  const leadTimes: number[] = [];
  const recoveries: number[] = [];
  const days = new Set<string>();
  let deployments = 0;
  let failed = 0;
  let total = 0;
  let unrecovered = 0;
  for (const repo of world.repos) {
    if (repo.deleted) continue;
    const deliveries = deliveriesOf(repo).sort((a, b) => a.finishedAt - b.finishedAt);
    const ancestors = new Map<Delivery, Map<string, unknown>>();
    const ancestorsOf = (delivery: Delivery) => {
      let found = ancestors.get(delivery);
      if (!found) {
        const start = findCommit(world, repo, delivery.sha);
        found = start ? ancestry(world, repo, start) : new Map();
        ancestors.set(delivery, found);
      }
      return found;
    };
    // Incidents: attached to the last delivery (either result: both rules are on by default)
    // finished at or before they were opened.
    for (const thread of repo.threads) {
      if (thread.pull || thread.deleted || !thread.labels.some((label) => INCIDENT.test(label.name)))
        continue;
      const before = deliveries.filter((d) => d.finishedAt <= thread.createdAt).at(-1);
      if (before) before.incidents.push(thread.closedAt ?? Number.NaN);
    }
    for (const [index, delivery] of deliveries.entries()) {
      const inPeriod = delivery.finishedAt >= from && delivery.finishedAt < to;
      if (!inPeriod) continue;
      total++;
      if (delivery.success) {
        deployments++;
        days.add(new Date(delivery.finishedAt * 1000).toISOString().slice(0, 10));
      }
      const isFailed = !delivery.success || delivery.incidents.length > 0;
      if (!isFailed) continue;
      failed++;
      const ends: number[] = [];
      if (!delivery.success) {
        const next = deliveries.slice(index + 1).find((d) => d.success);
        ends.push(next ? next.finishedAt : Number.NaN);
      }
      for (const closedAt of delivery.incidents) ends.push(closedAt);
      if (ends.some((end) => Number.isNaN(end))) unrecovered++;
      else recoveries.push((Math.max(...ends) - delivery.finishedAt) / 3600);
    }
    // Lead time: each merged pull request, deployed by the first successful delivery holding its merge commit.
    for (const thread of repo.threads) {
      const pull = thread.pull;
      if (!pull?.merged || pull.mergedAt === null || !pull.mergeCommitSha) continue;
      const shipped = deliveries.find(
        (d) => d.success && d.createdAt >= pull.mergedAt! && ancestorsOf(d).has(pull.mergeCommitSha!),
      );
      if (!shipped || shipped.finishedAt < from || shipped.finishedAt >= to) continue;
      const commits = pullCommits(world, thread);
      const first = commits.length > 0 ? Math.min(...commits.map((c) => c.authoredAt)) : thread.createdAt;
      leadTimes.push((shipped.finishedAt - first) / 3600);
    }
  }
  return {
    deployments,
    deployment_days: days.size,
    changes: leadTimes.length,
    lead_time_median_hours: median(leadTimes),
    failed,
    total,
    recovered: recoveries.length,
    unrecovered,
    recovery_median_hours: median(recoveries),
  };
}
