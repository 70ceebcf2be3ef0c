/**
 * The list endpoints over an emulator organization synced into PostgreSQL: every page walk
 * (small pages) lists exactly the rows a direct SQL query finds — no duplicate, no omission —
 * with each filter; the numbers of the person and repository metrics equal the rows their
 * drill-down lists (counts and medians); CSV exports read back to the JSON rows; tombstoned rows
 * are left out; 401 without a token and 400 for a cursor the API did not give.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { distribution } from "../../src/metrics/distribution.js";
import type { Database } from "../../src/store/database.js";
import { queryRows } from "../../src/store/raw-query.js";
import { userGithubAccounts, users } from "../../src/store/schema.js";
import { freshDatabase } from "../helpers/databases.js";
import { csvRecords } from "../helpers/parse-csv.js";
import { startTestServer, type TestServer } from "../helpers/server-harness.js";
import { syncOrg, testClient } from "../helpers/sync-harness.js";

interface Page {
  items: Record<string, unknown>[];
  next_cursor: string | null;
}

describe("list endpoints of mirrored rows", () => {
  let emulator: RunningEmulator;
  let database: Database;
  let server: TestServer;
  let repo: { id: number; full_name: string };
  let person: { login: string; github: string; accountId: number };

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 7, repos: 2, scale: "small" });
    database = await freshDatabase();
    await syncOrg(database.db, testClient(emulator.url), "acme");
    server = await startTestServer({}, database);
    const [first] = await queryRows<{ id: string; full_name: string }>(
      database.db,
      sql`select id, full_name from repositories where deleted_at is null order by full_name limit 1`,
    );
    repo = { id: Number(first?.id), full_name: String(first?.full_name) };
    // The most prolific PR author who is not a bot: a person with one linked account.
    const [author] = await queryRows<{ author_id: string; login: string }>(
      database.db,
      sql`select p.author_id, a.login from pull_requests p join accounts a on a.id = p.author_id
          where a.type <> 'Bot' and a.login not like '%[bot]'
          group by 1, 2 order by count(*) desc, 2 limit 1`,
    );
    const [user] = await database.db
      .insert(users)
      .values({ login: "lister", timezone: "Europe/Paris" })
      .returning();
    await database.db.insert(userGithubAccounts).values({
      userId: user?.id ?? 0,
      login: String(author?.login),
      accountId: Number(author?.author_id),
    });
    person = { login: "lister", github: String(author?.login), accountId: Number(author?.author_id) };
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await database?.close();
    await emulator?.close();
  });

  const base = () => `/api/repos/${repo.full_name}`;

  /** Every page of a list, `limit` rows at a time, checking each page's size. */
  async function walk(path: string, limit = 7): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 1_000; pages++) {
      const separator = path.includes("?") ? "&" : "?";
      const next: string = cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`;
      const response = await server.api(`${path}${separator}limit=${limit}${next}`);
      expect(response.status, `${path}: ${await response.clone().text()}`).toBe(200);
      const page = (await response.json()) as Page;
      expect(page.items.length).toBeLessThanOrEqual(limit);
      if (page.next_cursor !== null) expect(page.items).toHaveLength(limit);
      items.push(...page.items);
      cursor = page.next_cursor;
      if (cursor === null) return items;
    }
    throw new Error(`${path}: more than 1,000 pages`);
  }

  const ids = async (query: ReturnType<typeof sql>) =>
    (await queryRows<{ id: string | number }>(database.db, query)).map((row) => Number(row.id));

  const window = async () => {
    const response = await server.api(`/api/metrics/repos/${repo.full_name}`);
    return (await response.json()) as {
      from: string;
      to: string;
      commits: number;
      reviews: number;
      prs_opened: number;
      prs_merged: number;
      merged_without_review: number;
      cycle_time_hours: { count: number; median: number | null; p90: number | null };
      pickup_time_hours: { count: number; median: number | null };
      review_time_hours: { count: number; median: number | null };
      pr_size: { count: number; median: number | null };
      issues: { open: number; open_over_sla: number; open_by_severity: Record<string, number> };
    };
  };

  it("walks a repository's pull requests page by page: exactly the live rows, newest first", async () => {
    const listed = (await walk(`${base()}/pulls`)).map((item) => item.id);
    const truth = await ids(
      sql`select id from pull_requests where repository_id = ${repo.id} and deleted_at is null order by id desc`,
    );
    expect(truth.length).toBeGreaterThan(7);
    expect(listed).toEqual(truth);
  });

  it("filters pull requests by state, author and merge time, as SQL does", async () => {
    const metrics = await window();
    const path = `${base()}/pulls?state=merged&date=merged&since=${metrics.from}&until=${metrics.to}`;
    const listed = (await walk(path, 5)).map((item) => item.id);
    const truth = await ids(
      sql`select id from pull_requests where repository_id = ${repo.id} and deleted_at is null
          and merged_at >= ${metrics.from}::timestamptz and merged_at < ${metrics.to}::timestamptz order by id desc`,
    );
    expect(listed).toEqual(truth);
    const open = (await walk(`${base()}/pulls?state=open&author=${person.github}`)).map((i) => i.id);
    expect(open).toEqual(
      await ids(
        sql`select id from pull_requests where repository_id = ${repo.id} and deleted_at is null
            and state = 'open' and author_id = ${person.accountId} order by id desc`,
      ),
    );
  });

  it("walks commits (default branch, newest commit time first) across pages sharing timestamps", async () => {
    const listed = (await walk(`${base()}/commits`, 6)).map((item) => item.sha);
    const truth = await queryRows<{ sha: string }>(
      database.db,
      sql`select sha from commits where repository_id = ${repo.id} and on_default_branch
          order by committed_at desc, sha desc`,
    );
    expect(truth.length).toBeGreaterThan(6);
    expect(listed).toEqual(truth.map((row) => row.sha));
  });

  it("walks reviews and comments, and filters them by author and issue", async () => {
    const reviews = (await walk(`${base()}/reviews`)).map((item) => item.id);
    expect(reviews).toEqual(
      await ids(
        sql`select rv.id from pull_request_reviews rv join pull_requests p on p.id = rv.pull_request_id
            where rv.repository_id = ${repo.id} and rv.deleted_at is null and p.deleted_at is null order by rv.id desc`,
      ),
    );
    const comments = await walk(`${base()}/comments`);
    expect(comments.map((item) => item.id)).toEqual(
      await ids(
        sql`select id from issue_comments where repository_id = ${repo.id} and deleted_at is null order by id desc`,
      ),
    );
    const first = comments[0] as { issue_number: number; author_login: string };
    const onIssue = await walk(`${base()}/comments?issue=${first.issue_number}&author=${first.author_login}`);
    expect(onIssue.length).toBeGreaterThan(0);
    expect(
      onIssue.every(
        (item) => item.issue_number === first.issue_number && item.author_login === first.author_login,
      ),
    ).toBe(true);
  });

  it("lists what a repository's numbers count: merged PRs and their cycle time, pickups, reviews, commits", async () => {
    const metrics = await window();
    const range = `since=${metrics.from}&until=${metrics.to}`;
    const merged = await walk(`${base()}/pulls?state=merged&date=merged&${range}`);
    for (const count of [metrics.prs_merged, metrics.prs_opened, metrics.reviews, metrics.commits])
      expect(count).toBeGreaterThan(0);
    expect(merged).toHaveLength(metrics.prs_merged);
    const values = (key: string, rows: Record<string, unknown>[]) =>
      rows.map((row) => row[key] as number | null);
    expect(distribution(values("cycle_time_hours", merged))).toMatchObject(metrics.cycle_time_hours);
    expect(distribution(values("review_time_hours", merged))).toMatchObject(metrics.review_time_hours);
    expect(distribution(values("size", merged))).toMatchObject(metrics.pr_size);
    const unreviewed = await walk(`${base()}/pulls?state=merged&date=merged&reviewed=false&${range}`);
    expect(unreviewed).toHaveLength(metrics.merged_without_review);
    expect(metrics.merged_without_review).toBeGreaterThan(0);
    expect(unreviewed.every((row) => row.review_time_hours === null)).toBe(true);
    const reviewed = await walk(`${base()}/pulls?state=merged&date=merged&reviewed=true&${range}`);
    expect(reviewed.length + unreviewed.length).toBe(metrics.prs_merged);
    const picked = await walk(`${base()}/pulls?date=first_review&${range}`);
    expect(distribution(values("pickup_time_hours", picked))).toMatchObject(metrics.pickup_time_hours);
    expect(metrics.pickup_time_hours.count).toBeGreaterThan(0);
    expect(await walk(`${base()}/pulls?date=created&${range}`)).toHaveLength(metrics.prs_opened);
    expect(await walk(`${base()}/reviews?others_only=true&${range}`)).toHaveLength(metrics.reviews);
    expect(await walk(`${base()}/commits?${range}`, 50)).toHaveLength(metrics.commits);
  });

  it("lists a repository's open issues by severity and over their SLA as the triage counts them", async () => {
    const metrics = await window();
    expect(metrics.issues.open).toBeGreaterThan(0);
    expect(await walk(`${base()}/issues?state=open`)).toHaveLength(metrics.issues.open);
    expect(await walk(`${base()}/issues?state=open&sla_breached=true`)).toHaveLength(
      metrics.issues.open_over_sla,
    );
    for (const [severity, count] of Object.entries(metrics.issues.open_by_severity)) {
      const listed = await walk(`${base()}/issues?state=open&severity=${severity}`, 3);
      expect(listed, severity).toHaveLength(count);
    }
  });

  it("rolls a repository's numbers up per team, each number the rows its team filter lists", async () => {
    const response = await server.api(`/api/metrics/repos/${repo.full_name}/teams`);
    expect(response.status).toBe(200);
    const rollup = (await response.json()) as {
      from: string;
      to: string;
      items: {
        team: string;
        members: number;
        commits: number;
        prs_opened: number;
        prs_merged: number;
        cycle_time_hours: { median: number | null };
      }[];
    };
    const [mirrored] = await queryRows<{ n: string }>(
      database.db,
      sql`select count(*) as n from teams where deleted_at is null`,
    );
    expect(rollup.items).toHaveLength(Number(mirrored?.n));
    expect(rollup.items.some((team) => team.prs_merged > 0)).toBe(true);
    const range = `since=${rollup.from}&until=${rollup.to}`;
    for (const team of rollup.items) {
      const merged = await walk(`${base()}/pulls?team=${team.team}&state=merged&date=merged&${range}`, 20);
      expect(merged, team.team).toHaveLength(team.prs_merged);
      expect(distribution(merged.map((row) => row.cycle_time_hours as number | null)).median).toBe(
        team.cycle_time_hours.median,
      );
      expect(await walk(`${base()}/pulls?team=${team.team}&${range}`, 20)).toHaveLength(team.prs_opened);
      expect(await walk(`${base()}/commits?team=${team.team}&${range}`, 50)).toHaveLength(team.commits);
    }
  });

  it("lists what a person's numbers count, across repositories", async () => {
    const response = await server.api(`/api/metrics/users/${person.login}`);
    const metrics = (await response.json()) as {
      from: string;
      to: string;
      commits: number;
      prs_opened: number;
      prs_merged: number;
      reviews_given: number;
      cycle_time_hours: { count: number; median: number | null };
    };
    const range = `since=${metrics.from}&until=${metrics.to}`;
    const people = `/api/users/${person.login}`;
    const merged = await walk(`${people}/pulls?state=merged&date=merged&${range}`);
    for (const count of [metrics.prs_merged, metrics.prs_opened, metrics.reviews_given, metrics.commits])
      expect(count).toBeGreaterThan(0);
    expect(merged).toHaveLength(metrics.prs_merged);
    expect(distribution(merged.map((row) => row.cycle_time_hours as number | null))).toMatchObject(
      metrics.cycle_time_hours,
    );
    expect(await walk(`${people}/pulls?${range}`)).toHaveLength(metrics.prs_opened);
    expect(await walk(`${people}/commits?date=authored&${range}`, 20)).toHaveLength(metrics.commits);
    expect(await walk(`${people}/reviews?others_only=true&${range}`)).toHaveLength(metrics.reviews_given);
    const all = (await walk(`${people}/pulls`, 20)).map((item) => item.id);
    expect(all).toEqual(
      await ids(
        sql`select p.id from pull_requests p join repositories r on r.id = p.repository_id
            where p.author_id = ${person.accountId} and p.deleted_at is null and r.deleted_at is null order by p.id desc`,
      ),
    );
    const inRepo = await walk(`${people}/pulls?repo=${repo.full_name}`, 20);
    expect(inRepo.every((item) => item.repository === repo.full_name)).toBe(true);
    expect(inRepo.length).toBeGreaterThan(0);
    expect(inRepo.length).toBeLessThan(all.length);
  });

  it("exports the whole filtered list as CSV that reads back to the JSON rows", async () => {
    const json = await server.api(`${base()}/pulls?format=json`);
    expect(json.headers.get("content-disposition")).toMatch(/attachment; filename=".+-pulls\.json"/);
    const exported = (await json.json()) as Page;
    expect(exported.next_cursor).toBeNull();
    const byParam = await server.api(`${base()}/pulls?format=csv`);
    const byAccept = await server.api(`${base()}/pulls`, { headers: { accept: "text/csv" } });
    expect(byParam.headers.get("content-type")).toMatch(/^text\/csv/);
    const text = await byParam.text();
    expect(await byAccept.text()).toBe(text);
    const records = csvRecords(text);
    expect(records).toHaveLength(exported.items.length);
    expect(records.map((record) => Number(record.id))).toEqual(exported.items.map((item) => item.id));
    const firstItem = exported.items[0] as Record<string, unknown>;
    expect(records[0]).toEqual(
      Object.fromEntries(
        Object.entries(firstItem).map(([key, value]) => [key, value === null ? "" : String(value)]),
      ),
    );
    const limited = await server.api(`${base()}/commits?format=csv&limit=3`);
    expect(csvRecords(await limited.text())).toHaveLength(3);
    expect(limited.headers.get("x-next-cursor")).toMatch(/_/);
  });

  it("guards a title a spreadsheet would run as a formula, and leaves tombstoned rows out", async () => {
    const [victim, gone] = await ids(
      sql`select id from pull_requests where repository_id = ${repo.id} and deleted_at is null order by id desc limit 2`,
    );
    await database.db.execute(
      sql`update pull_requests set title = '=HYPERLINK("http://evil")' where id = ${victim}`,
    );
    await database.db.execute(sql`update pull_requests set deleted_at = now() where id = ${gone}`);
    const records = csvRecords(await (await server.api(`${base()}/pulls?format=csv`)).text());
    expect(records.find((record) => Number(record.id) === victim)?.title).toBe(`'=HYPERLINK("http://evil")`);
    expect(records.some((record) => Number(record.id) === gone)).toBe(false);
    const page = (await (await server.api(`${base()}/pulls?limit=500`)).json()) as Page;
    expect(page.items.find((item) => item.id === victim)?.title).toBe('=HYPERLINK("http://evil")');
  });

  it("answers 401 without a token, 400 for a cursor it did not give, 404 for an unknown subject", async () => {
    for (const entity of ["commits", "pulls", "reviews", "comments", "issues"]) {
      const anonymous = await fetch(`${server.url}${base()}/${entity}`);
      expect(anonymous.status, entity).toBe(401);
      expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBeTruthy();
    }
    for (const entity of ["commits", "pulls", "reviews", "comments"])
      expect((await fetch(`${server.url}/api/users/${person.login}/${entity}`)).status).toBe(401);
    expect((await server.api(`${base()}/pulls?cursor=abc`)).status).toBe(400);
    expect((await server.api(`${base()}/commits?cursor=12`)).status).toBe(400);
    expect((await server.api(`${base()}/pulls?since=yesterday`)).status).toBe(400);
    expect((await server.api(`/api/repos/acme/nope/pulls`)).status).toBe(404);
    expect((await server.api(`/api/users/nobody-here/pulls`)).status).toBe(404);
  });

  it("answers one tracked repository's overview", async () => {
    await database.db.execute(sql`update repositories set tracked = false where id = ${repo.id}`);
    const untracked = await server.api(base());
    expect(untracked.status).toBe(404);
    expect(((await untracked.json()) as { error: { code: string } }).error.code).toBe("not_tracked");
    await database.db.execute(sql`update repositories set tracked = true where id = ${repo.id}`);
    const tracked = await server.api(base());
    expect(tracked.status).toBe(200);
    expect(((await tracked.json()) as { full_name: string }).full_name).toBe(repo.full_name);
  });
});
