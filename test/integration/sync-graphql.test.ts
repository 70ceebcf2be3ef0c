/**
 * Pull requests collected with GraphQL (`--api graphql`) against the emulator's /graphql, which
 * executes queries on GitHub's public schema with GitHub's cost rules: the same rows as REST
 * collection, every table compared; fewer points; switching APIs keeps the checkpoint; smaller
 * pages when GitHub gives up on a query. Points counted under faults, resuming page by page,
 * `auto` falling back to REST and the budget's wait: sync-graphql-resilience.test.ts (a file of
 * its own, so that the two run in parallel).
 */
import { describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import type { Database } from "../../src/store/database.js";
import { mirrorCounts } from "../../src/store/stats.js";
import { graphqlWorlds, TOKEN } from "../helpers/graphql-worlds.js";
import { mirrorTables } from "../helpers/mirror-tables.js";
import { walkOrganization } from "../helpers/walk-github.js";

/** A deployment's statuses (collect-deployments.ts), read with REST whichever API is asked for. */
const STATUSES_URL = /\/deployments\/\d+\/statuses/;
/** A run's jobs, a commit's checks by sha: REST's requests per run or commit, which GraphQL batches. */
const PER_COMMIT_OR_RUN_URL = /\/actions\/runs\/\d+\/jobs|\/commits\/[0-9a-f]{40}\/check-(runs|suites)/;

/** Asks someone not asked before for a review of the pull request (the first account that is new). */
function requestNewReviewer(emu: RunningEmulator, repo: string, number: number): void {
  const logins = new Set([
    ...emu.admin.pulls(repo).map((pull) => pull.author_login),
    ...emu.admin.reviews(repo).map((review) => review.user_login),
  ]);
  for (const login of logins) {
    try {
      emu.admin.requestReviewers(repo, number, { reviewers: [login] });
      return;
    } catch {
      // Its author, or asked already: the next one.
    }
  }
  throw new Error(`nobody new to ask for a review of ${repo}#${number}`);
}

describe("pull requests with GraphQL", () => {
  const { emulator, database, sync, charged } = graphqlWorlds();
  it("writes the rows REST writes, every table, in a backfill and after changes; for fewer points", async () => {
    const emu = await emulator();
    const [rest, graphql] = [await database(), await database()];
    // Deployment statuses are REST's either way (GraphQL gives them no REST id): counted apart.
    const delivery = { rest: 0, graphql: 0 };
    const perCommitOrRun = { rest: 0, graphql: 0 };
    const counting =
      (api: "rest" | "graphql"): typeof fetch =>
      async (input, init) => {
        const response = await fetch(input, init);
        if (response.status === 200 && STATUSES_URL.test(String(input))) delivery[api]++;
        if (PER_COMMIT_OR_RUN_URL.test(String(input))) perCommitOrRun[api]++;
        return response;
      };
    const byRest = await sync(rest, emu.url, "rest", { fetch: counting("rest") });
    const before = charged(emu);
    const byGraphql = await sync(graphql, emu.url, "graphql", { fetch: counting("graphql") });
    expect(charged(emu) - before).toBe(byGraphql.points_used);
    const tables = await mirrorTables(graphql.db);
    expect(tables).toEqual(await mirrorTables(rest.db));
    const events = (db: Database) =>
      mirrorTables(db.db).then(
        (all) => new Set(all.pull_request_events?.map((row) => (JSON.parse(row) as { event: string }).event)),
      );
    expect((await events(graphql)).size).toBeGreaterThan(0);
    const truth = await walkOrganization(emu.url, "acme");
    expect(await mirrorCounts(graphql.db, { org: "acme" })).toEqual(truth.counts);
    expect(byGraphql.reviews).toBe(byRest.reviews);
    expect(byGraphql.pull_requests).toBe(byRest.pull_requests);
    expect(delivery.graphql).toBe(delivery.rest);
    expect(byGraphql.points_used - delivery.graphql).toBeLessThan((byRest.points_used - delivery.rest) / 2);
    // Jobs and the checks of commits by sha are GraphQL's: no REST request for them.
    expect(perCommitOrRun.graphql).toBe(0);
    expect(perCommitOrRun.rest).toBeGreaterThan(50);

    // Changes: a review on an open pull request, a merge, a new draft.
    const open = emu.admin
      .pulls("acme/web")
      .filter((pull) => pull.state === "open" && !pull.draft)
      .map((pull) => pull.number);
    emu.admin.addReview("acme/web", open[0] as number, { state: "APPROVED" });
    emu.admin.mergePull("acme/web", open[1] as number);
    emu.admin.openPull("acme/api", { draft: true });
    // And every timeline event kind metrics need, on another open pull request.
    const other = open[2] as number;
    emu.admin.editPull("acme/web", other, { labels: ["bug"] });
    emu.admin.editPull("acme/web", other, { labels: [] });
    emu.admin.closePull("acme/web", other);
    emu.admin.reopenPull("acme/web", other);
    requestNewReviewer(emu, "acme/web", other);
    emu.admin.editPull("acme/web", other, { draft: true });
    emu.admin.editPull("acme/web", other, { draft: false });
    emu.admin.pushToPull("acme/web", other, { force: true });
    // More than 100 events on one pull request: GraphQL reads the rest with its follow-up query,
    // REST the timeline's later pages.
    const busy = open[3] as number;
    for (let i = 0; i < 60; i++) emu.admin.editPull("acme/web", busy, { labels: [`triage-${i}`] });
    // Changes a second older than the run that reads them: GitHub stamps whole seconds, so what is
    // stamped in the second of a read is read again by the next run, which would then not be idle.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const again = {
      rest: await sync(rest, emu.url, "rest"),
      graphql: await sync(graphql, emu.url, "graphql"),
    };
    expect(again.graphql.reviews).toBe(1);
    expect(await mirrorTables(graphql.db)).toEqual(await mirrorTables(rest.db));
    // The timeline events of both APIs, keyed by the same node ids.
    const busyEvents = (await mirrorTables(graphql.db)).pull_request_events?.filter(
      (row) => (JSON.parse(row) as { pull_request_number: number }).pull_request_number === busy,
    );
    expect(busyEvents?.length).toBeGreaterThan(110);
    expect(await events(graphql)).toEqual(
      new Set([
        "labeled",
        "unlabeled",
        "reopened",
        "review_requested",
        "ready_for_review",
        "convert_to_draft",
        "head_ref_force_pushed",
      ]),
    );

    // Nothing changed: the REST polls answer 304, GraphQL is not asked.
    const idle = await sync(graphql, emu.url, "graphql");
    expect(idle.points_used).toBe(0);
  });

  it("switching --api keeps the checkpoint: a REST mirror is brought current by GraphQL, and back", async () => {
    const emu = await emulator({ repos: 1 });
    const [switching, graphqlOnly] = [await database(), await database()];
    await sync(switching, emu.url, "rest");
    await sync(graphqlOnly, emu.url, "graphql");
    const [open] = emu.admin.pulls("acme/web").filter((pull) => pull.state === "open" && !pull.draft);
    emu.admin.addReview("acme/web", open?.number as number, { state: "CHANGES_REQUESTED" });
    emu.admin.openPull("acme/web");
    const caughtUp = await sync(switching, emu.url, "graphql");
    // Only what changed is read: a GraphQL page down to the REST walk's high-water mark.
    expect(caughtUp).toMatchObject({ pull_requests: 2, reviews: 1 });
    await sync(graphqlOnly, emu.url, "graphql");
    expect(await mirrorTables(switching.db)).toEqual(await mirrorTables(graphqlOnly.db));
    emu.admin.mergePull("acme/web", open?.number as number);
    for (const db of [switching, graphqlOnly]) await sync(db, emu.url, "rest");
    expect(await mirrorTables(switching.db)).toEqual(await mirrorTables(graphqlOnly.db));
    const truth = await walkOrganization(emu.url, "acme");
    expect(await mirrorCounts(switching.db, { org: "acme" })).toEqual(truth.counts);
  });

  it("asks GitHub for smaller pages when it gives up on a query, and ends equal to the truth", async () => {
    // GitHub's 10 s, modelled by nodes: a page of 100 pull requests with their reviews is too much.
    const emu = await emulator({ repos: 1, graphqlTimeoutNodes: 4_000 });
    const db = await database();
    const summary = await sync(db, emu.url, "graphql");
    const truth = await walkOrganization(emu.url, "acme");
    expect(await mirrorCounts(db.db, { org: "acme" })).toEqual(truth.counts);
    expect(emu.admin.requestStats()[TOKEN]?.faults).toBeGreaterThan(0);
    expect(summary.points_used).toBe(charged(emu));
  });
});
