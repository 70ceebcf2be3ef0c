/**
 * The Goals, Activity and Notifications pages in real headless Chromium against `ghsync serve`
 * (in-process, on PostgreSQL) and the emulator, whose changes reach the server as signed webhooks: add a
 * person from the empty state, create a goal and watch its progress rise when the linked account
 * pushes (the `goals:evaluated` event), a manual goal completed by hand, the activity charts with their table, a notification
 * marked read — no console error or failed request on any page, screenshots at 375 and 1440 px.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WEB_ROOT } from "../../src/api/dashboard.js";
import { eq } from "drizzle-orm";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { insertNotification } from "../../src/store/notifications.js";
import { users } from "../../src/store/schema.js";
import {
  API_TOKEN,
  eventually,
  freePort,
  startTestServer,
  type TestServer,
} from "../helpers/server-harness.js";
import { openBrowser, screenshots, type Browser } from "./chromium.js";

const SECRET = "goals-webhook-secret";

describe("goals, activity and notifications in Chromium", () => {
  let emulator: RunningEmulator;
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let repo: string;
  let account: string;

  beforeAll(async () => {
    if (!existsSync(path.join(WEB_ROOT, "index.html"))) throw new Error("run `npm run build` first");
    const port = await freePort();
    emulator = await startEmulator({
      port: 0,
      seed: 9,
      repos: 1,
      scale: "small",
      webhook: { url: `http://127.0.0.1:${port}/webhooks/github`, secret: SECRET },
    });
    server = await startTestServer(
      { GITHUB_API_URL: emulator.url, GITHUB_TOKEN: "browser-test-token", GITHUB_WEBHOOK_SECRET: SECRET },
      undefined,
      port,
    );
    const [record] = emulator.admin.activeRepos();
    repo = `acme/${record?.name}`;
    account = emulator.admin.commits(repo).find((commit) => commit.author_login)?.author_login ?? "";
    await server.api("/api/repos", {
      method: "POST",
      body: JSON.stringify({ full_name: repo, depth: "full" }),
    });
    await eventually(async () => {
      const list = (await (await server.api("/api/repos")).json()) as { items: { state: string }[] };
      return list.items[0]?.state === "up_to_date" ? true : undefined;
    }, 60_000);
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
    await emulator?.close();
  });

  /** The numbers a goal's bar says: "3 of 50 commits (6%), …" → 3. */
  const progressOf = async (title: string) => {
    const text = await page
      .getByRole("progressbar", { name: `${title} progress` })
      .getAttribute("aria-valuetext");
    return Number(/^(\d+) of/.exec(text ?? "")?.[1]);
  };

  it("says how to add a person when there is none, and adds one with a GitHub login", async () => {
    await page.getByRole("link", { name: "Goals" }).click();
    await page.getByText("nobody is set up yet").waitFor();
    await screenshots(page, "goals-empty");
    await page.getByLabel("Name in ghsync").fill("ada");
    await page.getByLabel("GitHub logins (comma separated)").fill(account);
    await page.getByRole("button", { name: "Add person" }).click();
    await page.getByText(`Added ada linked to GitHub ${account}.`).waitFor();
    await page.getByText("ada has no goal yet").waitFor();
  });

  it("creates a weekly commits goal whose progress rises when the linked account pushes", async () => {
    await page.getByLabel("Count").selectOption("commits");
    await page.getByLabel("Target").fill("500");
    await page.getByLabel("Title (optional)").fill("Ship it");
    await page.getByRole("button", { name: "Create goal" }).click();
    const card = page.getByRole("listitem").filter({ hasText: "Ship it" });
    await card.getByText("Auto-synced").waitFor();
    await card.getByText(/updated/).waitFor();
    const before = await progressOf("Ship it");
    emulator.admin.addCommits(repo, { count: 2, author: account });
    // The push arrives as a webhook; its goal evaluation's event makes the page read the goals
    // again (well before the page's 30 s fallback refresh).
    await expect.poll(() => progressOf("Ship it"), { timeout: 12_000 }).toBe(before + 2);
    expect(await card.getByRole("progressbar").getAttribute("aria-valuetext")).toMatch(
      /^\d+ of 500 commits \(\d+%\), \d+ \w+ – \d+ \w+ \d{4}$/,
    );
  });

  it("completes a manual goal by hand, edits and deletes goals", async () => {
    await page.getByLabel("Count").selectOption("manual");
    await page.getByLabel("Target").fill("3");
    await page.getByLabel("Between two dates").check();
    await page.getByLabel("From").fill("2026-01-01");
    await page.getByLabel("To (included)").fill("2030-12-31");
    await page.getByLabel("Title (optional)").fill("Read the docs");
    await page.getByRole("button", { name: "Create goal" }).click();
    const card = page.getByRole("listitem").filter({ hasText: "Read the docs" });
    await card.getByText("Set by hand").waitFor();
    await card.getByRole("button", { name: "Update progress Read the docs" }).click();
    // From the keyboard: the editor opens on the progress field, Enter saves.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toMatch(/-current$/);
    await page.keyboard.press("Control+A");
    await page.keyboard.type("3");
    await page.keyboard.press("Enter");
    await card.getByText("Completed").waitFor();
    expect(await progressOf("Read the docs")).toBe(3);
    await screenshots(page, "goals");

    const shipped = page.getByRole("listitem").filter({ hasText: "Ship it" });
    await shipped.getByRole("button", { name: "Edit Ship it" }).click();
    await shipped.getByLabel("Title").fill("Ship it weekly");
    await shipped.getByRole("button", { name: "Save" }).click();
    const renamed = page.getByRole("listitem").filter({ hasText: "Ship it weekly" });
    await renamed.getByRole("button", { name: "Delete Ship it weekly" }).click();
    await renamed.getByRole("button", { name: "Delete", exact: true }).click();
    await page.getByText('Goal "Ship it weekly" deleted.').waitFor();
    await expect.poll(() => renamed.count()).toBe(0);
  });

  it("shows the person's streak, saves streak freezes and joins the public leaderboard", async () => {
    const streak = page.getByRole("region", { name: "Streak of ada" });
    await streak.getByText("Current streak").waitFor();
    await streak.getByLabel("Streak freezes a month").fill("2");
    await streak.getByLabel("On the public leaderboard (public repositories only)").check();
    await streak.getByRole("button", { name: "Save" }).click();
    await page.getByText("Saved ada's streak settings.").waitFor();
    const person = (await (await server.api("/api/users/ada")).json()) as Record<string, unknown>;
    expect(person).toMatchObject({ streak_freezes: 2, leaderboard: true, public: true });
    // Back to the page (a reload would cut the event stream): the leaderboard is read again.
    await page.getByRole("link", { name: "Activity" }).click();
    await page.getByRole("link", { name: "Goals" }).click();
    const board = page.getByRole("region", { name: "Leaderboard" });
    await board.getByRole("rowheader", { name: "ada" }).waitFor();
    await screenshots(page, "goals-streak-leaderboard");
  });

  it("charts the weekly activity with a table of the same numbers, filtered by person", async () => {
    await page.getByRole("link", { name: "Activity" }).click();
    await page.getByRole("heading", { level: 1, name: "Activity" }).waitFor();
    await expect.poll(() => page.locator("canvas").count()).toBe(3);
    await page.getByRole("img", { name: /^Commits per week: \d+ commits over \d+ weeks$/ }).waitFor();
    expect(await page.locator("tbody tr").count()).toBeGreaterThan(10);
    await page.getByLabel("Person").selectOption("ada");
    await page.getByRole("button", { name: "Show activity" }).click();
    await page.getByRole("heading", { name: "Per week of ada in every repository" }).waitFor();
    await screenshots(page, "activity");
    await page.getByLabel("From").fill("2020-01-01");
    await page.getByLabel("To (included)").fill("2020-01-31");
    await page.getByRole("button", { name: "Show activity" }).click();
    await page.getByText(/^No commit, pull request or review of ada/).waitFor();
    expect(await page.locator("canvas").count()).toBe(0);
  });

  it("lists the person's notifications, unread marked, and marks one and then all read", async () => {
    const [ada] = await server.database.db.select().from(users).where(eq(users.login, "ada"));
    await insertNotification(server.database.db, {
      userId: ada?.id ?? 0,
      kind: "sync.completed",
      title: `Sync of ${repo} completed`,
      dedupeKey: "browser-test:sync",
    });
    await page.getByRole("link", { name: "Notifications" }).click();
    await page.getByRole("heading", { name: `Unread Sync of ${repo} completed` }).waitFor();
    const item = page.getByRole("listitem").filter({ hasText: "goal.completed" });
    await item.getByText("Unread").waitFor();
    await page.getByRole("heading", { name: "Notifications of ada (2 unread)" }).waitFor();
    await screenshots(page, "notifications");
    await item.getByRole("button", { name: /^Mark read/ }).click();
    await item.getByText(/ · read /).waitFor();
    await page.getByRole("heading", { name: "Notifications of ada (1 unread)" }).waitFor();
    await page.getByRole("button", { name: "Mark all read" }).click();
    await page.getByText("All notifications marked read.").waitFor();
    await page.getByRole("heading", { name: "Notifications of ada (0 unread)" }).waitFor();
    expect(await page.getByText("Unread", { exact: true }).count()).toBe(0);
  });

  it("keeps the person selector inside a phone's width whatever the people are called", async () => {
    const name = "Maximiliana Alexandria Featherstonehaugh-Worthington";
    await server.api("/api/users", {
      method: "POST",
      body: JSON.stringify({ login: "maximiliana-featherstonehaugh", name }),
    });
    for (const login of ["maximiliana-featherstonehaugh-work", "maximiliana-featherstonehaugh-home"])
      await server.api("/api/users/maximiliana-featherstonehaugh/accounts", {
        method: "POST",
        body: JSON.stringify({ login }),
      });
    for (const title of ["Goals", "Activity", "Notifications"]) {
      await page.getByRole("link", { name: title }).click();
      await page.getByRole("option", { name: new RegExp(name) }).waitFor({ state: "attached" });
      await screenshots(page, `${title.toLowerCase()}-long-names`);
    }
  });

  it("had no console error, exception or failed request on any page", () => {
    expect(browser.problems).toEqual([]);
  });
});
