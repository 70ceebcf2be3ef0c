/**
 * The delivery endpoints behave like the others: pagination with Link headers (total_count for
 * Actions lists), filters (`created` in GitHub's date syntax, branch, event, status, head_sha;
 * deployments by environment, sha, ref, task), ETag 304s that cost nothing, 404s, 301s for a
 * renamed repository, and a deleted run gone from all of them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import { get, parseLink, record, records, walk } from "./helpers.js";

const NOW = new Date("2026-11-20T12:00:00Z");
let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, repos: 6, seed: "delivery-routes", now: NOW });
});

afterAll(async () => {
  await emu.close();
});

/** Every run of `path` through its Link headers, with the total_count of the first page. */
async function allRuns(path: string): Promise<{ total: number; runs: Record<string, unknown>[] }> {
  const runs: Record<string, unknown>[] = [];
  let total = -1;
  let next: string | undefined = path;
  while (next) {
    const reply = await get(emu.url, next);
    expect(reply.status).toBe(200);
    const body = record(reply.body);
    if (total < 0) total = Number(body.total_count);
    runs.push(...records(body.workflow_runs));
    next = parseLink(reply.headers.get("link")).next;
  }
  return { total, runs };
}

describe("workflow runs", () => {
  it("pages newest first by id; total_count counts them all; Link uses /repositories/{id}", async () => {
    const truth = emu.admin.workflowRuns("acme/web");
    const { total, runs } = await allRuns("/repos/acme/web/actions/runs?per_page=7");
    expect(total).toBe(truth.length);
    expect(runs.map((run) => run.id)).toEqual(truth.map((run) => run.id).reverse());
    const first = await get(emu.url, "/repos/acme/web/actions/runs?per_page=7");
    const id = emu.admin.repository("acme/web").id;
    expect(parseLink(first.headers.get("link")).next).toBe(
      `${emu.url}/repositories/${id}/actions/runs?per_page=7&page=2`,
    );
  });

  it("created: >=, <, A..B, a day; branch, event, status (or conclusion), head_sha; 422 for a bad date", async () => {
    const truth = emu.admin.workflowRuns("acme/web");
    const created = (run: { created_at: string }) => Date.parse(run.created_at);
    const from = Date.parse("2026-10-01T00:00:00Z");
    const to = Date.parse("2026-11-01T00:00:00Z");
    const cases: [string, (run: (typeof truth)[number]) => boolean][] = [
      ["created=>=2026-10-01", (run) => created(run) >= from],
      ["created=<2026-10-01", (run) => created(run) < from],
      ["created=2026-10-01..2026-11-01", (run) => created(run) >= from && created(run) <= to],
      ["created=2026-10-15", (run) => run.created_at.startsWith("2026-10-15")],
      ["branch=main", (run) => run.head_branch === "main"],
      ["event=pull_request", (run) => run.event === "pull_request"],
      ["status=failure", (run) => run.conclusion === "failure"],
      ["status=completed", (run) => run.status === "completed"],
      [`head_sha=${truth[3]?.head_sha ?? ""}`, (run) => run.head_sha === truth[3]?.head_sha],
      ["event=push&created=>=2026-11-01", (run) => run.event === "push" && created(run) >= to],
    ];
    for (const [query, keep] of cases) {
      const { total, runs } = await allRuns(`/repos/acme/web/actions/runs?per_page=100&${query}`);
      const expected = truth
        .filter(keep)
        .map((run) => run.id)
        .reverse();
      expect(
        runs.map((run) => run.id),
        query,
      ).toEqual(expected);
      expect(total, query).toBe(expected.length);
    }
    expect((await get(emu.url, "/repos/acme/web/actions/runs?created=>=yesterday")).status).toBe(422);
  });

  it("a workflow's runs by id or file name; jobs latest or all; attempts; 404s", async () => {
    const truth = emu.admin.workflowRuns("acme/web");
    const ci = truth.filter((run) => run.workflow === "CI");
    const byFile = await allRuns("/repos/acme/web/actions/workflows/ci.yml/runs?per_page=100");
    expect(byFile.runs.map((run) => run.id)).toEqual(ci.map((run) => run.id).reverse());
    const rerun = truth.find((run) => run.run_attempt === 2);
    expect(rerun).toBeDefined();
    const latest = record((await get(emu.url, `/repos/acme/web/actions/runs/${rerun?.id}/jobs`)).body);
    const all = record(
      (await get(emu.url, `/repos/acme/web/actions/runs/${rerun?.id}/jobs?filter=all`)).body,
    );
    expect(records(latest.jobs).every((job) => job.run_attempt === 2)).toBe(true);
    expect(all.total_count).toBe(rerun?.jobs.length);
    const first = record((await get(emu.url, `/repos/acme/web/actions/runs/${rerun?.id}/attempts/1`)).body);
    expect([first.run_attempt, first.previous_attempt_url]).toEqual([1, null]);
    const second = record((await get(emu.url, `/repos/acme/web/actions/runs/${rerun?.id}`)).body);
    expect(second.previous_attempt_url).toMatch(/\/attempts\/1$/);
    expect((await get(emu.url, `/repos/acme/web/actions/runs/${rerun?.id}/attempts/3`)).status).toBe(404);
    expect((await get(emu.url, "/repos/acme/web/actions/workflows/nope.yml")).status).toBe(404);
  });

  it("a deleted run is gone: from the list and its total, 404 by id, its jobs with it", async () => {
    const before = await allRuns("/repos/acme/api/actions/runs?per_page=100");
    const victim = emu.admin.workflowRuns("acme/api").at(-1);
    if (!victim) throw new Error("acme/api has no workflow run");
    emu.admin.deleteWorkflowRun("acme/api", victim.id);
    const after = await allRuns("/repos/acme/api/actions/runs?per_page=100");
    expect(after.total).toBe(before.total - 1);
    expect(after.runs.map((run) => run.id)).not.toContain(victim.id);
    expect((await get(emu.url, `/repos/acme/api/actions/runs/${victim.id}`)).status).toBe(404);
    const job = victim.jobs[0];
    if (job) expect((await get(emu.url, `/repos/acme/api/actions/jobs/${job.id}`)).status).toBe(404);
  });
});

