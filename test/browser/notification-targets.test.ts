/**
 * The notification-targets page in real headless Chromium against `ghsync serve` (in-process, on
 * PostgreSQL): add a signed webhook to a local receiver (its secret shown once), send a test
 * message and see it arrive signed, read the delivery log of a real notification, re-enable a
 * target switched off after failures, delete one, send a test email to a real SMTP server — at
 * 1440 and 375 px, with no console error.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WEB_ROOT } from "../../src/api/dashboard.js";
import { insertNotification } from "../../src/store/notifications.js";
import { kickDispatch } from "../../src/jobs/notify-jobs.js";
import { outgoingWebhooks } from "../../src/store/schema.js";
import { payloadOf, startReceiver, type Receiver } from "../emulator/webhook-receiver.js";
import { SECRET_KEY, ghsyncSignatureVerifies, insertUser } from "../helpers/notify-harness.js";
import { API_TOKEN, eventually, startTestServer, type TestServer } from "../helpers/server-harness.js";
import { mailHeader, startSmtpSink, type SmtpSink } from "../helpers/smtp-sink.js";
import { silentLog } from "../helpers/sync-harness.js";
import { openBrowser, screenshots, type Browser } from "./chromium.js";

describe("notification targets in Chromium", () => {
  let server: TestServer;
  let receiver: Receiver;
  let smtp: SmtpSink;
  let browser: Browser;
  let page: Page;
  let secret = "";
  let userId = 0;

  beforeAll(async () => {
    if (!existsSync(path.join(WEB_ROOT, "index.html"))) throw new Error("run `npm run build` first");
    receiver = await startReceiver("unused", (request) =>
      ghsyncSignatureVerifies(secret, request) ? 200 : 401,
    );
    smtp = await startSmtpSink();
    server = await startTestServer({
      GHSYNC_SECRET_KEY: SECRET_KEY,
      GHSYNC_ALLOW_PRIVATE_WEBHOOKS: "1",
      SMTP_URL: smtp.url,
    });
    userId = await insertUser(server.database, { login: "grace", email: "grace@example.test" });
    browser = await openBrowser();
    page = browser.page;
    await page.goto(`${server.url}/`);
    await page.getByLabel("API token").fill(API_TOKEN);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "Repositories" }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await receiver?.close();
    await smtp?.close();
  });

  /** The URL as the page shows it: the API shows no query string (it may hold a token). */
  const shown = () => receiver.url.split("?")[0];
  /** Away and back through the navigation: the list is read again (a reload would cut the event stream). */
  const revisit = async () => {
    await page.getByRole("link", { name: "Notifications", exact: true }).click();
    await page.getByRole("link", { name: "Targets", exact: true }).click();
    await target().waitFor();
  };
  const target = () => page.getByRole("listitem", { name: `Signed webhook (JSON) ${shown()}` });

  it("is reached from the navigation and the Notifications page, and starts empty", async () => {
    await page.getByRole("link", { name: "Notifications", exact: true }).click();
    await page.getByRole("link", { name: "notification targets" }).click();
    await page.getByRole("heading", { level: 1, name: "Notification targets" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/notifications/targets");
    await page.getByText("grace has no target yet").waitFor();
    await screenshots(page, "targets-empty");
  });

  it("adds a signed webhook and shows its secret once", async () => {
    await page.getByLabel("URL").fill(receiver.url);
    await page.getByLabel("Goal progress").check();
    await page.getByRole("button", { name: "Add target" }).click();
    await page.getByText("Target added for grace.").waitFor();
    secret = (await page.locator(".secret code.copyable").textContent()) ?? "";
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    await target().waitFor();
    const [row] = await server.database.db.select().from(outgoingWebhooks);
    expect(row?.events).toEqual(["sync.completed", "goal.completed", "goal.progress"]);
    await screenshots(page, "targets-created");
    await revisit();
    expect(await page.content()).not.toContain(secret);
  });

  it("sends a test message that arrives signed, and says when the receiver refuses it", async () => {
    await target()
      .getByRole("button", { name: /^Send test/ })
      .click();
    await page.getByText(/^Test message delivered \(HTTP 200, \d+ ms\)\.$/).waitFor();
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]?.status).toBe(200);
    expect(payloadOf(receiver.requests[0]!)).toMatchObject({ event: "ping", data: { test: true } });

    const kept = secret;
    secret = "rotated-elsewhere";
    await target()
      .getByRole("button", { name: /^Send test/ })
      .click();
    await page.getByText("Test message failed: answered HTTP 401.").waitFor();
    secret = kept;
  });

  it("shows the delivery log of a real notification", async () => {
    await insertNotification(server.database.db, {
      userId,
      kind: "goal.completed",
      title: "Goal reached: 5 reviews",
      data: { goal_id: 1 },
      dedupeKey: "browser-goal-1",
    });
    // What the code that writes a notification does: ask a worker to dispatch it now.
    await kickDispatch(server.runner.queue, silentLog);
    await eventually(async () => (receiver.requests.length >= 3 ? true : undefined), 30_000, "the delivery");
    await target()
      .getByRole("button", { name: /^Show deliveries/ })
      .click();
    const log = target().getByRole("table");
    await log.getByRole("cell", { name: "goal.completed" }).waitFor();
    await log.getByText("delivered").waitFor();
    await screenshots(page, "targets-log");
  });

  it("re-enables a target switched off after failures", async () => {
    await server.database.db
      .update(outgoingWebhooks)
      .set({
        active: false,
        consecutiveFailures: 10,
        disabledAt: new Date(),
        disabledReason: "10 failures in a row",
      })
      .where(eq(outgoingWebhooks.userId, userId));
    await revisit();
    await target().getByText("Disabled", { exact: true }).waitFor();
    await target()
      .getByText(/10 failures in a row/)
      .first()
      .waitFor();
    await screenshots(page, "targets-disabled");
    await target()
      .getByRole("button", { name: /^Re-enable/ })
      .click();
    await page.getByText(`Target ${shown()} is on again.`).waitFor();
    await target().getByText("On", { exact: true }).waitFor();
    const [row] = await server.database.db.select().from(outgoingWebhooks);
    expect(row).toMatchObject({ active: true, consecutiveFailures: 0, disabledAt: null });
  });

  it("deletes a target after asking", async () => {
    await target()
      .getByRole("button", { name: /^Delete/ })
      .click();
    await page
      .getByRole("group", { name: `Delete target ${shown()}?` })
      .getByRole("button", { name: "Delete" })
      .click();
    await page.getByText(`Target ${shown()} deleted.`).waitFor();
    await page.getByText("grace has no target yet").waitFor();
    expect(await server.database.db.select().from(outgoingWebhooks)).toEqual([]);
  });

  it("sends a test email to the person's address through SMTP", async () => {
    await page.getByText("Notifications are also emailed to grace@example.test").waitFor();
    const before = smtp.mails.length;
    await page.getByRole("button", { name: "Send test email" }).click();
    await page.getByText("Test email sent to grace@example.test.").waitFor();
    const mail = smtp.mails.at(before);
    expect(mail?.to).toEqual(["grace@example.test"]);
    expect(mailHeader(mail!, "Subject")).toBe("Test email from ghsync");
  });

  it("had no console error, exception or failed request", () => {
    // The refused test message is the receiver's 401 to ghsync, not a failed request of the page.
    expect(browser.problems).toEqual([]);
  });
});
