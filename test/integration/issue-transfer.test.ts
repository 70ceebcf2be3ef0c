/**
 * An issue transferred to another repository (issue 21, part 4), as GitHub does it: the old URL
 * answers 301 to the new issue, the old repository's lists no longer hold it, and its webhooks
 * (`transferred` to the old repository, `opened` to the new) leave the mirror equal to GitHub,
 * repository by repository — also when a comment delivery made before the transfer arrives after
 * it (it must not move the comment back).
 */
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { queryRows } from "../../src/store/raw-query.js";
import { sign } from "../../src/util/signature.js";
import { mirrorCounts } from "../../src/store/stats.js";
import { freePort, settled, startTestServer, type TestServer } from "../helpers/server-harness.js";
import { walkOrganization } from "../helpers/walk-github.js";
import { truthMirrorCounts, withoutCheckRuns } from "../helpers/truth-counts.js";

const SECRET = "transfer-webhook-secret";
let emulator: RunningEmulator | undefined;
let server: TestServer | undefined;
afterAll(async () => {
  await server?.close();
  await emulator?.close();
});

describe("an issue transferred to another repository", () => {
  it("redirects its old URL, leaves the old lists, and the mirror follows it through webhooks", async () => {
    const port = await freePort();
    emulator = await startEmulator({
      port: 0,
      seed: 41,
      repos: 2,
      scale: "small",
      webhook: { url: `http://127.0.0.1:${port}/webhooks/github`, secret: SECRET },
    });
    server = await startTestServer(
      { GITHUB_API_URL: emulator.url, GITHUB_TOKEN: "transfer-token", GITHUB_WEBHOOK_SECRET: SECRET },
      undefined,
      port,
    );
    const db = server.database.db;
    const [from, to] = emulator.admin.repositories();
    if (!from || !to) throw new Error("two repositories expected");
    for (const repo of [from, to]) {
      const response = await server.api("/api/repos", {
        method: "POST",
        body: JSON.stringify({ full_name: repo.full_name, depth: "full" }),
      });
      expect(response.status).toBe(202);
    }
    await settled(db, "the backfills");

    const issue = emulator.admin.issues(from.full_name).find((candidate) => candidate.comments > 0);
    if (!issue) throw new Error(`no issue with comments in ${from.full_name}`);
    // A comment delivery made before the transfer, to arrive after it (GitHub does not order them).
    const before = async (path: string) =>
      (await (await fetch(`${emulator?.url ?? ""}/repos/${from.full_name}${path}`)).json()) as Record<
        string,
        unknown
      >;
    const late = {
      action: "created",
      issue: await before(`/issues/${issue.number}`),
      comment: (
        (await before(`/issues/${issue.number}/comments`)) as unknown as Record<string, unknown>[]
      )[0],
      repository: await before(""),
      sender: { login: "alice-chen", id: 1, type: "User" },
    };
    const moved = emulator.admin.transferIssue(from.full_name, issue.number, to.full_name);
    await emulator.admin.flushWebhooks();

    const old = await fetch(`${emulator.url}/repos/${from.full_name}/issues/${issue.number}`, {
      redirect: "manual",
    });
    expect(old.status).toBe(301);
    expect(old.headers.get("location")).toBe(`${emulator.url}/repos/${to.full_name}/issues/${moved.number}`);
    const listed = (await (
      await fetch(`${emulator.url}/repos/${from.full_name}/issues?state=all&per_page=100`)
    ).json()) as { number: number }[];
    expect(listed.some((item) => item.number === issue.number)).toBe(false);

    await settled(db, "the transfer's deliveries");
    const body = JSON.stringify(late);
    const answer = await fetch(`${server.url}/webhooks/github`, {
      method: "POST",
      body,
      headers: {
        "content-type": "application/json",
        "x-github-event": "issue_comment",
        "x-github-delivery": "late-comment",
        "x-hub-signature-256": sign(SECRET, body),
      },
    });
    expect(answer.status).toBe(202);
    await settled(db, "the late comment delivery");
    // Its comments went with it, as the emulator's new issue holds them.
    const [comments] = await queryRows<{ n: string | number }>(
      db,
      sql`select count(*) as n from issue_comments
           where repository_id = ${to.id} and issue_number = ${moved.number} and deleted_at is null`,
    );
    expect(Number(comments?.n)).toBe(moved.comments);
    // Repository by repository: an organization-wide count hides a comment in the wrong one.
    for (const repo of [from, to])
      expect(
        withoutCheckRuns(await mirrorCounts(db, { repositories: [repo.full_name] })),
        repo.full_name,
      ).toEqual(truthMirrorCounts(emulator.admin, repo.full_name));
    const truth = await walkOrganization(emulator.url, "acme");
    expect(await mirrorCounts(db, { org: "acme" })).toEqual(truth.counts);
  }, 300_000);
});
