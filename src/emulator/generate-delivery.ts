/**
 * Delivery data (issue 18): workflows and their runs, deployments, releases, incidents, inline
 * review comments and teams, generated after everything else from their own streams, and given
 * ids from their own sequences (`world.deliveryIds`) — so every id, number and count that existed
 * before stayed as it was. The rules are in README.md ("Delivery data") and in the generators.
 */
import type { ResolvedOptions } from "./options.js";
import type { EnvironmentRecord, Label, RepoRecord, World } from "./world-types.js";
import type { DeliveryWindow } from "./generate-runs.js";
import { SCALES } from "./options.js";
import { rngFor } from "./prng.js";
import { addWorkflow, generateCiRuns } from "./generate-runs.js";
import { deploys, generateDeployments, INCIDENT_LABEL } from "./generate-deployments.js";
import { deploymentReleases, releaseRuns, weeklyReleases } from "./generate-releases.js";
import { generateReviewComments } from "./generate-review-comments.js";
import { generateTeams } from "./generate-teams.js";
import { DAY, HOUR } from "./time.js";

/** How far back delivery data goes. */
export const DELIVERY_DAYS = 120;

export function generateDelivery(world: World, options: ResolvedOptions, start: number): void {
  const { seed, org, scale } = options;
  const sparse = scale === "tiny";
  const window: DeliveryWindow = { from: start - DELIVERY_DAYS * DAY, to: start };
  for (const repo of world.repos) {
    const stream = (part: string) => rngFor(seed, org, scale, repo.name, "delivery", part);
    const files = stream("workflows");
    const ci = addWorkflow(repo, "CI", files);
    const runs = generateCiRuns(world, repo, ci, stream("ci"), window, SCALES[scale].runs);
    if (deploys(repo)) {
      const deploy = addWorkflow(repo, "Deploy", files);
      const label: Label = { id: 0, ...INCIDENT_LABEL, default: false };
      repo.labels.push(label);
      const built = generateDeployments(world, repo, deploy, label, stream("deployments"), window, sparse);
      runs.push(...built.runs);
      repo.deployments = built.deployments;
      repo.environments = ["staging", "production"].map((name) => environment(name, deploy.createdAt + HOUR));
      repo.releases = deploymentReleases(world, repo, built.deployments, stream("releases"));
    } else if (repo.name === "docs") {
      repo.releases = weeklyReleases(world, repo, stream("releases"), window, sparse);
    } else if (repo.name === "design-system") {
      const release = addWorkflow(repo, "Release", files);
      runs.push(...releaseRuns(world, repo, release, stream("releases"), window, sparse));
    }
    repo.runs = runs;
    generateReviewComments(repo, stream("review-comments"), start);
  }
  world.teams = generateTeams(world, rngFor(seed, org, "teams"), start);
  assignDeliveryIds(world, rngFor(seed, org, "run-numbers"));
}

export function environment(name: string, createdAt: number): EnvironmentRecord {
  return { id: 0, name, createdAt, updatedAt: createdAt };
}

function byCreation<T extends { createdAt: number }>(items: T[]): T[] {
  return items.sort((a, b) => a.createdAt - b.createdAt);
}

/** Global ids per kind in creation order across repositories; run numbers per workflow. */
function assignDeliveryIds(world: World, rng: ReturnType<typeof rngFor>): void {
  const ids = world.deliveryIds;
  const all = <T>(pick: (repo: RepoRecord) => T[]) => world.repos.flatMap(pick);
  for (const workflow of byCreation(all((repo) => repo.workflows))) workflow.id = ids.next("workflow");
  for (const env of byCreation(all((repo) => repo.environments))) env.id = ids.next("environment");
  for (const repo of world.repos)
    for (const label of repo.labels) if (label.id === 0) label.id = ids.next("label");
  const runs = byCreation(all((repo) => repo.runs));
  for (const run of runs) {
    run.id = ids.next("run");
    run.checkSuiteId = ids.next("checkSuite");
  }
  for (const job of byCreation(runs.flatMap((run) => run.jobs))) job.id = ids.next("job");
  const deployments = byCreation(all((repo) => repo.deployments));
  for (const deployment of deployments) deployment.id = ids.next("deployment");
  for (const status of byCreation(deployments.flatMap((d) => d.statuses)))
    status.id = ids.next("deploymentStatus");
  for (const release of byCreation(all((repo) => repo.releases))) release.id = ids.next("release");
  for (const comment of byCreation(all((repo) => repo.reviewComments)))
    comment.id = ids.next("reviewComment");
  for (const team of byCreation([...world.teams])) team.id = ids.next("team");
  world.teams.sort((a, b) => a.id - b.id);
  for (const repo of world.repos) {
    for (const list of [repo.runs, repo.deployments, repo.releases, repo.reviewComments, repo.workflows])
      list.sort((a, b) => a.id - b.id);
    for (const run of repo.runs) run.jobs.sort((a, b) => a.id - b.id);
    for (const workflow of repo.workflows) {
      let number = rng.int(1, 400);
      for (const run of repo.runs) if (run.workflow === workflow) run.runNumber = number++;
    }
  }
}
