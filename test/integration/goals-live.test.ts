/**
 * Goals while activity arrives, on both databases (regression for the double counting found in
 * the review of seed 000, where a webhook incremented what a page load then overwrote): the same
 * commits, pull requests and reviews arrive by webhook and then by reconciliation, and the other
 * way round, each delivery sent twice (the same delivery id, and a new one) — and every goal
 * still equals the brute-force count over the emulator's truth. Crossing a target writes exactly
 * one `goal.completed` notification however often the goal is re-evaluated, which reaches the
 * person as exactly one email (a real SMTP server) and one signed outgoing delivery; a manual goal
 * never moves on sync.
 */
import type { AutoMetric } from "../../src/contract/enums.js";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { evaluateOpenGoals } from "../../src/metrics/evaluate-goals.js";
import type { Goal as GoalView } from "../../src/contract/goals.js";
import { queryRows } from "../../src/store/raw-query.js";
import { jobsWithStatus } from "../../src/store/sync-jobs.js";
import { readTruth, truthCount, type TruthPerson } from "../helpers/goal-truth.js";
import { eventually, startTestServer, type TestServer } from "../helpers/server-harness.js";
import { startWebhookRelay, type WebhookRelay } from "../helpers/webhook-relay.js";
import { payloadOf, startReceiver, type Receiver } from "../emulator/webhook-receiver.js";
import { SECRET_KEY, ghsyncSignatureVerifies } from "../helpers/notify-harness.js";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink.js";

const SECRET = "goals-webhook-secret";
const METRICS: AutoMetric[] = [
  "commits",
  "pull_requests_opened",
  "pull_requests_merged",
  "reviews_submitted",
];

