/**
 * The person and repository pages in real headless Chromium against `ghsync serve` (in-process,
 * on PostgreSQL) after a sync from the emulator: from the Repositories table to a repository's
 * page, a number opened to its rows (as many rows as the number says), the CSV export downloaded
 * and read back; a person's page reached from Goals, its cycle time opened to the merged pull
 * requests, a bot account linked (with its warning) and unlinked — no console error or failed
 * request, no sideways scrolling at 375 and 1440 px.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WEB_ROOT } from "../../src/api/dashboard.js";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { queryRows } from "../../src/store/raw-query.js";
import { Progress } from "../../src/sync/progress.js";
import { syncTeams } from "../../src/sync/run-sync.js";
import { csvRecords } from "../helpers/parse-csv.js";
import { API_TOKEN, eventually, startTestServer, type TestServer } from "../helpers/server-harness.js";
import { silentLog, testClient } from "../helpers/sync-harness.js";
import { openBrowser, problemsBesideLeaving, screenshots, type Browser } from "./chromium.js";

describe("person and repository pages in Chromium", () => {
  let emulator: RunningEmulator;
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let repo: string;
  let account: string;

  beforeAll(async () => {
    if (!existsSync(path.join(WEB_ROOT, "index.html"))) throw new Error("run `npm run build` first");
    emulator = await startEmulator({ port: 0, seed: 11, repos: 1, scale: "small" });
    server = await startTestServer({ GITHUB_API_URL: emulator.url, GITHUB_TOKEN: "browser-test-token" });
    const [record] = emulator.admin.activeRepos();
    repo = `acme/${record?.name}`;
    await server.api("/api/repos", {
      method: "POST",
      body: JSON.stringify({ full_name: repo, depth: "full" }),
    });
    await eventually(async () => {
      const list = (await (await server.api("/api/repos")).json()) as { items: { state: string }[] };
      return list.items[0]?.state === "up_to_date" ? true : undefined;
    }, 60_000);
    // The organization's teams (the scheduler reads them for watched organizations only).
    const deps = {
      db: server.database.db,
      client: testClient(emulator.url),
      log: silentLog,
      progress: new Progress(),
    };
    await syncTeams(deps, "acme");
    // The person: the author of the most merged pull requests.
    const [author] = await queryRows<{ login: string }>(
      server.database.db,
      sql`select author_login as login from pull_requests where merged_at is not null and author_login not like '%[bot]'
          group by 1 order by count(*) desc, 1 limit 1`,
    );
    account = String(author?.login);
    await server.api("/api/users", { method: "POST", body: JSON.stringify({ login: "ada" }) });
    await server.api("/api/users/ada/accounts", { method: "POST", body: JSON.stringify({ login: account }) });
    const goal = await server.api("/api/goals", {
      method: "POST",
      body: JSON.stringify({
        user: "ada",
        metric: "commits",
        window: "custom",
        start: "2020-01-01",
        end: "2035-12-31",
        target: 500,
      }),
    });
    expect(goal.status, await goal.clone().text()).toBe(201);
    browser = await openBrowser();
    page = browser.page;
    await page.goto(`${server.url}/`);
    await page.getByLabel("API token").fill(API_TOKEN);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "Repositories" }).waitFor();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await emulator?.close();
  });

  /** The number a drill-down figure shows, its button found by the figure's name. */
  const figure = (name: string) => page.getByRole("button", { name: new RegExp(`^${name}: `) });

  /** Loads every page of the open list ("Show more") and answers its row count. */
  const rowsListed = async () => {
    const list = page.locator("section.row-list");
    await list.getByRole("status").filter({ hasNotText: "Loading" }).waitFor();
    while (await list.getByRole("button", { name: "Show more" }).isVisible()) {
      await list.getByRole("button", { name: "Show more" }).click();
      await page.waitForTimeout(50);
      await list.getByRole("status").filter({ hasNotText: "Loading" }).waitFor();
    }
    return list.locator("tbody tr").count();
  };

  it("opens a repository's page from the table, and a number to the rows behind it", async () => {
    await page.getByRole("link", { name: repo }).click();
    await page.getByRole("heading", { level: 1, name: repo }).waitFor();
    await page.getByRole("heading", { name: /^Health: \d+ of 100$/ }).waitFor();
    await page.getByText("Up to date").first().waitFor();
    const merged = Number(await figure("PRs merged").innerText());
    expect(merged).toBeGreaterThan(0);
    await figure("PRs merged").click();
    await page.getByRole("heading", { name: "Pull requests merged", exact: true }).waitFor();
    expect(await rowsListed()).toBe(merged);
    await screenshots(page, "repository-page");
  });

  it("rolls the repository's numbers up per team, a team's count opening its rows", async () => {
    const teams = page.getByRole("region", { name: "Teams" });
    await teams.locator("tbody tr").first().waitFor();
    const row = teams.locator("tbody tr").first();
    const name = await row.getByRole("rowheader").innerText();
    const opened = Number(await row.locator('td[data-label="PRs opened"]').innerText());
    await row.locator('td[data-label="PRs opened"] button').click();
    await page.getByRole("heading", { name: `${name}: pull requests opened`, exact: true }).waitFor();
    expect(await rowsListed()).toBe(opened);
    await screenshots(page, "repository-teams");
    await figure("PRs merged").click();
    await page.getByRole("heading", { name: "Pull requests merged", exact: true }).waitFor();
  });

  it("exports the rows behind the number as CSV", async () => {
    const merged = Number(await figure("PRs merged").innerText());
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Export CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/-pulls\.csv$/);
    const records = csvRecords(await readFile(String(await download.path()), "utf8"));
    expect(records).toHaveLength(merged);
    expect(records.every((record) => record.merged === "true" && record.repository === repo)).toBe(true);
  });

  it("opens the open issues from their number by keyboard, and closes them back to it", async () => {
    const open = Number(await figure("Open").innerText());
    // By keyboard: Enter on the number opens its rows (focus on their heading), Close goes back.
    await figure("Open").focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Open issues by priority" }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Open issues by priority");
    expect(await rowsListed()).toBe(open);
    await page.locator("section.row-list").getByRole("button", { name: "Close" }).click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label")))
      .toMatch(/^Open: /);
  });

  it("opens a person's page from Goals, with cycle time opened to the merged pull requests", async () => {
    await page.getByRole("link", { name: "Goals" }).click();
    await page.getByRole("link", { name: "ada's page" }).click();
    await page.getByRole("heading", { level: 1, name: "ada" }).waitFor();
    await page.getByRole("combobox", { name: "Period" }).selectOption("90");
    await page.getByRole("heading", { name: /^Last 90 days/ }).waitFor();
    const merged = Number(await figure("PRs merged").innerText());
    await figure(String.raw`Cycle time \(median\)`).click();
    await page.getByRole("heading", { name: "Cycle time: the merged pull requests" }).waitFor();
    expect(await rowsListed()).toBe(merged);
    await page.getByText(account).first().waitFor();
    await screenshots(page, "person-page");
  });

  it("shows the person's goals, a goal's count opening the rows it counted", async () => {
    const goal = page.locator("li.goal").first();
    const counted = goal.getByRole("button");
    const current = Number(/^(\d+) of 500/.exec(await counted.innerText())?.[1]);
    expect(current).toBeGreaterThan(0);
    await counted.click();
    await page.getByRole("heading", { name: /: the rows counted$/ }).waitFor();
    expect(await rowsListed()).toBe(current);
  });

  it("links a bot account with its warning and unlinks it from the person's page", async () => {
    await page.getByLabel("GitHub login").fill("dependabot[bot]");
    await page.getByRole("button", { name: "Link account" }).click();
    await page.getByText(/is a bot account: its activity is never counted/).waitFor();
    await page.getByRole("button", { name: "Unlink dependabot[bot]" }).click();
    await page
      .getByRole("group", { name: "Unlink dependabot[bot]?" })
      .getByRole("button", { name: "Unlink" })
      .click();
    await page.getByText("Unlinked dependabot[bot].").waitFor();
    const person = (await (await server.api("/api/users/ada")).json()) as { accounts: { login: string }[] };
    expect(person.accounts.map((linked) => linked.login)).toEqual([account]);
  });

  it("met no console error, exception or failed request on any page", () => {
    expect(browser.problems).toEqual([]);
  });

  it("finds the person by a linked GitHub login too", async () => {
    const before = browser.problems.length;
    // A reload: the requests of the page left behind (its event stream) are cut, nothing else fails.
    await page.goto(`${server.url}/people/${account}`);
    await page.getByRole("heading", { level: 1, name: "ada" }).waitFor();
    await page.getByRole("heading", { name: "GitHub accounts" }).waitFor();
    await figure("PRs merged").waitFor();
    expect(problemsBesideLeaving(browser.problems.slice(before))).toEqual([]);
  });
});
