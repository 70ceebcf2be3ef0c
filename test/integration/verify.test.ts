/**
 * `ghsync verify` (issue 15's done-when, through the CLI): after a full sync, an issue and a comment
 * deleted and `acme/docs` transferred to another owner — none of it announced by a webhook —
 * `ghsync sync --org acme` cannot see it (lists do not show what is gone), and `ghsync verify
 * --org acme` finds and repairs it: the mirror equals an independent walk of the emulator, the
 * transferred repository's rows are under its new name, and the report counts the deletions and
 * the move, and each repository keeps what its own verification found (the dashboard's row shows
 * it). A second verification finds nothing left to repair.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { openDatabase } from "../../src/store/database.js";
import { repositories } from "../../src/store/schema.js";
import { freshPostgres } from "../helpers/databases.js";
import { runCli } from "../helpers/run-cli.js";
import { walkOrganization } from "../helpers/walk-github.js";

describe("ghsync verify", () => {
  let emulator: RunningEmulator;
  let database: Awaited<ReturnType<typeof freshPostgres>>;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 7, repos: 5, scale: "small" });
    database = await freshPostgres();
    env = { GITHUB_API_URL: emulator.url, GITHUB_TOKEN: "verify-token", DATABASE_URL: database.url };
  });
  afterAll(async () => {
    await database?.drop();
    await emulator?.close();
  });

  it("finds deletions and a transfer no sync sees, repairs them, and reports them", async () => {
    expect((await runCli(["sync", "--org", "acme", "--full"], env)).code).toBe(0);
    const issue = emulator.admin.issues("acme/web").find((candidate) => candidate.comments === 0);
    const comment = emulator.admin.comments("acme/api")[0];
    if (!issue || !comment) throw new Error("an issue without comments and a comment expected");
    emulator.admin.deleteIssue("acme/web", issue.number);
    emulator.admin.deleteComment("acme/api", comment.id);
    const inline = emulator.admin.reviewComments("acme/api")[0];
    if (!inline) throw new Error("a review comment expected");
    emulator.admin.deleteReviewComment("acme/api", inline.id);
    emulator.admin.transferRepository("acme/docs", "other-org");

    expect((await runCli(["sync", "--org", "acme"], env)).code).toBe(0);
    const verified = await runCli(["verify", "--org", "acme", "--json"], env);
    expect(verified.stderr).toBe("");
    expect(verified.code).toBe(0);
    const report = JSON.parse(verified.stdout) as Record<string, number>;
    expect(report).toMatchObject({ repositories: 5, deleted: 3, moved: 1, missing: 0 });
    expect(report.checked).toBeGreaterThan(100);
    expect(report.requests).toBeGreaterThan(0);
    const last = await lastVerifications(database.url);
    expect(Object.keys(last)).toHaveLength(5);
    expect(last["acme/web"]).toMatchObject({ deleted: 1, moved: 0 });
    expect(last["acme/api"]).toMatchObject({ deleted: 2, moved: 0 });
    expect(last["other-org/docs"]).toMatchObject({ deleted: 0, moved: 1 });
    const checked = Object.values(last).reduce((sum, counts) => sum + Number(counts?.checked), 0);
    expect(checked).toBe(report.checked);

    const stats = JSON.parse((await runCli(["stats", "--org", "acme", "--json"], env)).stdout);
    expect(stats).toEqual((await walkOrganization(emulator.url, "acme")).counts);
    const moved = JSON.parse((await runCli(["stats", "other-org/docs", "--json"], env)).stdout);
    const { contributors: _served, ...truth } = emulator.admin.counts("other-org/docs");
    expect(moved).toMatchObject({ ...truth, repositories: 1 });

    const again = JSON.parse(
      (await runCli(["verify", "--org", "acme", "other-org/docs", "--json"], env)).stdout,
    );
    expect(again).toMatchObject({ deleted: 0, moved: 0, missing: 0, changed: 0 });
  });
});

/** Each mirrored repository's last verification, by full name. */
async function lastVerifications(url: string) {
  const database = await openDatabase({ kind: "postgres", url, poolSize: 1 }, { migrate: false });
  try {
    const rows = await database.db
      .select({ fullName: repositories.fullName, last: repositories.lastVerification })
      .from(repositories);
    return Object.fromEntries(rows.map((row) => [row.fullName, row.last]));
  } finally {
    await database.close();
  }
}
