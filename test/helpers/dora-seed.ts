/**
 * A small delivery history for the DORA tests (docs/dora.md), inserted into a test database: acme/web
 * deploys to production (one failure, one incident), acme/api publishes a release, acme/cli only
 * runs a Deploy workflow; team acme/core is ada. Periods: March 2026.
 */
import type { Db } from "../../src/store/database.js";
import {
  accounts,
  deployments,
  deploymentStatuses,
  issues,
  pullRequests,
  releases,
  repositories,
  teamMembers,
  teams,
  workflowRuns,
} from "../../src/store/schema.js";

const at = (iso: string) => new Date(iso);
const [WEB, API, CLI] = [1, 2, 3];
const [ADA, BOB] = [101, 102];
export const PERIOD = { from: "2026-03-01", to: "2026-03-31" };

const pull = (id: number, repositoryId: number, authorId: number, merged: string, firstCommit: string) => ({
  id,
  repositoryId,
  number: id,
  title: `PR ${id}`,
  authorId,
  state: "closed",
  merged: true,
  mergedAt: at(merged),
  closedAt: at(merged),
  createdAt: at(firstCommit),
  updatedAt: at(merged),
  baseRef: "main",
  firstCommitAt: at(firstCommit),
});

const deployment = (id: number, created: string, environment = "production") => ({
  id,
  repositoryId: WEB,
  sha: `sha${id}`,
  environment,
  createdAt: at(created),
  updatedAt: at(created),
});

const status = (id: number, deploymentId: number, state: string, created: string) => ({
  id,
  deploymentId,
  repositoryId: WEB,
  state,
  createdAt: at(created),
});

const run = (id: number, workflowName: string, conclusion: string, created: string, updated: string) => ({
  id,
  repositoryId: CLI,
  workflowId: workflowName === "Deploy" ? 1 : 2,
  workflowName,
  runNumber: id,
  event: "push",
  headBranch: "main",
  headSha: `run${id}`,
  status: "completed",
  conclusion,
  createdAt: at(created),
  runStartedAt: at(created),
  updatedAt: at(updated),
});

/** Inserts the history into an empty (migrated) database. */
export async function seedDeliveries(db: Db): Promise<void> {
  await db.insert(accounts).values([
    { id: ADA, login: "ada", type: "User" },
    { id: BOB, login: "bob", type: "User" },
  ]);
  await db.insert(repositories).values(
    [
      [WEB, "web"],
      [API, "api"],
      [CLI, "cli"],
    ].map(([id, name]) => ({
      id: id as number,
      owner: "acme",
      name: name as string,
      fullName: `acme/${name}`,
      defaultBranch: "main",
    })),
  );
  await db
    .insert(deployments)
    .values([
      deployment(11, "2026-03-02T10:00:00Z"),
      deployment(12, "2026-03-04T10:00:00Z"),
      deployment(13, "2026-03-05T10:00:00Z"),
      deployment(14, "2026-03-05T11:00:00Z", "staging"),
    ]);
  await db
    .insert(deploymentStatuses)
    .values([
      status(21, 11, "success", "2026-03-02T11:00:00Z"),
      status(22, 12, "failure", "2026-03-04T10:30:00Z"),
      status(23, 13, "success", "2026-03-05T12:00:00Z"),
      status(24, 14, "success", "2026-03-05T11:30:00Z"),
    ]);
  await db
    .insert(pullRequests)
    .values([
      pull(31, WEB, ADA, "2026-03-02T09:00:00Z", "2026-03-02T07:00:00Z"),
      pull(32, WEB, BOB, "2026-03-03T09:00:00Z", "2026-03-03T08:00:00Z"),
      pull(33, API, ADA, "2026-03-09T09:00:00Z", "2026-03-09T08:00:00Z"),
    ]);
  await db.insert(issues).values({
    id: 41,
    repositoryId: WEB,
    number: 41,
    title: "checkout is down",
    state: "closed",
    labels: ["incident"],
    createdAt: at("2026-03-05T13:00:00Z"),
    updatedAt: at("2026-03-05T15:00:00Z"),
    closedAt: at("2026-03-05T15:00:00Z"),
  });
  await db.insert(releases).values({
    id: 51,
    repositoryId: API,
    tagName: "v1.0.0",
    tagSha: "abc",
    createdAt: at("2026-03-10T10:00:00Z"),
    publishedAt: at("2026-03-10T10:00:00Z"),
  });
  await db
    .insert(workflowRuns)
    .values([
      run(61, "Deploy", "success", "2026-03-06T10:00:00Z", "2026-03-06T10:05:00Z"),
      run(62, "CI", "success", "2026-03-06T10:00:00Z", "2026-03-06T10:02:00Z"),
      run(63, "CI", "failure", "2026-03-07T10:00:00Z", "2026-03-07T10:04:00Z"),
    ]);
  await db.insert(teams).values({ id: 71, org: "acme", slug: "core", name: "Core" });
  await db.insert(teamMembers).values({ teamId: 71, accountId: ADA, login: "ada" });
}
