/**
 * The webhook receiver and handlers on both databases: the status codes of the Contract, every
 * rejection recorded and never applied, duplicates applied once, failed deliveries processed
 * again on the same row, GitHub's real example payloads applied without failure, out-of-order
 * updates never overwriting newer rows, and a delivery whose receiver died applied by the sweep.
 */
import { createRequire } from "node:module";
import { randomUUID } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  issueComments,
  issues,
  pullRequests,
  repositories,
  reviewComments,
  teamMembers,
  teams,
  webhookDeliveries,
} from "../../src/store/schema.js";
import { recordReceived } from "../../src/store/webhook-deliveries.js";
import { sign } from "../../src/util/signature.js";
import { eventually, startTestServer, type TestServer } from "../helpers/server-harness.js";

interface Example {
  name: string;
  examples: Record<string, unknown>[];
}
const examples = createRequire(import.meta.url)(
  "@octokit/webhooks-examples/api.github.com/index.json",
) as Example[];
const ISSUE_OPENED = examples
  .find((entry) => entry.name === "issues")
  ?.examples.find((example) => example.action === "opened");
const HANDLED = [
  "ping",
  "installation",
  "installation_repositories",
  "repository",
  "push",
  "pull_request",
  "pull_request_review",
  "issues",
  "issue_comment",
  "pull_request_review_comment",
  "team",
  "membership",
];

const SECRET = "webhook-secret-one";
const ROTATED = "webhook-secret-two";

