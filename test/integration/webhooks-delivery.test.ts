/**
 * The delivery-data webhooks (workflow_run, workflow_job, check_suite, check_run, deployment,
 * deployment_status, release) on GitHub's real example payloads: every one applied without
 * failure, its row in the mirror, a deleted release tombstoned, an unknown action ignored, and a
 * late delivery of an earlier state never overwriting a finished row.
 */
import { createRequire } from "node:module";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkRuns,
  checkSuites,
  deploymentStatuses,
  deployments,
  releases,
  repositories,
  webhookDeliveries,
  workflowJobs,
  workflowRuns,
} from "../../src/store/schema.js";
import { sign } from "../../src/util/signature.js";
import { eventually, startTestServer, type TestServer } from "../helpers/server-harness.js";

interface Example {
  name: string;
  examples: Record<string, unknown>[];
}
const examples = createRequire(import.meta.url)(
  "@octokit/webhooks-examples/api.github.com/index.json",
) as Example[];
const DELIVERY_EVENTS = [
  "workflow_run",
  "workflow_job",
  "check_suite",
  "check_run",
  "deployment",
  "deployment_status",
  "release",
];
const SECRET = "delivery-webhook-secret";

type Payload = Record<string, unknown>;
const idOf = (payload: Payload, member: string) => (payload[member] as { id: number }).id;