describe("deployments, releases, review comments", () => {
  it("deployments newest first, filtered by environment, sha, ref and task; statuses newest first", async () => {
    const truth = emu.admin.deployments("acme/web");
    const { items } = await walk(emu.url, "/repos/acme/web/deployments?per_page=30&environment=production");
    expect(items.map((d) => d.id)).toEqual(
      truth
        .filter((d) => d.environment === "production")
        .map((d) => d.id)
        .reverse(),
    );
    const sha = truth[0]?.sha ?? "";
    const bySha = await walk(emu.url, `/repos/acme/web/deployments?sha=${sha}`);
    expect(bySha.items.map((d) => d.id)).toEqual(
      truth
        .filter((d) => d.sha === sha)
        .map((d) => d.id)
        .reverse(),
    );
    expect((await walk(emu.url, "/repos/acme/web/deployments?task=nope")).items).toEqual([]);
    expect((await walk(emu.url, "/repos/acme/web/deployments?ref=main&per_page=100")).items).toHaveLength(
      truth.length,
    );
    const statuses = records(
      (await get(emu.url, `/repos/acme/web/deployments/${truth[0]?.id}/statuses`)).body,
    );
    expect(statuses.map((status) => status.id)).toEqual(
      truth[0]?.statuses.map((status) => status.id).reverse(),
    );
    expect((await get(emu.url, "/repos/acme/docs/deployments")).body).toEqual([]);
  });

  it("releases newest first (drafts with a token only), latest skips drafts and prereleases, tags", async () => {
    const truth = emu.admin.releases("acme/docs");
    const served = await walk(emu.url, "/repos/acme/docs/releases?per_page=4");
    expect(served.items).toHaveLength(truth.length);
    const anonymous = await walk(emu.url, "/repos/acme/docs/releases?per_page=100", { token: null });
    expect(anonymous.items).toHaveLength(truth.filter((release) => !release.draft).length);
    const latest = record((await get(emu.url, "/repos/acme/docs/releases/latest")).body);
    const expected = [...truth]
      .filter((release) => !release.draft && !release.prerelease)
      .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))[0];
    expect(latest.tag_name).toBe(expected?.tag_name);
    const tags = await walk(emu.url, "/repos/acme/docs/tags?per_page=100");
    expect(tags.items.map((tag) => tag.name).sort()).toEqual(
      truth
        .filter((release) => !release.draft)
        .map((release) => release.tag_name)
        .sort(),
    );
    expect((await get(emu.url, "/repos/acme/docs/releases/tags/v0.0.0")).status).toBe(404);
  });

  it("review comments: created ascending by default, updated descending, since", async () => {
    const truth = emu.admin.reviewComments("acme/web");
    const ascending = await walk(emu.url, "/repos/acme/web/pulls/comments?per_page=100");
    expect(ascending.items.map((c) => c.id)).toEqual(truth.map((c) => c.id));
    const since = truth[Math.floor(truth.length / 2)]?.updated_at ?? "";
    const recent = await walk(
      emu.url,
      `/repos/acme/web/pulls/comments?per_page=100&sort=updated&direction=desc&since=${since}`,
    );
    const expected = truth
      .filter((c) => c.updated_at >= since)
      .sort((a, b) => b.updated_at.localeCompare(a.updated_at) || b.id - a.id);
    expect(recent.items.map((c) => c.id)).toEqual(expected.map((c) => c.id));
    expect((await get(emu.url, "/repos/acme/web/pulls/comments?since=never")).status).toBe(422);
  });
});

