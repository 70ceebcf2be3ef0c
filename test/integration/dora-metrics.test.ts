/**
 * `ghsync metrics dora --json` and `GET /api/metrics/dora` on rows inserted into a test database
 * (docs/dora.md): the same document from both, each repository's delivery source, a team scope,
 * and the refusals — 400 for bad input, 404 for a scope the mirror does not hold, with the CLI
 * saying the same in one line (and never calling GitHub: GITHUB_API_URL points at a closed port).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DoraReport } from "../../src/contract/dora.js";
import { PERIOD, seedDeliveries } from "../helpers/dora-seed.js";
import { runCli } from "../helpers/run-cli.js";
import { startServerForCli, type TestServer } from "../helpers/server-harness.js";

describe("ghsync metrics dora and GET /api/metrics/dora", () => {
  let server: TestServer;
  let env: NodeJS.ProcessEnv;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const started = await startServerForCli();
    server = started.server;
    close = started.close;
    env = { DATABASE_URL: started.databaseUrl, GITHUB_API_URL: "http://127.0.0.1:9", GITHUB_TOKEN: "" };
    await seedDeliveries(server.database.db);
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