describe("delivery-data webhooks", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ GITHUB_WEBHOOK_SECRET: SECRET });
  });
  afterAll(async () => {
    await server?.close();
  });

  const post = async (event: string, payload: Payload) => {
    const delivery = randomUUID();
    const body = JSON.stringify(payload);
    const response = await fetch(`${server.url}/webhooks/github`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": event,
        "x-github-delivery": delivery,
        "x-github-hook-id": "18",
        "x-hub-signature-256": sign(SECRET, body),
      },
      body,
    });
    expect(response.status, `${event} ${String(payload.action)}`).toBe(202);
    return delivery;
  };
  const settled = (delivery: string) =>
    eventually(
      async () => {
        const [row] = await server.database.db
          .select()
          .from(webhookDeliveries)
          .where(eq(webhookDeliveries.deliveryId, delivery));
        return row && row.status !== "received" ? row : undefined;
      },
      20_000,
      `delivery ${delivery}`,
    );
  const example = (event: string, action: string) => {
    const found = examples.find((e) => e.name === event)?.examples.find((p) => p.action === action);
    if (!found) throw new Error(`no ${event}.${action} example`);
    return structuredClone(found);
  };

  it("applies every example payload GitHub publishes for them, none failing, each row mirrored", async () => {
    const sent: { event: string; delivery: string; payload: Payload }[] = [];
    for (const { name, examples: payloads } of examples.filter((e) => DELIVERY_EVENTS.includes(e.name)))
      for (const payload of payloads)
        sent.push({ event: name, delivery: await post(name, payload), payload });
    expect(new Set(sent.map((s) => s.event))).toEqual(new Set(DELIVERY_EVENTS));
    const rows = await Promise.all(sent.map((s) => settled(s.delivery)));
    expect(
      rows.filter((row) => row.status !== "processed").map((r) => `${r.event}.${r.action}: ${r.error}`),
    ).toEqual([]);
    const db = server.database.db;
    const count = async (table: typeof workflowRuns | typeof releases | typeof deployments, id: number) =>
      (await db.select({ id: table.id }).from(table).where(eq(table.id, id))).length;
    for (const { event, payload } of sent) {
      const repo = payload.repository as { id: number };
      expect(await db.select().from(repositories).where(eq(repositories.id, repo.id))).toHaveLength(1);
      if (event === "workflow_run") expect(await count(workflowRuns, idOf(payload, "workflow_run"))).toBe(1);
      if (event === "workflow_job")
        expect(
          await db
            .select()
            .from(workflowJobs)
            .where(eq(workflowJobs.id, idOf(payload, "workflow_job"))),
        ).toHaveLength(1);
      if (event === "check_suite")
        expect(
          await db
            .select()
            .from(checkSuites)
            .where(eq(checkSuites.id, idOf(payload, "check_suite"))),
        ).toHaveLength(1);
      if (event === "check_run")
        expect(
          await db
            .select()
            .from(checkRuns)
            .where(eq(checkRuns.id, idOf(payload, "check_run"))),
        ).toHaveLength(1);
      if (event === "deployment" || event === "deployment_status")
        expect(await count(deployments, idOf(payload, "deployment"))).toBe(1);
      if (event === "deployment_status")
        expect(
          await db
            .select()
            .from(deploymentStatuses)
            .where(eq(deploymentStatuses.id, idOf(payload, "deployment_status"))),
        ).toHaveLength(1);
      if (event === "release") expect(await count(releases, idOf(payload, "release"))).toBe(1);
    }
    // A deleted release is a tombstone, not a hole.
    const deleted = sent.find((s) => s.event === "release" && s.payload.action === "deleted");
    const [tombstone] = await db
      .select({ deletedAt: releases.deletedAt })
      .from(releases)
      .where(eq(releases.id, idOf(deleted?.payload ?? {}, "release")));
    expect(tombstone?.deletedAt).not.toBeNull();
  });

  it("derives a deployment's outcome from its statuses, whatever order they arrive in", async () => {
    const base = example("deployment_status", "created");
    const deployment = { ...(base.deployment as Payload), id: 7_000_001 };
    const status = (id: number, state: string, at: string) => ({
      ...base,
      deployment,
      deployment_status: {
        ...(base.deployment_status as Payload),
        id,
        state,
        created_at: at,
        updated_at: at,
      },
    });
    // Newest first: success at 10:02, in_progress at 10:01, queued at 10:00.
    for (const [id, state, at] of [
      [7_100_003, "success", "2026-11-01T10:02:00Z"],
      [7_100_002, "in_progress", "2026-11-01T10:01:00Z"],
      [7_100_001, "queued", "2026-11-01T10:00:00Z"],
    ] as const)
      expect((await settled(await post("deployment_status", status(id, state, at)))).status).toBe(
        "processed",
      );
    const [row] = await server.database.db.select().from(deployments).where(eq(deployments.id, 7_000_001));
    expect(row).toMatchObject({ latestState: "success", finishedAt: new Date("2026-11-01T10:02:00Z") });
  });

  it("never lets a late delivery of an earlier state overwrite a finished run or job", async () => {
    const queued = example("check_run", "created");
    const completed = example("check_run", "completed");
    const id = 7_200_001;
    const check = (payload: Payload, status: string) => ({
      ...payload,
      check_run: {
        ...(payload.check_run as Payload),
        id,
        status,
        conclusion: status === "completed" ? "success" : null,
      },
    });
    await settled(await post("check_run", check(completed, "completed")));
    await settled(await post("check_run", check(queued, "queued")));
    const [run] = await server.database.db.select().from(checkRuns).where(eq(checkRuns.id, id));
    expect(run).toMatchObject({ status: "completed", conclusion: "success" });

    const runs = examples.find((e) => e.name === "workflow_run")?.examples ?? [];
    const done = structuredClone(
      runs.find((p) => (p.workflow_run as Payload).status === "completed"),
    ) as Payload;
    const early = structuredClone(runs.find((p) => p.action === "requested")) as Payload;
    const runId = idOf(done, "workflow_run");
    (early.workflow_run as Payload).id = runId;
    (early.workflow_run as Payload).updated_at = "2000-01-01T00:00:00Z";
    await settled(await post("workflow_run", done));
    await settled(await post("workflow_run", early));
    const [stored] = await server.database.db.select().from(workflowRuns).where(eq(workflowRuns.id, runId));
    expect(stored?.status).toBe("completed");
  });

  it("does not bring back a check the mirror retired: a late delivery for a tombstoned run or suite", async () => {
    const completed = example("check_run", "completed");
    const id = 7_200_002;
    const late = {
      ...completed,
      check_run: { ...(completed.check_run as Payload), id, status: "completed", conclusion: "failure" },
    };
    const suiteId = ((late.check_run as Payload).check_suite as { id: number }).id;
    await settled(await post("check_run", late));
    // The sync retired it (its head moved on): tombstoned, as store/delivery-rows.ts does.
    const retiredAt = new Date();
    await server.database.db.update(checkRuns).set({ deletedAt: retiredAt }).where(eq(checkRuns.id, id));
    await server.database.db
      .update(checkSuites)
      .set({ deletedAt: retiredAt })
      .where(eq(checkSuites.id, suiteId));
    await settled(await post("check_run", late));
    const [run] = await server.database.db.select().from(checkRuns).where(eq(checkRuns.id, id));
    const [suite] = await server.database.db.select().from(checkSuites).where(eq(checkSuites.id, suiteId));
    expect(run?.deletedAt).toEqual(retiredAt);
    expect(suite?.deletedAt).toEqual(retiredAt);
  });

  it("stores and ignores an action it does not know", async () => {
    const payload = { ...example("release", "published"), action: "brand_new" };
    const row = await settled(await post("release", payload));
    expect(row).toMatchObject({ status: "ignored" });
  });
});
