/**
 * The dispatcher against a real SMTP server and local HTTP receivers, on both databases: one email
 * per notification however often it is written or dispatched, signed deliveries, retries with
 * backoff (one row per attempt), disabling a failing target with a notice to its owner, and no
 * request at all to a private address unless allowed.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { dispatchReady } from "../../src/notify/dispatcher.js";
import { deliveryId } from "../../src/notify/sign.js";
import { startEmail } from "../../src/store/notification-emails.js";
import { claimNextNotification } from "../../src/store/notification-outbox.js";
import { startAttempt } from "../../src/store/outgoing-deliveries.js";
import { targetsFor } from "../../src/store/outgoing-webhooks.js";
import type { Database } from "../../src/store/database.js";
import { insertNotification, type NewNotification } from "../../src/store/notifications.js";
import {
  notificationEmails,
  notifications,
  outgoingDeliveries,
  outgoingWebhooks,
} from "../../src/store/schema.js";
import {
  payloadOf,
  startReceiver,
  type Receiver,
  type ReceivedRequest,
} from "../emulator/webhook-receiver.js";
import { freshDatabase } from "../helpers/databases.js";
import {
  FAST_POLICY,
  ghsyncSignatureVerifies,
  insertTarget,
  insertUser,
  testClock,
  testDispatchEnv,
} from "../helpers/notify-harness.js";
import { mailHeader, startSmtpSink, type SmtpSink } from "../helpers/smtp-sink.js";

const goalCompleted = (userId: number, goalId: number): NewNotification => ({
  userId,
  kind: "goal.completed",
  title: `Goal ${goalId} reached: 10 merged pull requests this month`,
  body: "You merged 10 of 10 pull requests.",
  data: { goal_id: goalId, metric: "pull_requests_merged", current: 10, target: 10, percent: 100 },
  dedupeKey: `goal:${goalId}:2026-11-01T00:00:00.000Z`,
});

describe("notification dispatch", () => {
  let database: Database;
  let smtp: SmtpSink;
  const receivers: Receiver[] = [];
  const receiver = async (answer: (request: ReceivedRequest) => number) => {
    const started = await startReceiver("unused", answer);
    receivers.push(started);
    return started;
  };
  beforeAll(async () => {
    database = await freshDatabase();
    smtp = await startSmtpSink();
  });
  afterEach(async () => {
    // Each test starts with an empty outbox: earlier rows are dispatched (or dropped) here.
    await database.db.delete(notifications);
    smtp.mails.length = 0;
  });
  afterAll(async () => {
    for (const started of receivers) await started.close();
    await smtp?.close();
    await database?.close();
  });

  it("sends one email and one delivery for a goal.completed written twice and dispatched by racing workers", async () => {
    const userId = await insertUser(database, { login: "ada", email: "ada@example.test" });
    const hook = await receiver(() => 200);
    await insertTarget(database, { userId, url: hook.url });
    expect(await insertNotification(database.db, goalCompleted(userId, 1))).toBeDefined();
    expect(await insertNotification(database.db, goalCompleted(userId, 1))).toBeUndefined();
    const env = testDispatchEnv(database, { smtpUrl: smtp.url, clock: testClock() });
    await Promise.all([dispatchReady(env), dispatchReady(env), dispatchReady(env)]);
    await dispatchReady(env);
    expect(smtp.mails).toHaveLength(1);
    expect(hook.requests).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail?.to).toEqual(["ada@example.test"]);
    expect(mailHeader(mail!, "Subject")).toBe("Goal 1 reached: 10 merged pull requests this month");
    const [email] = await database.db.select().from(notificationEmails);
    expect(email).toMatchObject({ status: "sent", attempts: 1, recipient: "ada@example.test" });
    const [row] = await database.db.select().from(notifications);
    expect(row?.dispatchedAt).not.toBeNull();
  });

  it("gives a notification to a target created in the same millisecond (dates read back lose microseconds)", async () => {
    const userId = await insertUser(database, { login: "mil" });
    const target = await insertTarget(database, { userId, url: "https://example.test/hook" });
    // The notification's time as the dispatcher has it: the target's own, cut to milliseconds.
    const found = await targetsFor(database.db, userId, "goal.completed", target.createdAt);
    expect(found.map((row) => row.id)).toEqual([target.id]);
  });

  it("plans no email at all without SMTP", async () => {
    const userId = await insertUser(database, { login: "bob", email: "bob@example.test" });
    await insertNotification(database.db, goalCompleted(userId, 2));
    expect(await dispatchReady(testDispatchEnv(database, { clock: testClock() }))).toBe(1);
    expect(await database.db.select().from(notificationEmails)).toEqual([]);
    expect(smtp.mails).toHaveLength(0);
  });

  it("delivers a signed {event, delivered_at, data} body with the event and delivery headers", async () => {
    const userId = await insertUser(database, { login: "cy" });
    const signed = await receiver((request) => (ghsyncSignatureVerifies("cy-secret", request) ? 204 : 401));
    const target = await insertTarget(database, { userId, url: signed.url, secret: "cy-secret" });
    const id = await insertNotification(database.db, goalCompleted(userId, 3));
    await dispatchReady(testDispatchEnv(database, { clock: testClock() }));
    expect(signed.requests).toHaveLength(1);
    const [request] = signed.requests;
    expect(request?.status).toBe(204);
    expect(request?.headers["x-ghsync-event"]).toBe("goal.completed");
    expect(request?.headers["x-ghsync-delivery"]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(payloadOf(request!)).toEqual({
      event: "goal.completed",
      delivered_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      data: goalCompleted(userId, 3).data,
    });
    const attempts = await database.db
      .select()
      .from(outgoingDeliveries)
      .where(eq(outgoingDeliveries.webhookId, target.id));
    expect(attempts).toEqual([
      expect.objectContaining({ notificationId: id, attempt: 1, status: "delivered", responseStatus: 204 }),
    ]);
  });

  it("sends Slack and Discord targets their own message formats", async () => {
    const userId = await insertUser(database, { login: "ian" });
    const chat = await receiver(() => 200);
    await insertTarget(database, { userId, url: `${chat.url}&service=slack`, kind: "slack" });
    await insertTarget(database, { userId, url: `${chat.url}&service=discord`, kind: "discord" });
    await insertNotification(database.db, goalCompleted(userId, 10));
    await dispatchReady(testDispatchEnv(database, { clock: testClock() }));
    const bodies = Object.fromEntries(
      chat.requests.map((request) => [request.path.split("service=")[1], payloadOf(request)]),
    );
    expect(bodies.slack).toMatchObject({ text: goalCompleted(userId, 10).title, blocks: expect.any(Array) });
    expect(bodies.discord).toMatchObject({
      allowed_mentions: { parse: [] },
      embeds: [expect.objectContaining({ title: goalCompleted(userId, 10).title })],
    });
  });

  it("retries with exponential backoff, one outgoing_deliveries row per attempt", async () => {
    const userId = await insertUser(database, { login: "dee" });
    let calls = 0;
    const flaky = await receiver(() => (++calls <= 2 ? 500 : 200));
    const target = await insertTarget(database, { userId, url: flaky.url });
    await insertNotification(database.db, goalCompleted(userId, 4));
    const clock = testClock();
    const env = testDispatchEnv(database, { clock });
    const t0 = clock.now().getTime();
    await dispatchReady(env);
    expect(await dispatchReady(env)).toBe(0); // the retry is not due yet
    clock.advance(FAST_POLICY.baseDelayMs);
    await dispatchReady(env);
    clock.advance(FAST_POLICY.baseDelayMs * 4);
    await dispatchReady(env);
    const attempts = await database.db
      .select()
      .from(outgoingDeliveries)
      .where(eq(outgoingDeliveries.webhookId, target.id))
      .orderBy(outgoingDeliveries.attempt);
    expect(attempts.map((a) => [a.attempt, a.status, a.responseStatus])).toEqual([
      [1, "failed", 500],
      [2, "failed", 500],
      [3, "delivered", 200],
    ]);
    expect(attempts.map((a) => a.attemptedAt.getTime() - t0)).toEqual([0, 1_000, 5_000]);
    expect(attempts.map((a) => (a.nextAttemptAt ? a.nextAttemptAt.getTime() - t0 : null))).toEqual([
      1_000,
      5_000,
      null,
    ]);
    expect(attempts[0]?.error).toBe("answered HTTP 500");
    const [webhook] = await database.db
      .select()
      .from(outgoingWebhooks)
      .where(eq(outgoingWebhooks.id, target.id));
    expect(webhook).toMatchObject({ active: true, consecutiveFailures: 0 });
    expect(flaky.requests).toHaveLength(3);
  });

  it("disables a target after repeated failures and tells its owner, by notification and email", async () => {
    const userId = await insertUser(database, { login: "eve", email: "eve@example.test" });
    const down = await receiver(() => 503);
    const target = await insertTarget(database, { userId, url: down.url });
    await insertNotification(database.db, goalCompleted(userId, 5));
    await insertNotification(database.db, goalCompleted(userId, 6));
    const clock = testClock();
    const env = testDispatchEnv(database, {
      smtpUrl: smtp.url,
      clock,
      policy: { ...FAST_POLICY, disableAfter: 3 },
    });
    await dispatchReady(env); // goal 5 attempt 1, goal 6 attempt 1
    clock.advance(FAST_POLICY.baseDelayMs);
    await dispatchReady(env); // goal 5 attempt 2 → third failure in a row: disabled
    clock.advance(60 * 60_000);
    await dispatchReady(env);
    expect(down.requests).toHaveLength(3);
    const [webhook] = await database.db
      .select()
      .from(outgoingWebhooks)
      .where(eq(outgoingWebhooks.id, target.id));
    expect(webhook).toMatchObject({ active: false, consecutiveFailures: 3 });
    expect(webhook?.disabledReason).toMatch(/^3 failed deliveries in a row; the last: answered HTTP 503/);
    const notices = await database.db
      .select()
      .from(notifications)
      .where(eq(notifications.kind, "webhook.disabled"));
    expect(notices).toEqual([
      expect.objectContaining({ userId, data: expect.objectContaining({ webhook_id: target.id }) }),
    ]);
    expect(notices[0]?.body).toContain(`/api/users/eve/webhooks/${target.id}/enable`);
    const subjects = smtp.mails.map((mail) => mailHeader(mail, "Subject"));
    expect(subjects.filter((subject) => subject?.includes("was disabled"))).toHaveLength(1);
    const pending = await database.db.select().from(notifications).where(eq(notifications.userId, userId));
    expect(pending.every((row) => row.dispatchedAt !== null)).toBe(true);
  });

  it("takes over the work of a worker that died mid-send once its lease ends (at-least-once)", async () => {
    const userId = await insertUser(database, { login: "gus", email: "gus@example.test" });
    const receiverOk = await receiver(() => 200);
    const target = await insertTarget(database, { userId, url: receiverOk.url });
    const id = (await insertNotification(database.db, goalCompleted(userId, 8))) as number;
    const clock = testClock();
    const inFlightUntil = new Date(clock.now().getTime() + FAST_POLICY.leaseMs);
    // The dead worker: claimed the notification, marked its email and its delivery in flight.
    await claimNextNotification(database.db, clock.now(), inFlightUntil);
    await startEmail(database.db, {
      notificationId: id,
      recipient: "gus@example.test",
      messageId: "<m>",
      at: clock.now(),
      inFlightUntil,
    });
    await startAttempt(database.db, {
      webhookId: target.id,
      notificationId: id,
      event: "goal.completed",
      attempt: 1,
      at: clock.now(),
      inFlightUntil,
    });
    const env = testDispatchEnv(database, { smtpUrl: smtp.url, clock });
    expect(await dispatchReady(env)).toBe(0); // still leased
    clock.advance(FAST_POLICY.leaseMs);
    expect(await dispatchReady(env)).toBe(1);
    expect(smtp.mails).toHaveLength(1);
    const [email] = await database.db
      .select()
      .from(notificationEmails)
      .where(eq(notificationEmails.notificationId, id));
    expect(email).toMatchObject({ status: "sent", attempts: 2 });
    const attempts = await database.db
      .select()
      .from(outgoingDeliveries)
      .where(eq(outgoingDeliveries.webhookId, target.id))
      .orderBy(outgoingDeliveries.attempt);
    expect(attempts.map((a) => [a.attempt, a.status, a.error])).toEqual([
      [1, "failed", "the worker stopped before the answer was recorded"],
      [2, "delivered", null],
    ]);
    expect(receiverOk.requests[0]?.headers["x-ghsync-delivery"]).toBe(deliveryId(id, target.id));
  });

  it("does not follow a redirect: the attempt fails naming where it pointed", async () => {
    const userId = await insertUser(database, { login: "hal" });
    const elsewhere = await receiver(() => 200);
    const redirecting = createServer((_request, response) => {
      response.writeHead(307, { location: elsewhere.url }).end();
    });
    await new Promise<void>((resolve) => redirecting.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = redirecting.address() as AddressInfo;
      const target = await insertTarget(database, { userId, url: `http://127.0.0.1:${port}/hook` });
      await insertNotification(database.db, goalCompleted(userId, 9));
      await dispatchReady(testDispatchEnv(database, { clock: testClock() }));
      const [attempt] = await database.db
        .select()
        .from(outgoingDeliveries)
        .where(eq(outgoingDeliveries.webhookId, target.id));
      expect(attempt).toMatchObject({ status: "failed", responseStatus: 307 });
      expect(attempt?.error).toBe(
        `answered 307 redirecting to ${elsewhere.url}; redirects are not followed: configure the final URL`,
      );
      expect(elsewhere.requests).toHaveLength(0);
    } finally {
      redirecting.closeAllConnections();
      await new Promise((resolve) => redirecting.close(resolve));
    }
  });

  it("sends nothing to loopback addresses unless allowed, and says why on the attempt", async () => {
    const userId = await insertUser(database, { login: "fay" });
    const local = await receiver(() => 200);
    const byAddress = await insertTarget(database, { userId, url: local.url });
    const byName = await insertTarget(database, { userId, url: local.url.replace("127.0.0.1", "localhost") });
    await insertNotification(database.db, goalCompleted(userId, 7));
    await dispatchReady(testDispatchEnv(database, { clock: testClock(), allowPrivate: false }));
    expect(local.requests).toHaveLength(0);
    for (const target of [byAddress, byName]) {
      const attempts = await database.db
        .select()
        .from(outgoingDeliveries)
        .where(eq(outgoingDeliveries.webhookId, target.id));
      expect(attempts).toEqual([expect.objectContaining({ status: "refused", nextAttemptAt: null })]);
      expect(attempts[0]?.error).toMatch(/is a loopback address; .*GHSYNC_ALLOW_PRIVATE_WEBHOOKS=1/);
    }
  });
});
