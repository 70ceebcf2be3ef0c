/**
 * Issue 19's "done when", as a visitor meets it: `ghsync demo` itself (the CLI: the emulator
 * in-process with live activity, the embedded database, the dashboard) in Chromium. "Sign in with
 * GitHub" signs in through the emulator; the demo person's page shows cycle time and streak;
 * `/repos/acme/web` shows its health score; a number opens the rows behind it, exported as CSV; no
 * page scrolls sideways at 375 px (`screenshots()`), no console error or failed request.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WEB_ROOT } from "../../src/api/dashboard.js";
import { embeddedDataDir } from "../helpers/databases.js";
import { parseCsv } from "../helpers/parse-csv.js";
import { finished, spawnCli, type CliResult } from "../helpers/run-cli.js";
import { openBrowser, screenshots, type Browser } from "./chromium.js";

describe("`ghsync demo` in Chromium", () => {
  const dataDir = embeddedDataDir("ghsync-demo-browser-");
  let demo: ReturnType<typeof spawnCli>;
  let exit: Promise<CliResult>;
  let dashboard: string;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(path.join(WEB_ROOT, "index.html"))) throw new Error("run `npm run build` first");
    demo = spawnCli(["demo", "--port", "0"], { GHSYNC_DATA_DIR: dataDir.dir, DATABASE_URL: "" });
    exit = finished(demo);
    let stdout = "";
    dashboard = await new Promise<string>((resolve, reject) => {
      demo.stdout?.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        const url = /^Dashboard: (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(stdout)?.[1];
        if (url && /Login token: /.test(stdout)) resolve(url);
      });
      void exit.then((result) => reject(new Error(`ghsync demo ended: ${result.stderr}`)));
    });
    browser = await openBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    demo?.kill("SIGINT");
    await exit;
    await dataDir.remove();
  });

  it("signs in with GitHub through the demo's emulator", async () => {
    const { page } = browser;
    await page.goto(dashboard);
    await page.getByRole("link", { name: "Sign in with GitHub" }).click();
    await page.getByRole("heading", { level: 1, name: "Repositories" }).waitFor();
    expect(browser.problems).toEqual([]);
  });

  it("shows acme/web's health score, and a number opens its rows, exported as CSV", async () => {
    const { page } = browser;
    // Navigated within the app (a page load would abort the previous page's requests).
    await page.getByRole("link", { name: "acme/web", exact: true }).click();
    await page.getByRole("heading", { name: /^Health: \d+ of 100$/ }).waitFor({ timeout: 120_000 });
    // The demo's first backfill done: the numbers are the mirror's.
    await page.getByText("Up to date").first().waitFor({ timeout: 150_000 });
    await page.getByRole("link", { name: "Repositories", exact: true }).click();
    await page.getByRole("link", { name: "acme/web", exact: true }).click();
    const merged = page.getByRole("button", { name: /^PRs merged: [1-9]/ });
    await merged.waitFor();
    await merged.click();
    await page.getByRole("heading", { name: "Pull requests merged", exact: true }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Export CSV" }).click(),
    ]);
    const text = await readFile(String(await download.path()), "utf8");
    const [header, ...rows] = parseCsv(text);
    expect(header, text.slice(0, 300)).toContain("number");
    expect(rows.length).toBeGreaterThan(0);
    await screenshots(page, "demo-repository");
    expect(browser.problems).toEqual([]);
  }, 180_000);

  it("shows the demo person's cycle time and streak", async () => {
    const { page } = browser;
    await page.getByRole("link", { name: "Goals", exact: true }).click();
    await page.getByLabel("Person", { exact: true }).first().selectOption("demo");
    await page.getByRole("link", { name: "demo's page" }).click();
    await page.getByRole("heading", { level: 1, name: /demo/i }).waitFor();
    await page.getByText("Cycle time (median)").first().waitFor();
    await page.getByText("Streak (days)").first().waitFor();
    await screenshots(page, "demo-person");
    expect(browser.problems).toEqual([]);
  }, 60_000);
});