describe("the pipeline", () => {
  it("ETags: a 304 for If-None-Match, free of charge; the ETag changes with the data", async () => {
    const paths = [
      "/repos/acme/web/actions/runs?per_page=5",
      "/repos/acme/web/deployments",
      "/repos/acme/web/releases",
      "/repos/acme/web/pulls/comments",
      "/orgs/acme/teams",
      "/repos/acme/web/environments",
    ];
    for (const path of paths) {
      const first = await get(emu.url, path);
      const etag = first.headers.get("etag") ?? "";
      expect(etag, path).toMatch(/^"/);
      const used = Number(first.headers.get("x-ratelimit-used"));
      const again = await get(emu.url, path, { headers: { "if-none-match": etag } });
      expect(again.status, path).toBe(304);
      expect(Number(again.headers.get("x-ratelimit-used"))).toBe(used);
    }
    const before = (await get(emu.url, "/repos/acme/web/deployments")).headers.get("etag");
    emu.admin.deploy("acme/web", { environment: "production" });
    const after = await get(emu.url, "/repos/acme/web/deployments", {
      headers: { "if-none-match": before ?? "" },
    });
    expect(after.status).toBe(200);
  });

  it("404 without the repository's data; 301 from an old name; private repositories need a token", async () => {
    expect((await get(emu.url, "/repos/acme/web/deployments/1")).status).toBe(404);
    expect((await get(emu.url, "/repos/acme/web/check-runs/1")).status).toBe(404);
    expect((await get(emu.url, "/repos/acme/web/pulls/comments/1")).status).toBe(404);
    expect((await get(emu.url, "/orgs/other/teams")).status).toBe(404);
    expect((await get(emu.url, "/orgs/acme/teams", { token: null })).status).toBe(404);
    expect((await get(emu.url, "/repos/acme/api/actions/runs", { token: null })).status).toBe(404);
    emu.admin.renameRepository("acme/design-system", "ui-kit");
    const moved = await get(emu.url, "/repos/acme/design-system/actions/runs?per_page=2");
    expect(moved.status).toBe(301);
    expect(moved.headers.get("location")).toMatch(/\/repositories\/\d+\/actions\/runs\?per_page=2$/);
  });
});
