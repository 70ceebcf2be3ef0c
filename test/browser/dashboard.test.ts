/**
 * The dashboard in real headless Chromium against `ghsync serve` (in-process, on PostgreSQL) and the
 * emulator: sign in with a token, track a repository and watch its progress bar reach 100% from
 * the event stream, the Sync and Webhooks pages, redelivery of a delivery whose processing
 * failed, markup from the API shown as text — with no console error or failed request anywhere,
 * and screenshots of every page at 375 and 1440 px in test-results/screenshots.
 */
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WEB_ROOT } from "../../src/api/dashboard.js";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { sign } from "../../src/util/signature.js";
import { openBrowser, problemsBesideLeaving, screenshots, type Browser } from "./chromium.js";
import {
  API_TOKEN,
  eventually,
  settled,
  startTestServer,
  type TestServer,
} from "../helpers/server-harness.js";

const SECRET = "browser-webhook-secret";
const issuesOpened = (
  createRequire(import.meta.url)("@octokit/webhooks-examples/api.github.com/index.json") as {
    name: string;
    examples: { action?: string; issue?: Record<string, unknown> }[];
  }[]
)
  .find((group) => group.name === "issues")
  ?.examples.find((example) => example.action === "opened");

describe("the dashboard in Chromium", () => {
  let emulator: RunningEmulator;
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(path.join(WEB_ROOT, "index.html"))) throw new Error("run `npm run build` first");
    emulator = await startEmulator({ port: 0, seed: 5, repos: 2, scale: "small", latencyMs: 40 });
    server = await startTestServer({
      GITHUB_API_URL: emulator.url,
      GITHUB_TOKEN: "browser-test-token",
      GITHUB_WEBHOOK_SECRET: SECRET,
    });
    browser = await openBrowser();
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await emulator?.close();
  });

  const deliver = (event: string, body: string) =>
    fetch(`${server.url}/webhooks/github`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": event,
        "x-github-delivery": randomUUID(),
        "x-github-hook-id": "77",
        "x-hub-signature-256": sign(SECRET, body),
      },
      body,
    });
  const deliveryWith = (status: string, event: string) =>
    eventually(async () => {
      const list = (await (await server.api(`/api/webhooks/deliveries?status=${status}`)).json()) as {
        items: { id: number; event: string; attempts: number }[];
      };
      return list.items.find((item) => item.event === event);
    });

  it("signs in with an API token, and the login page makes no failing request", async () => {
    await page.goto(`${server.url}/`);
    await page.getByLabel("API token").waitFor();
    expect(browser.problems).toEqual([]);
    await screenshots(page, "login");
    await page.getByLabel("API token").fill(API_TOKEN);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "Repositories" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/repositories");
    expect(await page.content()).not.toContain(API_TOKEN);
    await page.getByText("No repository is tracked yet").waitFor();
    await screenshots(page, "repositories-empty");
  });

  it("tracks a repository and its progress bar reaches 100% from the live events", async () => {
    const [repo] = emulator.admin.activeRepos();
    const fullName = `acme/${repo?.name}`;
    await page.getByLabel("Repository (OWNER/REPO)").fill(fullName);
    await page.getByLabel("Full history").check();
    // Every text the bar shows, as it changes (the page keeps it; nothing is sampled from here).
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver(() => {
        for (const bar of document.querySelectorAll("progress"))
          seen.push(`${bar.value}|${bar.ariaValueText}`);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await page.getByRole("button", { name: "Track", exact: true }).click();
    await page.getByText(`Tracking ${fullName} (full history)`).waitFor();
    const bar = page.getByRole("progressbar", { name: `${fullName} sync progress` });
    await expect
      .poll(() => bar.evaluate((el) => (el as HTMLProgressElement).value), { timeout: 60_000 })
      .toBe(100);
    await page
      .getByRole("row", { name: new RegExp(fullName) })
      .getByText("Up to date")
      .waitFor();
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    const live = seen.filter((entry) => / of \d+ requests \(\d+%\)/.test(entry));
    expect(live.length, seen.join("\n")).toBeGreaterThan(0);
    expect(seen.some((entry) => /^(\d+)\|/.test(entry) && Number(entry.split("|")[0]) < 100)).toBe(true);
    await screenshots(page, "repositories");
  });

  it("shows each repository's last verification, and re-reads one from GitHub once asked", async () => {
    const [repo] = emulator.admin.activeRepos();
    const fullName = `acme/${repo?.name}`;
    const row = page.getByRole("row", { name: new RegExp(fullName) });
    await row.getByText("never verified").waitFor();
    const [comment] = emulator.admin.comments(fullName);
    if (comment) emulator.admin.deleteComment(fullName, comment.id);
    await server.api("/api/sync/verify", {
      method: "POST",
      body: JSON.stringify({ repositories: [fullName] }),
    });
    await settled(server.database.db, "the verification");
    // Away and back: the page reads the list again.
    await page.getByRole("link", { name: "Sync" }).click();
    await page.getByRole("link", { name: "Repositories" }).click();
    await row.getByText(/^verified .+ · \d+ repaired$/).waitFor();
    expect(await row.getByText(/^verified/).getAttribute("title")).toMatch(/, 1 deleted,/);

    await row.getByRole("button", { name: /^Re-read from GitHub/ }).click();
    await row.getByText(/^Re-read everything from GitHub\? It costs/).waitFor();
    await row.getByRole("button", { name: "Re-read", exact: true }).click();
    await page.getByText(`Re-read of ${fullName} queued.`).waitFor();
    await settled(server.database.db, "the re-read");
    const jobs = (await (await server.api("/api/sync/jobs?type=backfill")).json()) as {
      items: { status: string; repository: string; params: Record<string, unknown> }[];
    };
    const reread = jobs.items.find((job) => job.repository === fullName && "refetch" in job.params);
    // Started (its read state forgotten once), then completed.
    expect(reread).toMatchObject({ status: "completed", params: { refetch: false } });
  });

  it("shows the Sync page: totals, freshness, rate-limit gauges and the job history with filters", async () => {
    await page.getByRole("link", { name: "Sync" }).click();
    await page.getByRole("heading", { level: 1, name: "Sync" }).waitFor();
    await page.getByText("Success rate").waitFor();
    // Freshness: the tracked repositories are synced, so their staleness is a duration, not "—".
    const freshness = page.getByRole("region", { name: "Freshness" });
    await freshness.getByText("Staleness, p95").waitFor();
    expect(await freshness.locator("dd").first().textContent()).not.toBe("—");
    await freshness.getByText(/Polling, last hour \(20% budget\)/).waitFor();
    await page.locator("meter").first().waitFor();
    await page.getByLabel("Status").selectOption("completed");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect
      .poll(async () => {
        const statuses = await page.locator("tbody tr td[data-label=Status] .badge").allTextContents();
        return statuses.length > 0 && statuses.every((status) => status === "Completed");
      })
      .toBe(true);
    await screenshots(page, "sync");
  });

  it("redelivers a delivery whose processing failed, and shows API text as text", async () => {
    const broken = { ...issuesOpened, issue: { ...issuesOpened?.issue, id: 98_000_001, created_at: null } };
    expect((await deliver("issues", JSON.stringify(broken))).status).toBe(202);
    const failed = await deliveryWith("failed", "issues");
    expect((await deliver("<img src=x onerror=alert(1)>", JSON.stringify({ zen: "<script>" }))).status).toBe(
      202,
    );
    await deliveryWith("ignored", "<img src=x onerror=alert(1)>");

    await page.getByRole("link", { name: "Webhooks" }).click();
    await page.getByRole("heading", { level: 1, name: "Webhooks" }).waitFor();
    expect(await page.locator("#payload-url").textContent()).toBe(`${server.url}/webhooks/github`);
    await page.getByRole("row", { name: /<img src=x onerror=alert\(1\)>/ }).waitFor();
    expect(await page.locator("main img").count()).toBe(0);

    const row = page.getByRole("row", { name: /issues\.opened/ });
    await row.getByText("Failed").waitFor();
    const redelivered = page.waitForResponse((response) =>
      response.url().endsWith(`/api/webhooks/deliveries/${failed.id}/redeliver`),
    );
    await row.getByRole("button", { name: /Redeliver/ }).click();
    expect((await redelivered).status()).toBe(202);
    await page.getByText(/is being applied again/).waitFor();
    await expect
      .poll(async () => Number(await row.locator("td[data-label=Attempts]").textContent()), {
        timeout: 20_000,
      })
      .toBeGreaterThan(failed.attempts);
    await screenshots(page, "webhooks");
  });

  it("works from the keyboard: skip link, navigation, actions", async () => {
    await page.getByRole("link", { name: "Repositories" }).click();
    await page.getByRole("heading", { level: 1, name: "Repositories" }).waitFor();
    const focused = () =>
      page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent);
    expect(await focused()).toBe("main"); // a new page puts the focus on its content
    for (let presses = 0; presses < 10 && (await focused()) !== "Skip to content"; presses++) {
      await page.keyboard.press("Shift+Tab");
    }
    expect(await focused()).toBe("Skip to content");
    await page.keyboard.press("Enter");
    expect(await focused()).toBe("main");
    await page.getByRole("button", { name: /^Sync now/ }).focus();
    await page.keyboard.press("Enter");
    await page.getByText(/^Sync of acme\/\S+ queued\.$/).waitFor();
    await page.getByRole("link", { name: "Webhooks" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Webhooks" }).waitFor();
    // The title is set just after the page renders: waited for, not read once (flaky under load).
    await expect.poll(() => page.title()).toBe("Webhooks · ghsync");
    expect(await focused()).toBe("main");
  });

  it("had no console error, exception or failed request on any page", () => {
    expect(browser.problems).toEqual([]);
  });

  it("signs out: the session ends and the sign-in form is back", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("API token").waitFor();
    const cookies = await browser.context.cookies(server.url);
    expect(cookies.find((cookie) => cookie.name === "ghsync_session")).toBeUndefined();
    await page.reload();
    await page.getByLabel("API token").waitFor();
    // Closing the event stream at sign-out is the only request that may end early.
    expect(problemsBesideLeaving(browser.problems)).toEqual([]);
  });
});
