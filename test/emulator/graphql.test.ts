/**
 * The emulator's /graphql: GitHub's schema and rules over the same world the REST routes serve.
 * The truth for its data is the emulator's REST answers (themselves held to GitHub's OpenAPI):
 * the same ids, node ids, timestamps, authors and orders, read both ways.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- answers are JSON shaped by each query; typing every one would restate the query */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { TOKEN, get, record, records, walk } from "./helpers.js";

interface GraphqlReply {
  status: number;
  headers: Headers;
  data: Record<string, any> | null;
  errors: {
    type?: string;
    message: string;
    path?: (string | number)[];
    extensions?: Record<string, unknown>;
  }[];
}

async function graphql(
  base: string,
  query: string,
  variables: Record<string, unknown> = {},
  token: string | null = TOKEN,
  path = "/graphql",
): Promise<GraphqlReply> {
  const response = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  const body = text
    ? (JSON.parse(text) as { data?: Record<string, any> | null; errors?: GraphqlReply["errors"] })
    : {};
  return {
    status: response.status,
    headers: response.headers,
    data: body.data ?? null,
    errors: body.errors ?? [],
  };
}

const PULLS = `query($after: String) {
  rateLimit { cost remaining used limit }
  repository(owner: "acme", name: "web") {
    pullRequests(first: 50, after: $after, orderBy: { field: UPDATED_AT, direction: DESC }) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id fullDatabaseId number state isDraft createdAt updatedAt closedAt mergedAt headRefOid
        additions deletions changedFiles
        author { __typename login ... on User { databaseId } ... on Bot { databaseId } }
        reviews(first: 100) { totalCount nodes { fullDatabaseId state submittedAt author { login } } }
        commits(first: 100) { totalCount pageInfo { hasNextPage endCursor } nodes { commit { oid authoredDate } } }
        timelineItems(first: 5, itemTypes: [READY_FOR_REVIEW_EVENT]) { nodes { ... on ReadyForReviewEvent { createdAt } } }
      }
    }
  }
}`;

