/**
 * Notifications end to end on both databases, as `ghsync serve` runs them: a real backfill
 * against the emulator ends in one `sync.completed` email (real SMTP server) and one signed
 * delivery to a target created through the API; listing and marking read; the targets API
 * (secret shown once, validation, 404s, re-enable, deliveries).
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { insertNotification } from "../../src/store/notifications.js";
import { notifications, outgoingWebhooks } from "../../src/store/schema.js";
import { payloadOf, startReceiver, type Receiver } from "../emulator/webhook-receiver.js";
import { SECRET_KEY, ghsyncSignatureVerifies, insertUser } from "../helpers/notify-harness.js";
import { eventually, startTestServer, type TestServer } from "../helpers/server-harness.js";
import { mailHeader, mailText, startSmtpSink, type SmtpSink } from "../helpers/smtp-sink.js";

interface Page {
  items: Record<string, unknown>[];
  next_cursor: string | null;
}

describe("notifications through the API", () => {
  let emulator: RunningEmulator;
  let server: TestServer;
  let smtp: SmtpSink;
  let receiver: Receiver;
  let secret = "";
  let webhookId = 0;
  let adaId = 0;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 21, repos: 1, scale: "small" });
    smtp = await startSmtpSink();
    receiver = await startReceiver("unused", (request) =>
      ghsyncSignatureVerifies(secret, request) ? 200 : 401,
    );
    server = await startTestServer({
      GITHUB_API_URL: emulator.url,
      GITHUB_TOKEN: "notify-token",
      SMTP_URL: smtp.url,
      GHSYNC_EMAIL_FROM: "ghsync <ghsync@example.test>",
      GHSYNC_SECRET_KEY: SECRET_KEY,
      GHSYNC_ALLOW_PRIVATE_WEBHOOKS: "1",
    });
    adaId = await insertUser(server.database, { login: "ada", email: "ada@example.test" });
    await insertUser(server.database, { login: "quiet", email: "quiet@example.test", notifySync: false });
  });
  afterAll(async () => {
    await server?.close();
    await receiver?.close();
    await smtp?.close();
    await emulator?.close();
  });
  const json = async (path: string, init?: RequestInit) => {
    const response = await server.api(path, init);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it("creates a target and shows its signing secret only once", async () => {
    const created = await json("/api/users/ada/webhooks", {
      method: "POST",
      body: JSON.stringify({ url: receiver.url }),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: "webhook",
      events: ["sync.completed", "goal.completed", "goal.progress"],
      active: true,
      secret: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    secret = created.body.secret as string;
    webhookId = created.body.id as number;
    const docs = await fetch(`${server.url}/api/docs/json`);
    expect(docs.status).toBe(200);
    expect(Object.keys(((await docs.json()) as { paths: object }).paths)).toEqual(
      expect.arrayContaining(["/api/notifications", "/api/users/{login}/webhooks/{id}/deliveries"]),
    );
    const listed = await json("/api/users/ADA/webhooks");
    expect(listed.body.items).toEqual([
      expect.objectContaining({ id: webhookId, url: receiver.url.split("?")[0] }),
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    const [stored] = await server.database.db.select().from(outgoingWebhooks);
    expect(stored?.secretEncrypted).not.toContain(secret);
  });

  it("rejects bad targets with a clear error and unknown users with 404", async () => {
    const bad = async (body: unknown) =>
      json("/api/users/ada/webhooks", { method: "POST", body: JSON.stringify(body) });
    expect(await bad({ url: "ftp://example.com/" })).toMatchObject({
      status: 400,
      body: { error: { code: "invalid_request", message: "url: must be an http:// or https:// URL" } },
    });
    expect(await bad({ url: "https://example.com/", events: ["push"] })).toMatchObject({
      status: 400,
      body: { error: { code: "invalid_request", message: expect.stringContaining("events") } },
    });
    expect(await json("/api/users/nobody/webhooks")).toMatchObject({
      status: 404,
      body: { error: { code: "user_not_found", message: expect.stringContaining("no user nobody") } },
    });
    expect((await json("/api/notifications?user=nobody")).status).toBe(404);
    expect((await json("/api/users/ada/webhooks/999999/deliveries")).status).toBe(404);
  });

  it("after a backfill, emails the users who want it once and delivers one signed sync.completed", async () => {
    const [repo] = emulator.admin.repositories();
    const tracked = await json("/api/repos", {
      method: "POST",
      body: JSON.stringify({ full_name: repo?.full_name, depth: "full" }),
    });
    const jobId = tracked.body.job_id as number;
    await eventually(async () => (smtp.mails.length > 0 ? true : undefined), 60_000, "the email");
    await eventually(async () => (receiver.requests.length > 0 ? true : undefined), 30_000, "the delivery");
    const job = (await json(`/api/sync/jobs/${jobId}`)).body as { counts: Record<string, number> };

    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail?.to).toEqual(["ada@example.test"]);
    expect(mailHeader(mail!, "From")).toBe("ghsync <ghsync@example.test>");
    expect(mailHeader(mail!, "Subject")).toBe(`Backfill of ${repo?.full_name} finished`);
    expect(mailText(mail!)).toContain(
      `Imported ${job.counts.commits} commits, ${job.counts.pull_requests} pull requests, ${job.counts.reviews} reviews, ${job.counts.issues} issues`,
    );

    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(request?.status).toBe(200);
    expect(request?.headers["x-ghsync-event"]).toBe("sync.completed");
    expect(payloadOf(request!)).toMatchObject({
      event: "sync.completed",
      data: {
        job_id: jobId,
        repository: repo?.full_name,
        counts: job.counts,
        duration_ms: expect.any(Number),
        requests: expect.any(Number),
      },
    });
    const deliveries = await json(`/api/users/ada/webhooks/${webhookId}/deliveries`);
    expect(deliveries.body.items).toEqual([
      expect.objectContaining({
        event: "sync.completed",
        attempt: 1,
        status: "delivered",
        response_status: 200,
      }),
    ]);
  });

  it("lists a user's notifications, hides goal.progress unless asked, and marks them read", async () => {
    await insertNotification(server.database.db, {
      userId: adaId,
      kind: "goal.progress",
      title: "Goal 1: 5 of 10",
      data: { goal_id: 1, current: 5, target: 10 },
      dedupeKey: "goal:1:2026-11-01T00:00:00.000Z:5",
    });
    const listed = (await json("/api/notifications?user=ada")).body as unknown as Page;
    expect(listed.items.map((item) => item.kind)).toEqual(["sync.completed"]);
    expect(listed.items[0]).toMatchObject({ read_at: null, dispatched_at: expect.any(String) });
    const progress = (await json("/api/notifications?user=ada&kind=goal.progress")).body as unknown as Page;
    expect(progress.items).toEqual([
      expect.objectContaining({ kind: "goal.progress", title: "Goal 1: 5 of 10" }),
    ]);
    expect(((await json("/api/notifications?user=quiet")).body as unknown as Page).items).toEqual([]);

    const id = listed.items[0]?.id as number;
    const read = await json(`/api/notifications/${id}/read`, { method: "POST" });
    expect(read.body).toMatchObject({ id, read_at: expect.any(String) });
    const unread = (await json("/api/notifications?user=ada&unread=true")).body as unknown as Page;
    expect(unread.items).toEqual([]);
    expect((await json("/api/notifications/read?user=ada", { method: "POST" })).body).toEqual({ marked: 1 });
    const rows = await server.database.db.select().from(notifications).where(eq(notifications.userId, adaId));
    expect(rows.every((row) => row.readAt !== null)).toBe(true);
    expect((await json("/api/notifications/999999/read", { method: "POST" })).status).toBe(404);
  });

  it("sends a signed test message to a target on request, outside its delivery log and failure count", async () => {
    const before = receiver.requests.length;
    const sent = await json(`/api/users/ada/webhooks/${webhookId}/test`, { method: "POST" });
    expect(sent).toMatchObject({
      status: 200,
      body: { status: "delivered", response_status: 200, error: null, duration_ms: expect.any(Number) },
    });
    expect(receiver.requests).toHaveLength(before + 1);
    const request = receiver.requests.at(-1)!;
    expect(request.headers["x-ghsync-event"]).toBe("ping");
    expect(payloadOf(request)).toMatchObject({ event: "ping", data: { target_id: webhookId, test: true } });
    const again = await json(`/api/users/ada/webhooks/${webhookId}/test`, { method: "POST" });
    expect(again.body.status).toBe("delivered");
    // A receiver that drops repeated delivery ids still shows each test.
    expect(receiver.requests.at(-1)?.headers["x-ghsync-delivery"]).not.toBe(
      request.headers["x-ghsync-delivery"],
    );
    const deliveries = (await json(`/api/users/ada/webhooks/${webhookId}/deliveries`))
      .body as unknown as Page;
    expect(deliveries.items.map((item) => item.event)).toEqual(["sync.completed"]);

    // A receiver answering an error: the answer says so, and the target is not counted a failure.
    secret = "not-the-secret";
    const failed = await json(`/api/users/ada/webhooks/${webhookId}/test`, { method: "POST" });
    expect(failed.body).toMatchObject({ status: "failed", response_status: 401, error: "answered HTTP 401" });
    const [target] = (await json("/api/users/ada/webhooks")).body.items as Record<string, unknown>[];
    expect(target).toMatchObject({ active: true, consecutive_failures: 0 });
    expect((await json("/api/users/ada/webhooks/999999/test", { method: "POST" })).status).toBe(404);
  });

  it("sends a test email to a person's address, and says why it cannot without one", async () => {
    const before = smtp.mails.length;
    expect(await json("/api/users/ada/email/test", { method: "POST" })).toEqual({
      status: 200,
      body: { to: "ada@example.test", status: "sent", error: null },
    });
    expect(smtp.mails).toHaveLength(before + 1);
    expect(mailHeader(smtp.mails.at(-1)!, "Subject")).toBe("Test email from ghsync");
    await insertUser(server.database, { login: "unreachable" });
    expect(await json("/api/users/unreachable/email/test", { method: "POST" })).toMatchObject({
      status: 409,
      body: { error: { code: "no_email", message: "unreachable has no email address: set one first" } },
    });
  });

  it("re-enables a disabled target and deletes one", async () => {
    await server.database.db
      .update(outgoingWebhooks)
      .set({ active: false, consecutiveFailures: 10, disabledAt: new Date(), disabledReason: "down" })
      .where(eq(outgoingWebhooks.id, webhookId));
    const enabled = await json(`/api/users/ada/webhooks/${webhookId}/enable`, { method: "POST" });
    expect(enabled.body).toMatchObject({
      active: true,
      consecutive_failures: 0,
      disabled_at: null,
      disabled_reason: null,
    });
    const removed = await server.api(`/api/users/ada/webhooks/${webhookId}`, { method: "DELETE" });
    expect(removed.status).toBe(204);
    expect((await server.api(`/api/users/ada/webhooks/${webhookId}`, { method: "DELETE" })).status).toBe(404);
  });
});