describe("webhooks", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      GITHUB_WEBHOOK_SECRET: `${SECRET},${ROTATED}`,
      GHSYNC_RECOVERY_INTERVAL_S: "1",
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  const post = (
    event: string,
    body: string | Buffer,
    options: { secret?: string | null; delivery?: string; contentType?: string; hook?: string } = {},
  ) => {
    const headers: Record<string, string> = {
      "content-type": options.contentType ?? "application/json",
      "x-github-event": event,
      "x-github-delivery": options.delivery ?? randomUUID(),
      "x-github-hook-id": options.hook ?? "4242",
    };
    if (options.secret !== null) headers["x-hub-signature-256"] = sign(options.secret ?? SECRET, body);
    return fetch(`${server.url}/webhooks/github`, { method: "POST", headers, body });
  };
  const deliveryStatus = async (deliveryId: string) =>
    (
      await server.database.db
        .select()
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.deliveryId, deliveryId))
    )[0];
  const settled = (deliveryId: string) =>
    eventually(
      async () => {
        const row = await deliveryStatus(deliveryId);
        return row && row.status !== "received" ? row : undefined;
      },
      20_000,
      `delivery ${deliveryId}`,
    );

  it("rejects what it cannot trust, records each rejection, and never applies it", async () => {
    const body = JSON.stringify({ zen: "Keep it logically awesome.", hook_id: 1 });
    const cases = [
      { response: await post("ping", body, { secret: null }), status: 401, reason: /missing/ },
      { response: await post("ping", body, { secret: "wrong" }), status: 401, reason: /does not match/ },
      {
        response: await post("ping", `payload=${encodeURIComponent(body)}`, {
          contentType: "application/x-www-form-urlencoded",
        }),
        status: 415,
        reason: /content type/,
      },
      { response: await post("ping", "{not json"), status: 400, reason: /malformed JSON/ },
    ];
    for (const { response, status } of cases) {
      expect(response.status).toBe(status);
      expect(await response.json()).toMatchObject({
        status: "rejected",
        error: { code: expect.any(String) },
      });
    }
    const huge = Buffer.alloc(26_214_401, 32);
    expect((await post("ping", huge)).status).toBe(413);
    const rejected = await server.database.db
      .select({ reason: webhookDeliveries.reason, signatureOk: webhookDeliveries.signatureOk })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.status, "rejected"));
    expect(rejected).toHaveLength(5);
    for (const { reason } of cases) expect(rejected.some((row) => reason.test(row.reason ?? ""))).toBe(true);
    const unsigned = await server.database.db
      .select({ payload: webhookDeliveries.payload })
      .from(webhookDeliveries)
      .where(sql`reason like 'X-Hub-Signature-256%' or reason like 'missing X-Hub%'`);
    expect(unsigned.length).toBe(2);
    expect(unsigned.every((row) => row.payload === null)).toBe(true);
    expect(rejected.some((row) => /over 26214400 bytes/.test(row.reason ?? ""))).toBe(true);
  });

  it("accepts a signature made with either secret during a rotation; a repeat is applied once", async () => {
    const delivery = randomUUID();
    const body = JSON.stringify({ zen: "Design for failure.", hook_id: 4242 });
    const first = await post("ping", body, { secret: ROTATED, delivery });
    expect(first.status).toBe(202);
    expect((await settled(delivery)).status).toBe("processed");
    const again = await post("ping", body, { delivery });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: "duplicate" });
    expect((await deliveryStatus(delivery))?.attempts).toBe(1);
  });

  it("keeps the same delivery id from two hooks apart: both stored and applied, neither a duplicate (FAULTS.md #3)", async () => {
    const delivery = randomUUID();
    const body = JSON.stringify({ zen: "Half measures are as bad as nothing at all.", hook_id: 1 });
    const first = await post("ping", body, { delivery, hook: "1" });
    const second = await post("ping", body, { delivery, hook: "2" });
    expect([first.status, second.status]).toEqual([202, 202]);
    const rows = await eventually(async () => {
      const found = await server.database.db
        .select()
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.deliveryId, delivery));
      return found.length === 2 && found.every((row) => row.status === "processed") ? found : undefined;
    });
    expect(new Set(rows.map((row) => row.hookId))).toEqual(new Set(["1", "2"]));
  });

  it("stores an event it does not know and marks it ignored; a new action of a known event is applied (FAULTS.md #11)", async () => {
    const future = randomUUID();
    expect(
      (await post("some_future_event", JSON.stringify({ action: "created" }), { delivery: future })).status,
    ).toBe(202);
    const ignored = await settled(future);
    expect(ignored.status).toBe("ignored");
    expect(ignored.reason).toMatch(/some_future_event/);
    // Its issue is still GitHub's newest word on that issue: written (if newer), not dropped.
    if (!ISSUE_OPENED) throw new Error("no issues.opened example");
    const newAction = randomUUID();
    const issue = { ...ISSUE_OPENED, action: "brand_new" };
    expect((await post("issues", JSON.stringify(issue), { delivery: newAction })).status).toBe(202);
    expect((await settled(newAction)).status).toBe("processed");
  });

  it("applies every example payload GitHub publishes for the handled events, none failing", async () => {
    const sent: { event: string; delivery: string; payload: Record<string, unknown> }[] = [];
    for (const { name, examples: payloads } of examples.filter((e) => HANDLED.includes(e.name))) {
      for (const payload of payloads) {
        const delivery = randomUUID();
        const response = await post(name, JSON.stringify(payload), { delivery });
        expect(response.status, `${name} ${String(payload.action)}`).toBe(202);
        sent.push({ event: name, delivery, payload });
      }
    }
    expect(sent.length).toBeGreaterThan(90);
    const rows = await Promise.all(sent.map((s) => settled(s.delivery)));
    const failed = rows
      .filter((row) => row.status === "failed")
      .map((row) => `${row.event}.${row.action}: ${row.error}`);
    expect(failed).toEqual([]);
    const db = server.database.db;
    const has = async (
      table: typeof pullRequests | typeof issues | typeof issueComments | typeof reviewComments,
      id: number,
    ) => (await db.select({ id: table.id }).from(table).where(eq(table.id, id))).length === 1;
    for (const { event, payload } of sent) {
      const repo = payload.repository as { id: number } | undefined;
      if (repo) {
        expect((await db.select().from(repositories).where(eq(repositories.id, repo.id))).length).toBe(1);
      }
      if (event === "pull_request")
        expect(await has(pullRequests, (payload.pull_request as { id: number }).id)).toBe(true);
      // GitHub sends `issues` events for pull requests too (milestoned…): a PR is stored once, as a PR.
      const issue = payload.issue as { id: number; pull_request?: unknown } | undefined;
      if (event === "issues" && issue && !issue.pull_request) expect(await has(issues, issue.id)).toBe(true);
      if (event === "issue_comment")
        expect(await has(issueComments, (payload.comment as { id: number }).id)).toBe(true);
      if (event === "pull_request_review_comment") {
        expect(await has(reviewComments, (payload.comment as { id: number }).id)).toBe(true);
        expect(await has(pullRequests, (payload.pull_request as { id: number }).id)).toBe(true);
      }
    }
    // Teams come from organization events (no repository); a deleted one is a tombstone, and every
    // example ends with its member removed.
    const team = await db.select().from(teams).where(eq(teams.id, 3253328));
    expect(team[0]).toMatchObject({ org: "Octocoders", slug: "github" });
    expect(team[0]?.deletedAt).not.toBeNull();
    expect(await db.select().from(teamMembers).where(eq(teamMembers.teamId, 3253328))).toEqual([]);
    // Deleted issues and comments are tombstones, not holes.
    const deleted = sent.find((s) => s.event === "issues" && s.payload.action === "deleted");
    const tombstone = await db
      .select({ deletedAt: issues.deletedAt })
      .from(issues)
      .where(eq(issues.id, (deleted?.payload.issue as { id: number }).id));
    expect(tombstone[0]?.deletedAt).not.toBeNull();
    const installation = rows.find((row) => row.event === "installation");
    expect(installation).toMatchObject({ status: "ignored" });
  });

  it("never lets an older payload overwrite a newer row", async () => {
    const base = examples
      .find((e) => e.name === "pull_request")
      ?.examples.find((p) => p.action === "opened") as {
      pull_request: Record<string, unknown>;
    };
    const pull = (title: string, updatedAt: string) => ({
      ...base,
      action: "edited",
      pull_request: { ...base.pull_request, id: 99_000_001, number: 9001, title, updated_at: updatedAt },
    });
    const newer = randomUUID();
    await post("pull_request", JSON.stringify(pull("newer title", "2030-01-02T00:00:00Z")), {
      delivery: newer,
    });
    await settled(newer);
    const older = randomUUID();
    await post("pull_request", JSON.stringify(pull("older title", "2030-01-01T00:00:00Z")), {
      delivery: older,
    });
    expect((await settled(older)).status).toBe("processed");
    const [row] = await server.database.db.select().from(pullRequests).where(eq(pullRequests.id, 99_000_001));
    expect(row?.title).toBe("newer title");
  });

  it("tombstones a deleted issue's comments with it (GitHub sends no delivery for them)", async () => {
    const example = (event: string, action: string) =>
      examples.find((e) => e.name === event)?.examples.find((p) => p.action === action) as {
        issue: Record<string, unknown>;
        comment: Record<string, unknown>;
        repository: Record<string, unknown>;
      };
    const opened = example("issues", "opened").issue;
    const issue = {
      ...opened,
      id: 99_000_007,
      number: 9007,
      url: String(opened.url).replace(/\d+$/, "9007"),
    };
    // One repository for all four (the examples come from several).
    const comment = {
      ...example("issue_comment", "created"),
      repository: example("issues", "opened").repository,
    };
    const commentOn = (id: number) => ({ ...comment.comment, id, issue_url: `${String(issue.url)}` });
    const deliveries = [
      ["issues", { ...example("issues", "opened"), issue }],
      ["issue_comment", { ...comment, issue, comment: commentOn(99_000_008) }],
      ["issue_comment", { ...comment, issue, comment: commentOn(99_000_009) }],
      ["issues", { ...example("issues", "deleted"), issue, repository: comment.repository }],
    ] as const;
    for (const [event, payload] of deliveries) {
      const delivery = randomUUID();
      await post(event, JSON.stringify(payload), { delivery });
      expect((await settled(delivery)).status).toBe("processed");
    }
    const rows = await server.database.db
      .select({ deletedAt: issueComments.deletedAt })
      .from(issueComments)
      .where(inArray(issueComments.id, [99_000_008, 99_000_009]));
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.deletedAt !== null)).toBe(true);
  });

  it("keeps an issue's labels when a payload leaves them out (issues.pinned)", async () => {
    const payloadOf = (action: string) => {
      const example = examples
        .find((e) => e.name === "issues")
        ?.examples.find((p) => p.action === action) as {
        issue: Record<string, unknown>;
      };
      return { ...example, issue: { ...example.issue, id: 99_000_004 } };
    };
    for (const action of ["opened", "pinned"]) {
      const delivery = randomUUID();
      await post("issues", JSON.stringify(payloadOf(action)), { delivery });
      expect((await settled(delivery)).status).toBe("processed");
    }
    const [row] = await server.database.db.select().from(issues).where(eq(issues.id, 99_000_004));
    expect(row?.labels).toEqual(["bug"]);
  });

  it("processes a redelivery of a failed delivery again, on the same row", async () => {
    const base = examples.find((e) => e.name === "issues")?.examples.find((p) => p.action === "opened") as {
      issue: Record<string, unknown>;
    };
    const delivery = randomUUID();
    const broken = { ...base, issue: { ...base.issue, id: 99_000_002, created_at: null } };
    expect((await post("issues", JSON.stringify(broken), { delivery })).status).toBe(202);
    const failed = await settled(delivery);
    // A payload we cannot apply is not retried by the queue: another attempt would fail the same way.
    expect(failed).toMatchObject({
      status: "failed",
      attempts: 1,
      error: expect.stringMatching(/^internal error: .*created_at/),
      nextAttemptAt: null,
    });
    const fixed = { ...base, issue: { ...base.issue, id: 99_000_002 } };
    expect((await post("issues", JSON.stringify(fixed), { delivery })).status).toBe(202);
    const processed = await eventually(
      async () => {
        const row = await deliveryStatus(delivery);
        return row?.status === "processed" ? row : undefined;
      },
      20_000,
      "the redelivery",
    );
    expect(processed.id).toBe(failed.id);
    expect(processed.attempts).toBe(2);
    const listed = await server.api("/api/webhooks/deliveries?status=processed&limit=500");
    const list = (await listed.json()) as {
      items: { delivery_id: string }[];
    };
    expect(list, JSON.stringify(list)).toHaveProperty("items");
    expect(list.items.some((item) => item.delivery_id === delivery)).toBe(true);
  });

  it("applies a delivery whose receiving process died after answering", async () => {
    const base = examples.find((e) => e.name === "issues")?.examples.find((p) => p.action === "opened") as {
      issue: Record<string, unknown>;
    };
    const payload = {
      ...base,
      issue: { ...base.issue, id: 99_000_003, title: "received, then the process died" },
    };
    const delivery = randomUUID();
    // What a receiver leaves behind when it dies between its 202 and the processing.
    const { id } = await recordReceived(server.database.db, {
      hookId: "4242",
      deliveryId: delivery,
      event: "issues",
      action: "opened",
      contentType: "application/json",
      payload: Buffer.from(JSON.stringify(payload)),
    });
    await server.database.db
      .update(webhookDeliveries)
      .set({ receivedAt: sql`now() - interval '1 minute'` })
      .where(eq(webhookDeliveries.id, id));
    expect((await settled(delivery)).status).toBe("processed");
    const [row] = await server.database.db.select().from(issues).where(eq(issues.id, 99_000_003));
    expect(row?.title).toBe("received, then the process died");
  });
});
