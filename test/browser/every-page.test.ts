/**
 * Every page of the dashboard's navigation in real headless Chromium, in light and dark colour
 * schemes (`prefers-color-scheme`): none scrolls sideways at 375 px (or 1440), none logs a console
 * error or makes a failing request, dark mode really is dark (screenshots in
 * test-results/screenshots). And the repository table's search, filter and sort, kept in a URL
 * that opens the same view elsewhere.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WEB_ROOT } from "../../src/api/dashboard.js";
import type { Repository } from "../../src/contract/repositories.js";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { API_TOKEN, eventually, startTestServer, type TestServer } from "../helpers/server-harness.js";
import { openBrowser, screenshots, type Browser } from "./chromium.js";

/** The relative luminance of a CSS `rgb(…)` colour (WCAG 2), 0 black … 1 white. */
function luminance(css: string): number {
  const [r, g, b] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((part) => {
    const channel = Number(part) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** Opaque pixels of a canvas within 3 of an `rgb` colour: how much of it is drawn in that colour. */
function countColour(element: Element, [r, g, b]: number[]): number {
  const canvas = element as HTMLCanvasElement;
  const { data } = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height);
  let count = 0;
  for (let i = 0; i < data.length; i += 4)
    if (
      data[i + 3] === 255 &&
      Math.abs(data[i]! - r!) <= 3 &&
      Math.abs(data[i + 1]! - g!) <= 3 &&
      Math.abs(data[i + 2]! - b!) <= 3
    )
      count++;
  return count;
}

/** The scheme's grid colour (`--line` of styles.css) as [r, g, b]. */
const LINE = { light: [0xd0, 0xd7, 0xde], dark: [0x3d, 0x44, 0x4d] };

describe("every dashboard page in Chromium", () => {
  let emulator: RunningEmulator;
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let repos: Repository[] = [];

  beforeAll(async () => {
    if (!existsSync(path.join(WEB_ROOT, "index.html"))) throw new Error("run `npm run build` first");
    emulator = await startEmulator({ port: 0, seed: 12, repos: 3, scale: "small" });
    server = await startTestServer({ GITHUB_API_URL: emulator.url, GITHUB_TOKEN: "every-page-token" });
    for (const repo of emulator.admin.activeRepos())
      await server.api("/api/repos", {
        method: "POST",
        body: JSON.stringify({ full_name: `acme/${repo.name}` }),
      });
    repos = await eventually(async () => {
      const list = (await (await server.api("/api/repos")).json()) as { items: Repository[] };
      return list.items.length === 3 && list.items.every((repo) => repo.state === "up_to_date")
        ? list.items
        : undefined;
    }, 90_000);
    await server.api("/api/users", {
      method: "POST",
      body: JSON.stringify({ login: "ada", name: "Ada Lovelace-Byron of a rather long name" }),
    });
    browser = await openBrowser();
    page = browser.page;
    await page.goto(`${server.url}/`);
    await page.getByLabel("API token").fill(API_TOKEN);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "Repositories" }).waitFor();
  }, 150_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await emulator?.close();
  });

  /** Opens a page from the navigation and waits until nothing on it is loading any more. */
  const open = async (title: string) => {
    await page
      .getByRole("navigation", { name: "Pages" })
      .getByRole("link", { name: title, exact: true })
      .click();
    await page.getByRole("heading", { level: 1 }).waitFor();
    await expect.poll(() => page.getByText(/^Loading /).count(), { timeout: 15_000 }).toBe(0);
  };

  for (const scheme of ["light", "dark"] as const) {
    it(`fits every page into 375 px in the ${scheme} scheme, without a console error`, async () => {
      await page.emulateMedia({ colorScheme: scheme });
      const titles = await page
        .getByRole("navigation", { name: "Pages" })
        .getByRole("link")
        .allTextContents();
      expect(titles.length).toBeGreaterThanOrEqual(8);
      for (const title of titles) {
        await open(title);
        // screenshots() fails when the page is wider than the screen at 375 or 1440 px.
        await screenshots(page, `${scheme}-${title.toLowerCase()}`);
        const background = await page.evaluate(
          () => getComputedStyle(document.documentElement).backgroundColor,
        );
        const ink = await page.evaluate(() => getComputedStyle(document.body).color);
        if (scheme === "dark") {
          expect(luminance(background), title).toBeLessThan(0.05);
          expect(luminance(ink), title).toBeGreaterThan(0.6);
        } else {
          expect(luminance(background), title).toBeGreaterThan(0.85);
        }
      }
      expect(browser.problems).toEqual([]);
    });
  }

  it("draws the Activity charts in the dark scheme's colours", async () => {
    await page.emulateMedia({ colorScheme: "dark" });
    await open("Activity");
    const chart = page.locator("canvas").first();
    await chart.waitFor();
    // The grid is drawn in the scheme's line colour (Chart.js's default is a translucent black).
    await expect.poll(() => chart.evaluate(countColour, LINE.dark)).toBeGreaterThan(100);
    expect(await chart.evaluate(countColour, LINE.light)).toBe(0);
    // Switching back while the page is open draws the charts again, in the light colours.
    await page.emulateMedia({ colorScheme: "light" });
    await expect.poll(() => chart.evaluate(countColour, LINE.light)).toBeGreaterThan(100);
    expect(await chart.evaluate(countColour, LINE.dark)).toBe(0);
  });

  it("searches, filters and sorts the repository table, and its URL opens the same view", async () => {
    await open("Repositories");
    const rows = page.locator("table.cards tbody tr th");
    await expect.poll(() => rows.count()).toBe(3);
    const [first] = repos;
    const name = first!.full_name.split("/")[1]!;
    await page.getByLabel("Search by name").fill(name.toUpperCase());
    await expect.poll(() => rows.allTextContents()).toEqual([first!.full_name]);
    expect(new URL(page.url()).searchParams.get("q")).toBe(name.toUpperCase());
    await page.getByLabel("Search by name").fill("");

    await page.getByLabel("Sort by").selectOption("commits");
    await page.getByLabel("Order").selectOption("desc");
    const byCommits = [...repos]
      .sort((a, b) => b.counts.commits - a.counts.commits || a.full_name.localeCompare(b.full_name))
      .map((repo) => repo.full_name);
    await expect.poll(() => rows.allTextContents()).toEqual(byCommits);
    expect(new URL(page.url()).search).toBe("?sort=commits&dir=desc");

    // A column header sorts too: by name, then again to reverse.
    await page.getByRole("button", { name: "Repository", exact: true }).click();
    const byName = repos.map((repo) => repo.full_name).sort((a, b) => a.localeCompare(b));
    await expect.poll(() => rows.allTextContents()).toEqual(byName);
    await page.getByRole("button", { name: "Repository", exact: true }).click();
    await expect.poll(() => rows.allTextContents()).toEqual([...byName].reverse());
    expect(await page.getByRole("columnheader", { name: /Repository/ }).getAttribute("aria-sort")).toBe(
      "descending",
    );

    await page.getByLabel("Show").selectOption("archived");
    await page.getByText("No tracked repository matches this search and filter.").waitFor();
    await page.getByLabel("Show").selectOption("public");
    const shared = page.url();
    expect(Object.fromEntries(new URL(shared).searchParams)).toEqual({ show: "public", dir: "desc" });
    await screenshots(page, "repositories-filtered");

    // The shared URL, opened in another tab of the same session, shows the same view.
    const other = await browser.context.newPage();
    try {
      await other.goto(shared);
      await other.getByRole("heading", { level: 1, name: "Repositories" }).waitFor();
      await expect.poll(() => other.getByLabel("Show").inputValue()).toBe("public");
      expect(await other.getByLabel("Order").inputValue()).toBe("desc");
      const publicNames = repos.filter((repo) => !repo.private).map((repo) => repo.full_name);
      await expect
        .poll(() => other.locator("table.cards tbody tr th").allTextContents())
        .toEqual(publicNames.sort((a, b) => b.localeCompare(a)));
    } finally {
      await other.close();
    }
    expect(browser.problems).toEqual([]);
  });
});