describe("goals with webhooks and reconciliation", () => {
  let relay: WebhookRelay;
  let smtp: SmtpSink;
  let receiver: Receiver;
  let targetSecret = "";
  let emulator: RunningEmulator;
  let server: TestServer;
  let repo: string;
  let person: TruthPerson;
  let other: string;
  /** The person's pull request opened in the first test, merged in the second. */
  let pullNumber = 0;
  const goals: Record<string, number> = {};
  let window: { start: string; end: string };

  const idle = (what: string) =>
    eventually(
      async () => {
        const [job] = await jobsWithStatus(server.database.db, ["queued", "waiting", "running"]);
        const [pending] = await queryRows<{ n: string | number }>(
          server.database.db,
          sql`select count(*) as n from webhook_deliveries where status in ('received', 'failed')`,
        );
        return !job && Number(pending?.n) === 0 ? true : undefined;
      },
      60_000,
      what,
    );
  const json = async <T>(path: string, init?: RequestInit): Promise<T> => {
    const response = await server.api(path, init);
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const goalsNow = async () =>
    Object.fromEntries(
      (await json<{ items: GoalView[] }>("/api/goals?user=dev")).items.map((goal) => [goal.metric, goal]),
    );
  /** Every auto goal equals the truth's count for its window; returns the counts. */
  const expectTruth = async () => {
    const truth = readTruth(emulator.admin);
    const view = await goalsNow();
    const scope = { start: new Date(window.start), end: new Date(window.end) };
    for (const metric of METRICS) {
      expect({ metric, current: view[metric]?.current }).toEqual({
        metric,
        current: truthCount(truth, metric, person, [person], scope),
      });
    }
    return Object.fromEntries(METRICS.map((metric) => [metric, view[metric]?.current]));
  };
  const deliver = async (relayed: ReturnType<WebhookRelay["take"]>) => {
    const target = `${server.url}/webhooks/github`;
    await relay.forward(target, relayed);
    await relay.forward(target, relayed); // a repeat: same delivery ids
    await relay.forward(target, relayed, { freshIds: true }); // the same facts in new deliveries
    await idle("the deliveries");
  };
  const reconcile = async () => {
    expect((await server.api("/api/sync/reconcile", { method: "POST" })).status).toBe(202);
    await idle("the reconciliation");
  };
  const notifications = (kind: string) =>
    queryRows<{ dedupe_key: string; data: { current: number; target: number } }>(
      server.database.db,
      sql`select dedupe_key, data from notifications where kind = ${kind} and (data->>'goal_id')::bigint = ${goals.commits} order by id`,
    );

  beforeAll(async () => {
    relay = await startWebhookRelay();
    smtp = await startSmtpSink();
    receiver = await startReceiver("unused", (request) =>
      ghsyncSignatureVerifies(targetSecret, request) ? 200 : 401,
    );
    emulator = await startEmulator({
      port: 0,
      seed: 77,
      repos: 1,
      scale: "small",
      webhook: { url: relay.url, secret: SECRET },
    });
    server = await startTestServer({
      GITHUB_API_URL: emulator.url,
      GITHUB_TOKEN: "goals-token",
      GITHUB_WEBHOOK_SECRET: SECRET,
      GHSYNC_RECOVERY_INTERVAL_S: "1",
      SMTP_URL: smtp.url,
      GHSYNC_SECRET_KEY: SECRET_KEY,
      GHSYNC_ALLOW_PRIVATE_WEBHOOKS: "1",
    });
    const [truthRepo] = emulator.admin.repositories();
    if (!truthRepo) throw new Error("no repository");
    repo = truthRepo.full_name;
    await json("/api/repos", { method: "POST", body: JSON.stringify({ full_name: repo, depth: "full" }) });
    await idle("the backfill");
    relay.take();
    const humans = [...new Set(emulator.admin.pulls(repo).map((pull) => pull.author_login))].filter(
      (login) => !login.endsWith("[bot]"),
    );
    const [first, second, third] = humans;
    if (!first || !second || !third) throw new Error("too few people");
    person = { logins: [first, second], commitEmails: [] };
    other = third;
    await json("/api/users", {
      method: "POST",
      body: JSON.stringify({ login: "dev", timezone: "Europe/Berlin", email: "dev@example.test" }),
    });
    const target = await json<{ secret: string }>("/api/users/dev/webhooks", {
      method: "POST",
      body: JSON.stringify({ url: receiver.url, events: ["goal.completed"] }),
    });
    targetSecret = target.secret;
    for (const login of person.logins) {
      await json("/api/users/dev/accounts", { method: "POST", body: JSON.stringify({ login }) });
    }
    const now = emulator.admin.now().getTime();
    window = {
      start: new Date(now - 3_600_000).toISOString(),
      end: new Date(now + 86_400_000).toISOString(),
    };
    for (const metric of [...METRICS, "manual"]) {
      const goal = await json<GoalView>("/api/goals", {
        method: "POST",
        body: JSON.stringify({
          user: "dev",
          metric,
          window: "custom",
          ...window,
          target: 1000,
          ...(metric === "manual" ? { current: 4 } : {}),
        }),
      });
      goals[metric] = goal.id;
    }
    // The commits goal completes with the third new commit.
    const start = (await goalsNow()).commits as GoalView;
    await json(`/api/goals/${goals.commits}`, {
      method: "PATCH",
      body: JSON.stringify({ target: start.current + 3 }),
    });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await emulator?.close();
    await relay?.close();
    await receiver?.close();
    await smtp?.close();
  });

  it("activity by webhook and then by reconciliation counts once", async () => {
    const [author, coauthor] = person.logins as [string, string];
    emulator.admin.addCommits(repo, { count: 3, author });
    const pull = emulator.admin.openPull(repo, { author: coauthor, title: "Goal work", draft: false });
    pullNumber = pull.number;
    const theirs = emulator.admin.openPull(repo, { author: other });
    emulator.admin.addReview(repo, theirs.number, { state: "APPROVED", author });
    emulator.admin.addReview(repo, pull.number, { state: "COMMENTED", author }); // own pull request: not counted
    await emulator.admin.flushWebhooks();
    await deliver(relay.take());
    const before = await expectTruth();
    await reconcile();
    expect(await expectTruth()).toEqual(before);
    const completed = await eventually(async () => {
      const rows = await notifications("goal.completed");
      return rows.length > 0 ? rows : undefined;
    });
    expect(completed).toHaveLength(1);
  });

  it("activity by reconciliation and then by webhook counts once", async () => {
    const [author, coauthor] = person.logins as [string, string];
    emulator.admin.addCommits(repo, { count: 2, author: coauthor });
    emulator.admin.mergePull(repo, pullNumber, { by: other });
    const theirs = emulator.admin.openPull(repo, { author: other });
    emulator.admin.addReview(repo, theirs.number, { state: "CHANGES_REQUESTED", author });
    await emulator.admin.flushWebhooks();
    const relayed = relay.take();
    await reconcile();
    const before = await expectTruth();
    await deliver(relayed);
    expect(await expectTruth()).toEqual(before);
  });

  it("the target's crossing is announced once however often goals are evaluated", async () => {
    const env = { db: server.database.db, botLogins: [], now: () => new Date() };
    for (let i = 0; i < 3; i++) await evaluateOpenGoals(env);
    const completed = await notifications("goal.completed");
    expect(completed).toHaveLength(1);
    expect(completed[0]?.dedupe_key).toBe(`goal:${goals.commits}:${new Date(window.start).toISOString()}`);
    const view = (await goalsNow()).commits as GoalView;
    expect(view.completed_at).not.toBeNull();
    expect(view.percent).toBe(100);
    expect(view.percent_uncapped).toBeGreaterThan(100);
    // Progress was announced per value, the last one being the count now.
    const progress = await notifications("goal.progress");
    expect(progress.at(-1)?.data.current).toBe(view.current);
    expect(new Set(progress.map((row) => row.data.current)).size).toBe(progress.length);

    // The person hears of it once: one email, one signed delivery (it was delivered twice, under
    // two delivery ids, and reconciled; and evaluated again and again).
    await eventually(async () => (receiver.requests.length > 0 && smtp.mails.length > 0 ? true : undefined));
    expect(smtp.mails.map((mail) => mail.to)).toEqual([["dev@example.test"]]);
    expect(receiver.requests).toHaveLength(1);
    const [delivery] = receiver.requests;
    expect(delivery?.status).toBe(200);
    expect(payloadOf(delivery!)).toMatchObject({
      event: "goal.completed",
      data: { goal_id: goals.commits, current: completed[0]?.data.current, target: view.target },
    });
  });

  it("a manual goal never moves on sync, and takes its value by PATCH", async () => {
    const manual = (await goalsNow()).manual as GoalView;
    expect(manual).toMatchObject({ current: 4, manual: true, auto_synced: false, last_synced_at: null });
    const refused = await server.api(`/api/goals/${goals.commits}`, {
      method: "PATCH",
      body: JSON.stringify({ current: 1 }),
    });
    expect(refused.status).toBe(400);
    const set = await json<GoalView>(`/api/goals/${goals.manual}`, {
      method: "PATCH",
      body: JSON.stringify({ current: 1200 }),
    });
    expect(set).toMatchObject({ current: 1200, percent: 100, percent_uncapped: 120 });
    expect(set.completed_at).not.toBeNull();
  });
});
