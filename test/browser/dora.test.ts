/**
 * The Delivery page in real headless Chromium against `ghsync serve` (in-process, on PostgreSQL)
 * with a small inserted delivery history: the four numbers equal the API's, the band, the
 * deliveries behind a number, a team scope from the keyboard, no horizontal overflow at 375 and
 * 1440 px, and no console error or failed request.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WEB_ROOT } from "../../src/api/dashboard.js";
import type { DoraReport } from "../../src/contract/dora.js";
import { PERIOD, seedDeliveries } from "../helpers/dora-seed.js";
import { API_TOKEN, startTestServer, type TestServer } from "../helpers/server-harness.js";
import { openBrowser, screenshots, type Browser } from "./chromium.js";

const KEYS = [
  ["deployment_frequency", (r: DoraReport) => r.deployment_frequency.median_days_per_week],
  ["lead_time_for_changes", (r: DoraReport) => r.lead_time_for_changes.median_hours],
  ["change_failure_rate", (r: DoraReport) => r.change_failure_rate.rate],
  ["recovery_time", (r: DoraReport) => r.recovery_time.median_hours],
] as const;

describe("the Delivery page in Chromium", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(path.join(WEB_ROOT, "index.html"))) throw new Error("run `npm run build` first");
    server = await startTestServer({ GITHUB_API_URL: "http://127.0.0.1:9" });
    await seedDeliveries(server.database.db);
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
  });

  const shown = (key: string) => page.locator(`.dora-value[data-key="${key}"]`).getAttribute("data-value");
  const fromApi = async (query: string) =>
    (await (
      await server.api(`/api/metrics/dora?${query}&from=${PERIOD.from}&to=${PERIOD.to}`)
    ).json()) as DoraReport;

  it("shows the organization's four keys equal to the API's, with the deliveries behind them", async () => {
    await page.getByRole("link", { name: "Delivery" }).click();
    await page.getByRole("heading", { level: 1, name: "Delivery" }).waitFor();
    await page.getByLabel("Organization", { exact: true }).fill("acme");
    await page.getByLabel("From").fill(PERIOD.from);
    await page.getByLabel("To (included)").fill(PERIOD.to);
    await page.getByRole("button", { name: "Show delivery" }).click();
    await page.getByRole("heading", { name: "Delivery of acme" }).waitFor();
    const report = await fromApi("org=acme");
    await expect
      .poll(() => shown("lead_time_for_changes"))
      .toBe(String(report.lead_time_for_changes.median_hours));
    for (const [key, value] of KEYS) expect(await shown(key), key).toBe(String(value(report)));
    const card = page.getByRole("article", { name: "Change failure rate" });
    await card.getByText("40%").waitFor();
    await card.getByText("low", { exact: true }).waitFor();
    await card.getByText("Behind the number").click();
    await card.getByText(/acme\/web deployment 12 · failed/).waitFor();
    await page.getByRole("region", { name: "CI health per workflow" }).getByText("Deploy").waitFor();
    await page.getByText("checkout is down").waitFor();
    await screenshots(page, "delivery");
  });

  it("switches to a team's scope from the keyboard", async () => {
    await page.getByLabel("Scope").focus();
    await page.getByLabel("Scope").selectOption("team");
    await page.getByLabel("Scope").focus();
    await page.keyboard.press("Tab");
    await page.keyboard.type("acme/core");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Delivery of acme/core" }).waitFor();
    const report = await fromApi("team=acme/core");
    for (const [key, value] of KEYS)
      await expect.poll(() => shown(key), { message: key }).toBe(String(value(report) ?? ""));
    await screenshots(page, "delivery-team");
  });

  it("had no console error, exception or failed request", () => {
    expect(browser.problems).toEqual([]);
  });
});
