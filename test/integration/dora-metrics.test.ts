/**
 * `ghsync metrics dora --json` and `GET /api/metrics/dora` on rows inserted into a test database
 * (docs/dora.md): the same document from both, each repository's delivery source, a team scope,
 * and the refusals — 400 for bad input, 404 for a scope the mirror does not hold, with the CLI
 * saying the same in one line (and never calling GitHub: GITHUB_API_URL points at a closed port).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DoraReport } from "../../src/contract/dora.js";
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
import { runCli } from "../helpers/run-cli.js";
import { startServerForCli, type TestServer } from "../helpers/server-harness.js";

const at = (iso: string) => new Date(iso);
const [WEB, API, CLI] = [1, 2, 3];
const [ADA, BOB] = [101, 102];
const PERIOD = { from: "2026-03-01", to: "2026-03-31" };

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

async function seed(server: TestServer) {
  const db = server.database.db;
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

describe("ghsync metrics dora and GET /api/metrics/dora", () => {
  let server: TestServer;
  let env: NodeJS.ProcessEnv;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const started = await startServerForCli();
    server = started.server;
    close = started.close;
    env = { DATABASE_URL: started.databaseUrl, GITHUB_API_URL: "http://127.0.0.1:9", GITHUB_TOKEN: "" };
    await seed(server);
  });
  afterAll(() => close?.());

  const api = async (query: string) => {
    const response = await server.api(`/api/metrics/dora?${query}`);
    return {
      status: response.status,
      body: (await response.json()) as DoraReport & { error?: { message: string } },
    };
  };

  it("answers the same document on both sides, with each repository's source", async () => {
    const cli = await runCli(
      ["metrics", "dora", "--org", "acme", "--from", PERIOD.from, "--to", PERIOD.to, "--json"],
      env,
    );
    expect(cli.stderr).toBe("");
    const fromCli = JSON.parse(cli.stdout) as DoraReport;
    const { status, body } = await api(`org=acme&from=${PERIOD.from}&to=${PERIOD.to}`);
    expect(status).toBe(200);
    expect(body).toEqual(fromCli);
    expect(body.sources).toEqual({
      "acme/api": "releases",
      "acme/cli": "workflow_runs",
      "acme/web": "deployments",
    });
    expect(body.deployment_frequency).toMatchObject({ deployments: 4, deployment_days: 4 });
    // web: 11 ships 31 (4 h), 13 ships 32 (28 h); api: 51 ships 33 (26 h).
    expect(body.lead_time_for_changes).toEqual({ median_hours: 26, changes: 3, band: "high" });
    // 12 failed (recovered by 13 after 25.5 h), 13 has incident 41 (closed after 3 h).
    expect(body.change_failure_rate).toEqual({ rate: 0.4, failed: 2, total: 5, band: "low" });
    expect(body.recovery_time).toEqual({ median_hours: 14.25, recovered: 2, unrecovered: 0, band: "high" });
    expect(body.incidents).toEqual([
      {
        repository: "acme/web",
        number: 41,
        title: "checkout is down",
        created_at: "2026-03-05T13:00:00.000Z",
        closed_at: "2026-03-05T15:00:00.000Z",
        delivery_id: 13,
      },
    ]);
    expect(body.ci).toEqual([
      { repository: "acme/cli", workflow: "CI", runs: 2, success_rate: 0.5, median_duration_s: 180 },
      { repository: "acme/cli", workflow: "Deploy", runs: 1, success_rate: 1, median_duration_s: 300 },
    ]);
    expect(body.weekly.map((week) => week.week)).toEqual([
      "2026-02-23",
      "2026-03-02",
      "2026-03-09",
      "2026-03-16",
      "2026-03-23",
      "2026-03-30",
    ]);
  });

  it("takes repositories by name, repeated, and a team's changes", async () => {
    const repos = await api(`repo=acme/web&repo=acme/api&from=${PERIOD.from}&to=${PERIOD.to}`);
    expect(repos.body.scope).toEqual({
      kind: "repositories",
      org: null,
      team: null,
      repositories: ["acme/api", "acme/web"],
    });
    const team = await api(`team=acme/core&from=${PERIOD.from}&to=${PERIOD.to}`);
    const cli = await runCli(
      ["metrics", "dora", "--team", "acme/core", "--from", PERIOD.from, "--to", PERIOD.to, "--json"],
      env,
    );
    expect(JSON.parse(cli.stdout)).toEqual(team.body);
    expect(team.body.deliveries.map((d) => [d.repository, d.id, d.changes])).toEqual([
      ["acme/web", 11, [31]],
      ["acme/api", 51, [33]],
    ]);
    expect(team.body.lead_time_for_changes).toEqual({ median_hours: 15, changes: 2, band: "elite" });
  });

  it("prints a readable summary", async () => {
    const text = await runCli(["metrics", "dora", "acme/web", "--from", PERIOD.from, "--to", PERIOD.to], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /^DORA of acme\/web from 2026-03-01T00:00:00.000Z to 2026-04-01T00:00:00.000Z\n/,
    );
    expect(text.stdout).toContain("change failures  66.7% (2 of 3 deliveries) (low)");
  });

  it("refuses bad input with 400 and an unknown scope with 404, and the CLI says the same", async () => {
    for (const query of [
      "org=acme&from=2026-02-31",
      "org=acme&to=yesterday",
      "",
      "org=acme&repo=acme/web",
      "team=core",
    ])
      expect((await api(query)).status, query).toBe(400);
    for (const [query, message] of [
      ["repo=acme/nope", "acme/nope is not in the mirror"],
      ["org=nobody", "no repository of nobody is in the mirror"],
      ["team=acme/nope", "no team acme/nope in the mirror"],
    ] as const) {
      const answer = await api(query);
      expect(answer.status).toBe(404);
      expect(answer.body.error?.message).toContain(message);
    }
    const unknown = await runCli(["metrics", "dora", "acme/nope"], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(
      "ghsync: acme/nope is not in the mirror: track it and sync (ghsync sync acme/nope)\n",
    );
    const badDate = await runCli(["metrics", "dora", "--org", "acme", "--from", "2026-02-31"], env);
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toBe("ghsync: from: is not a calendar day\n");
    const none = await runCli(["metrics", "dora"], env);
    expect(none.stderr).toBe("ghsync: input: give one scope: repositories, an organization or a team\n");
  });
});
