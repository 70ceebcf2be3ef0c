/**
 * "Sign in with GitHub" in real headless Chromium against `ghsync serve` and the emulator's OAuth
 * web flow: the button on the login page goes to GitHub (the emulator consents at once) and back,
 * and the person lands signed in on the dashboard — the first as admin with the admin controls,
 * a second person as a member without them, setting their own goals and linking another GitHub
 * account of theirs from their page — with no console error or failed request, and no horizontal
 * overflow at 375 and 1440 px.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WEB_ROOT } from "../../src/api/dashboard.js";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { openBrowser, problemsBesideLeaving, screenshots, type Browser } from "./chromium.js";
import { startTestServer, type TestServer } from "../helpers/server-harness.js";

describe("Sign in with GitHub in Chromium", () => {
  let emulator: RunningEmulator;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(path.join(WEB_ROOT, "index.html"))) throw new Error("run `npm run build` first");
    emulator = await startEmulator({
      port: 0,
      seed: 5,
      repos: 2,
      scale: "tiny",
      oauth: { clientId: "browser-client", clientSecret: "browser-secret" },
    });
    server = await startTestServer({
      GITHUB_API_URL: emulator.url,
      GITHUB_TOKEN: "browser-test-token",
      GITHUB_OAUTH_CLIENT_ID: "browser-client",
      GITHUB_OAUTH_CLIENT_SECRET: "browser-secret",
      GHSYNC_OAUTH_SIGNUP: "true",
    });
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await emulator?.close();
  });

  it("clicks Sign in with GitHub and lands signed in as the admin on the dashboard", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/`);
    const button = page.getByRole("link", { name: "Sign in with GitHub" });
    await button.waitFor();
    await screenshots(page, "login-github");
    await button.click();
    await page.getByRole("heading", { level: 1, name: "Repositories" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/repositories");
    // The first person to sign in is the admin: the controls to track a repository are there.
    await page.getByLabel("Repository (OWNER/REPO)").waitFor();
    expect(browser.problems).toEqual([]);
    await screenshots(page, "signed-in-github-admin");
  });

  it("signs a second person in as a member, without the admin controls", async () => {
    const { page } = browser;
    await page.getByRole("button", { name: "Sign out" }).click();
    const button = page.getByRole("link", { name: "Sign in with GitHub" });
    await button.waitFor();
    const second = emulator.admin.people().filter((person) => person.member)[1]?.login ?? "";
    // The emulator signs in whoever the authorize request names (GitHub's `login` hint): added to
    // the server's redirect to it (the browser follows redirects itself, unseen by routes).
    await page.route(`${server.url}/api/auth/github`, async (route) => {
      const response = await route.fetch({ maxRedirects: 0 });
      const authorize = new URL(response.headers().location ?? "");
      authorize.searchParams.set("login", second);
      await route.fulfill({ response, headers: { ...response.headers(), location: authorize.toString() } });
    });
    // Closing the event stream at sign-out is the only request that may end early.
    expect(problemsBesideLeaving(browser.problems)).toEqual([]);
    browser.problems.length = 0;
    await button.click();
    await page.getByRole("heading", { level: 1, name: "Repositories" }).waitFor();
    await page.getByText("No repository is tracked yet").waitFor();
    const session = (await page.evaluate(async () => (await fetch("/api/session")).json())) as {
      login: string;
      role: string;
    };
    expect(session).toMatchObject({ login: second, role: "member" });
    expect(await page.getByLabel("Repository (OWNER/REPO)").count()).toBe(0);
    await screenshots(page, "signed-in-github-member");
    // Their own goals, without a picker of other people (whose goals answer them 403).
    await page.getByRole("link", { name: "Goals" }).click();
    await page.getByRole("heading", { level: 2, name: `Goals of ${second}` }).waitFor();
    expect(await page.getByLabel("Person").count()).toBe(0);
    // They set their own goals, and choose the leaderboard; how many freezes they get is an admin's.
    await page.getByLabel("Count").selectOption("reviews_submitted");
    await page.getByLabel("Target").fill("4");
    await page.getByLabel("Title (optional)").fill("Review more");
    await page.getByRole("button", { name: "Create goal" }).click();
    const card = page.getByRole("listitem").filter({ hasText: "Review more" });
    await card.getByRole("button", { name: "Edit Review more" }).waitFor();
    expect(await page.getByLabel("Streak freezes a month").count()).toBe(0);
    await page.getByLabel(/On the public leaderboard/).check();
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText(`Saved ${second}'s streak settings.`).waitFor();
    expect(browser.problems).toEqual([]);
    await screenshots(page, "goals-github-member");
  });

  it("lets the member link another GitHub account from their page by signing in to GitHub with it", async () => {
    const { page } = browser;
    const [, second, third] = emulator.admin.people().filter((person) => person.member);
    if (!second || !third) throw new Error("the world has fewer than three members");
    await page.route(
      (url) => url.pathname === "/api/auth/github" && url.searchParams.get("link") === "1",
      async (route) => {
        const response = await route.fetch({ maxRedirects: 0 });
        const authorize = new URL(response.headers().location ?? "");
        authorize.searchParams.set("login", third.login);
        await route.fulfill({ response, headers: { ...response.headers(), location: authorize.toString() } });
      },
    );
    await page.goto(`${server.url}/people/${second.login}`);
    await page.getByRole("heading", { level: 2, name: "GitHub accounts" }).waitFor();
    // Linking by login is an admin's; the member proves the account is theirs with GitHub.
    expect(await page.getByLabel("GitHub login").count()).toBe(0);
    await page.getByRole("link", { name: "Link another GitHub account" }).click();
    await page.getByText(`Linked ${third.login}: its activity counts as yours.`).waitFor();
    expect(new URL(page.url()).search).toBe("");
    const accounts = page.locator(".account-list li");
    await accounts.filter({ hasText: third.login }).waitFor();
    expect(await accounts.count()).toBe(2);
    await page.getByRole("button", { name: `Unlink ${third.login}` }).waitFor();
    // Going to GitHub and back left the page: its event stream was cut, nothing else failed.
    expect(problemsBesideLeaving(browser.problems)).toEqual([]);
    await screenshots(page, "person-linked-github-member");
  });
});
