import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/store/database.js";
import { commits, issues, repositories } from "../../src/store/schema.js";
import { markCommitsOffBranch, markDeleted } from "../../src/store/tombstones.js";
import { upsertRows } from "../../src/store/upsert.js";
import { freshDatabase } from "../helpers/databases.js";

const t = (iso: string) => new Date(iso);

function repo(id: number, name: string, updatedAt: string) {
  return { id, ownerId: 1, owner: "acme", name, fullName: `acme/${name}`, updatedAt: t(updatedAt) };
}

function issue(id: number, title: string, updatedAt: string) {
  return {
    id,
    repositoryId: 10,
    number: id,
    title,
    state: "open",
    createdAt: t("2026-01-01T00:00:00Z"),
    updatedAt: t(updatedAt),
  };
}

describe("store upserts", () => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  const upsertRepos = (rows: ReturnType<typeof repo>[]) =>
    upsertRows(database.db, repositories, rows, {
      key: [repositories.id],
      freshness: repositories.updatedAt,
    });
  const upsertIssues = (rows: ReturnType<typeof issue>[]) =>
    upsertRows(database.db, issues, rows, { key: [issues.id], freshness: issues.updatedAt });

  it("keys rows by GitHub id, not name: a rename updates the same row", async () => {
    await upsertRepos([repo(101, "web", "2026-01-01T00:00:00Z")]);
    await upsertRepos([repo(101, "website", "2026-01-02T00:00:00Z")]);
    const rows = await database.db.select().from(repositories).where(eq(repositories.id, 101));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.fullName).toBe("acme/website");
  });

  it("never lets data with an older updated_at overwrite a newer row", async () => {
    await upsertIssues([issue(1, "newer title", "2026-02-02T00:00:00Z")]);
    const written = await upsertIssues([issue(1, "older title", "2026-02-01T00:00:00Z")]);
    expect(written).toBe(0);
    const [row] = await database.db.select().from(issues).where(eq(issues.id, 1));
    expect(row?.title).toBe("newer title");
  });

  it("lets the later arrival win when updated_at is equal", async () => {
    await upsertIssues([issue(2, "first", "2026-02-02T00:00:00Z")]);
    await upsertIssues([issue(2, "second", "2026-02-02T00:00:00Z")]);
    const [row] = await database.db.select().from(issues).where(eq(issues.id, 2));
    expect(row?.title).toBe("second");
  });

  it("keeps local columns (tracked, sync depth) through an upsert of GitHub data", async () => {
    await upsertRepos([repo(102, "api", "2026-01-01T00:00:00Z")]);
    await database.db
      .update(repositories)
      .set({ tracked: true, syncDepth: "full" })
      .where(eq(repositories.id, 102));
    await upsertRepos([repo(102, "api", "2026-01-03T00:00:00Z")]);
    const [row] = await database.db.select().from(repositories).where(eq(repositories.id, 102));
    expect(row).toMatchObject({ tracked: true, syncDepth: "full" });
  });

  it("writes large batches once and a rerun adds no duplicates", async () => {
    const rows = Array.from({ length: 2_500 }, (_, i) => ({
      repositoryId: 7,
      sha: i.toString(16).padStart(40, "0"),
      message: `commit ${i}`,
      committedAt: t("2026-03-01T00:00:00Z"),
    }));
    expect(await upsertRows(database.db, commits, rows, { key: [commits.repositoryId, commits.sha] })).toBe(
      2_500,
    );
    await upsertRows(database.db, commits, rows, { key: [commits.repositoryId, commits.sha] });
    const result = await database.db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(commits)
      .where(eq(commits.repositoryId, 7));
    expect(result[0]?.n).toBe(2_500);
  });

  it("tombstones deletions; only strictly newer data brings a row back", async () => {
    await upsertIssues([issue(3, "to delete", "2026-02-01T00:00:00Z")]);
    expect(await markDeleted(database.db, issues, [3], t("2026-02-05T00:00:00Z"))).toBe(1);
    await upsertIssues([issue(3, "stale page", "2026-02-01T00:00:00Z")]);
    let [row] = await database.db.select().from(issues).where(eq(issues.id, 3));
    expect(row?.deletedAt).toEqual(t("2026-02-05T00:00:00Z"));
    expect(row?.title).toBe("to delete");

    await upsertIssues([issue(3, "restored", "2026-02-06T00:00:00Z")]);
    [row] = await database.db.select().from(issues).where(eq(issues.id, 3));
    expect(row?.deletedAt).toBeNull();
    expect(row?.title).toBe("restored");
  });

  it("marks force-pushed commits off the default branch instead of deleting them", async () => {
    const rows = ["a", "b", "c"].map((c) => ({ repositoryId: 8, sha: c.repeat(40), message: c }));
    await upsertRows(database.db, commits, rows, { key: [commits.repositoryId, commits.sha] });
    expect(await markCommitsOffBranch(database.db, 8, ["c".repeat(40)])).toBe(1);
    const stored = await database.db.select().from(commits).where(eq(commits.repositoryId, 8));
    expect(stored).toHaveLength(3);
    expect(stored.filter((c) => !c.onDefaultBranch).map((c) => c.sha)).toEqual(["c".repeat(40)]);
  });

  it("returns GitHub ids as numbers on both drivers", async () => {
    const big = 2 ** 40 + 3;
    await upsertRepos([repo(big, "big", "2026-01-01T00:00:00Z")]);
    const [row] = await database.db.select().from(repositories).where(eq(repositories.id, big));
    expect(row?.id).toBe(big);
    expect(typeof row?.id).toBe("number");
  });
});