describe("emulator GraphQL", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, seed: 7, repos: 2, scale: "small" });
  });
  afterAll(async () => {
    await emu.close();
  });

  it("serves every pull request as REST does: ids, states, dates, authors, reviews, commits, ready-for-review", async () => {
    const rest = (
      await walk<Record<string, any>>(
        emu.url,
        "/repos/acme/web/pulls?state=all&sort=updated&direction=desc&per_page=100",
      )
    ).items;
    const nodes: Record<string, any>[] = [];
    let after: string | null = null;
    do {
      const page: GraphqlReply = await graphql(emu.url, PULLS, { after });
      expect(page.errors).toEqual([]);
      const connection = page.data?.repository.pullRequests;
      nodes.push(...connection.nodes);
      after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
    } while (after);
    expect(nodes.map((node) => Number(node.fullDatabaseId))).toEqual(rest.map((pull) => pull.id));
    for (const [index, node] of nodes.entries()) {
      const listed = rest[index] as Record<string, any>;
      const detail = (await get(emu.url, `/repos/acme/web/pulls/${node.number}`)).body as Record<string, any>;
      expect({
        id: node.id,
        state: node.state,
        draft: node.isDraft,
        created: node.createdAt,
        updated: node.updatedAt,
        closed: node.closedAt,
        merged: node.mergedAt,
        head: node.headRefOid,
        size: [node.additions, node.deletions, node.changedFiles],
        author: [
          node.author.databaseId,
          node.author.__typename === "Bot" ? `${node.author.login}[bot]` : node.author.login,
        ],
      }).toEqual({
        id: listed.node_id,
        state: detail.merged ? "MERGED" : listed.state.toUpperCase(),
        draft: listed.draft,
        created: listed.created_at,
        updated: listed.updated_at,
        closed: listed.closed_at,
        merged: listed.merged_at,
        head: listed.head.sha,
        size: [detail.additions, detail.deletions, detail.changed_files],
        author: [listed.user.id, listed.user.login],
      });
      const reviews = (
        await walk<Record<string, any>>(emu.url, `/repos/acme/web/pulls/${node.number}/reviews?per_page=100`)
      ).items;
      expect(
        node.reviews.nodes.map((review: any) => [
          Number(review.fullDatabaseId),
          review.state,
          review.submittedAt,
        ]),
      ).toEqual(reviews.map((review) => [review.id, review.state, review.submitted_at]));
      const commits = (
        await walk<Record<string, any>>(emu.url, `/repos/acme/web/pulls/${node.number}/commits?per_page=100`)
      ).items;
      expect(node.commits.totalCount).toBe(commits.length);
      expect(node.commits.nodes.map((item: any) => [item.commit.oid, item.commit.authoredDate])).toEqual(
        commits.slice(0, 100).map((item: any) => [item.sha, item.commit.author.date]),
      );
      const timeline = (
        await walk<Record<string, any>>(
          emu.url,
          `/repos/acme/web/issues/${node.number}/timeline?per_page=100`,
        )
      ).items;
      expect(node.timelineItems.nodes.map((event: any) => event.createdAt)).toEqual(
        timeline.filter((event) => event.event === "ready_for_review").map((event) => event.created_at),
      );
    }
  });

  it("keyset cursors: a pull request updated mid-walk moves ahead of the cursor, the next page does not shift", async () => {
    const own = await startEmulator({ port: 0, seed: 8, repos: 1, scale: "small" });
    try {
      const query = `query($after: String) { repository(owner: "acme", name: "web") {
        pullRequests(first: 10, after: $after, orderBy: { field: UPDATED_AT, direction: DESC }) {
          pageInfo { endCursor } nodes { number } } } }`;
      const numbers = async (after: string | null) => {
        const reply = await graphql(own.url, query, { after });
        const connection = reply.data?.repository.pullRequests;
        return {
          numbers: connection.nodes.map((node: any) => node.number as number),
          end: connection.pageInfo.endCursor,
        };
      };
      const first = await numbers(null);
      const second = await numbers(first.end);
      const third = await numbers(second.end);
      own.admin.editPull("acme/web", third.numbers[0] as number, { title: "moved to the front" });
      const secondAgain = await numbers(first.end);
      expect(secondAgain.numbers).toEqual(second.numbers);
      const thirdAgain = await numbers(secondAgain.end);
      expect(thirdAgain.numbers).not.toContain(third.numbers[0]);
      expect(thirdAgain.numbers.slice(0, 9)).toEqual(third.numbers.slice(1));
      expect((await numbers(null)).numbers[0]).toBe(third.numbers[0]);
    } finally {
      await own.close();
    }
  });

  it("serves workflow runs' jobs and commits' checks as REST does: ids at the end of `url`, states, times", async () => {
    const runs = records(
      record((await get(emu.url, "/repos/acme/web/actions/runs?per_page=20")).body).workflow_runs,
    );
    const answer = await graphql(
      emu.url,
      `
        query ($ids: [ID!]!) {
          nodes(ids: $ids) {
            ... on WorkflowRun {
              url
              updatedAt
              checkSuite {
                checkRuns(first: 100, filterBy: { checkType: LATEST }) {
                  nodes {
                    url
                    name
                    status
                    conclusion
                    startedAt
                    completedAt
                  }
                }
              }
            }
          }
        }
      `,
      { ids: runs.map((run) => run.node_id) },
    );
    expect(answer.errors).toEqual([]);
    const jobsOf = async (run: Record<string, unknown>) =>
      records(
        record((await get(emu.url, `/repos/acme/web/actions/runs/${String(run.id)}/jobs?filter=latest`)).body)
          .jobs,
      );
    const asGraphql = (job: Record<string, unknown>) => ({
      url: job.html_url,
      name: job.name,
      status: String(job.status).toUpperCase(),
      conclusion: job.conclusion === null ? null : String(job.conclusion).toUpperCase(),
      startedAt: job.started_at,
      completedAt: job.completed_at,
    });
    for (const [index, run] of runs.entries()) {
      const node = answer.data?.nodes[index];
      expect(node.url).toBe(run.html_url);
      expect(node.updatedAt).toBe(run.updated_at);
      const jobs = await jobsOf(run);
      expect(jobs.length).toBeGreaterThan(0);
      expect(new Set(node.checkSuite.checkRuns.nodes.map((job: any) => JSON.stringify(job)))).toEqual(
        new Set(jobs.map((job) => JSON.stringify(asGraphql(job)))),
      );
      for (const job of jobs) expect(String(job.html_url)).toMatch(new RegExp(`/${String(job.id)}$`));
    }

    // A commit's suites: one per run of its sha, each its run's check suite.
    const sha = String(runs[0]?.head_sha);
    const suites = records(
      record((await get(emu.url, `/repos/acme/web/commits/${sha}/check-suites`)).body).check_suites,
    );
    const commit = await graphql(
      emu.url,
      `
        query ($sha: GitObjectID!) {
          repository(owner: "acme", name: "web") {
            object(oid: $sha) {
              ... on Commit {
                checkSuites(first: 10) {
                  nodes {
                    status
                    conclusion
                    app {
                      slug
                    }
                    branch {
                      name
                    }
                    workflowRun {
                      url
                    }
                  }
                }
              }
            }
          }
        }
      `,
      { sha },
    );
    expect(commit.errors).toEqual([]);
    const byRun = new Map(runs.map((run) => [run.html_url, run.check_suite_id]));
    expect(
      commit.data?.repository.object.checkSuites.nodes.map((suite: any) => byRun.get(suite.workflowRun.url)),
    ).toEqual(suites.map((suite) => suite.id));
    expect(commit.data?.repository.object.checkSuites.nodes[0]).toMatchObject({
      status: String(suites[0]?.status).toUpperCase(),
      app: { slug: "github-actions" },
      branch: { name: suites[0]?.head_branch },
    });
    const unknown = await graphql(
      emu.url,
      `{ repository(owner: "acme", name: "web") { object(oid: "${"0".repeat(40)}") { oid } } }`,
    );
    expect(unknown.data?.repository.object).toBeNull();
  });

  it("answers GitHub's error for a check run's databaseId past 2^31 (a 32-bit Int), as GitHub does", async () => {
    const [run] = records(
      record((await get(emu.url, "/repos/acme/web/actions/runs?per_page=1")).body).workflow_runs,
    );
    const answer = await graphql(
      emu.url,
      `
        query ($id: ID!) {
          node(id: $id) {
            ... on WorkflowRun {
              checkSuite {
                checkRuns(first: 1) {
                  nodes {
                    databaseId
                  }
                }
              }
            }
          }
        }
      `,
      { id: run?.node_id },
    );
    expect(answer.errors[0]?.message).toMatch(/Int cannot represent non 32-bit signed integer value/);
  });

  it("charges its own budget, apart from REST's, with GitHub's headers", async () => {
    const token = "graphql-budget-token";
    const rest = await get(emu.url, "/repos/acme/web", { token });
    expect(rest.headers.get("x-ratelimit-resource")).toBe("core");
    const reply = await graphql(emu.url, PULLS, {}, token);
    expect(reply.headers.get("x-ratelimit-resource")).toBe("graphql");
    // 50 pull requests, each with 3 connections: (1 + 150) / 100 → 2 points.
    expect(reply.data?.rateLimit).toMatchObject({ cost: 2, used: 2, remaining: 4_998, limit: 5_000 });
    expect(reply.headers.get("x-ratelimit-used")).toBe("2");
    const overview = (await get(emu.url, "/rate_limit", { token })).body as any;
    expect(overview.resources.core.used).toBe(1);
    expect(overview.resources.graphql).toMatchObject({ used: 2, remaining: 4_998 });
    expect(emu.admin.requestStats()[token]).toMatchObject({ counted: 1, graphql_points: 2 });
  });

  it("answers RATE_LIMITED with remaining 0 once a query costs more than is left", async () => {
    const own = await startEmulator({ port: 0, seed: 7, repos: 1, graphqlRateLimit: 3 });
    try {
      expect((await graphql(own.url, PULLS)).errors).toEqual([]);
      const refused = await graphql(own.url, PULLS);
      expect(refused.status).toBe(200);
      expect(refused.errors).toEqual([expect.objectContaining({ type: "RATE_LIMITED" })]);
      expect(refused.headers.get("x-ratelimit-remaining")).toBe("0");
      expect(own.admin.requestStats()[TOKEN]?.graphql_points).toBe(2);
    } finally {
      await own.close();
    }
  });

  it("gives up like GitHub's 10 s on a query of too many nodes: a 502, nothing charged", async () => {
    const own = await startEmulator({ port: 0, seed: 7, repos: 1, graphqlTimeoutNodes: 1_000 });
    try {
      const reply = await graphql(own.url, PULLS);
      expect(reply.status).toBe(502);
      expect(reply.errors[0]?.message).toMatch(/^Something went wrong while executing your query/);
      expect(reply.headers.get("x-ratelimit-remaining")).toBeNull();
      expect(own.admin.requestStats()[TOKEN]).toMatchObject({ graphql_points: 0, faults: 1 });
    } finally {
      await own.close();
    }
  });

  it("spells a bot's login without [bot], as GitHub's GraphQL does", async () => {
    const bots = await graphql(
      emu.url,
      `
        {
          repository(owner: "acme", name: "web") {
            pullRequests(first: 100) {
              nodes {
                author {
                  __typename
                  login
                }
              }
            }
          }
        }
      `,
    );
    const authors = bots.data?.repository.pullRequests.nodes.map((node: any) => node.author);
    expect(authors).toContainEqual({ __typename: "Bot", login: "dependabot" });
    expect(authors.some((author: any) => author.login.endsWith("[bot]"))).toBe(false);
  });

  it("answers GitHub's errors: NOT_FOUND, a node that resolves to nothing, a field it does not implement", async () => {
    const missing = await graphql(
      emu.url,
      `
        {
          repository(owner: "acme", name: "nope") {
            name
          }
        }
      `,
    );
    expect(missing.data).toEqual({ repository: null });
    expect(missing.errors).toEqual([
      expect.objectContaining({
        type: "NOT_FOUND",
        path: ["repository"],
        message: "Could not resolve to a Repository with the name 'acme/nope'.",
      }),
    ]);
    const web = (await get(emu.url, "/repos/acme/web")).body as any;
    const nodes = await graphql(
      emu.url,
      `
        query ($ids: [ID!]!) {
          nodes(ids: $ids) {
            id
            ... on Repository {
              name
            }
          }
        }
      `,
      {
        ids: [web.node_id, "MDExOlB1bGxSZXF1ZXN0MQ=="],
      },
    );
    expect(nodes.data?.nodes).toEqual([{ id: web.node_id, name: "web" }, null]);
    expect(nodes.errors).toEqual([expect.objectContaining({ type: "NOT_FOUND", path: ["nodes", 1] })]);
    const unimplemented = await graphql(
      emu.url,
      `
        {
          repository(owner: "acme", name: "web") {
            name
            stargazerCount
          }
        }
      `,
    );
    expect(unimplemented.errors).toEqual([
      expect.objectContaining({
        message: "Field 'Repository.stargazerCount' is not implemented by the ghsync emulator",
        path: ["repository", "stargazerCount"],
      }),
    ]);
    const invalid = await graphql(
      emu.url,
      `
        {
          repository(owner: "acme", name: "web") {
            stars
          }
        }
      `,
    );
    expect(invalid.errors[0]?.message).toContain("stars");
  });

  it("wants a token, serves /api/graphql too, and answers 404 where GraphQL is off", async () => {
    const anonymous = await fetch(`${emu.url}/graphql`, {
      method: "POST",
      body: JSON.stringify({ query: "{ viewer { login } }" }),
    });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { message: string }).message).toBe(
      "This endpoint requires you to be authenticated.",
    );
    expect(
      (await graphql(emu.url, "{ viewer { login } }", {}, TOKEN, "/api/graphql")).data?.viewer.login,
    ).toBeTruthy();
    const off = await startEmulator({ port: 0, seed: 7, repos: 1, graphql: false });
    try {
      expect((await graphql(off.url, "{ viewer { login } }")).status).toBe(404);
    } finally {
      await off.close();
    }
  });
});
