/**
 * Secrets at rest (issue 20, security review): an outgoing target's whole URL — a Slack or Discord
 * URL is its token — is stored only sealed under GHSYNC_SECRET_KEY, like its signing secret; a
 * URL stored in the clear by an earlier version is sealed at `serve` start; `ghsync secrets rotate`
 * moves every value to a new key, or changes nothing when the old key does not open them.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sealPlainSecretsAtStart } from "../../src/app/secrets.js";
import { openDatabase } from "../../src/store/database.js";
import { queryRows } from "../../src/store/raw-query.js";
import { outgoingWebhooks, users } from "../../src/store/schema.js";
import { SecretBox } from "../../src/util/secret-box.js";
import { freshPostgres } from "../helpers/databases.js";
import { runCli } from "../helpers/run-cli.js";
import { startTestServer, type TestServer } from "../helpers/server-harness.js";
import { insertUser } from "../helpers/notify-harness.js";
import { silentLog } from "../helpers/sync-harness.js";

const SLACK_URL = "https://hooks.slack.com/services/T0001/B0002/slack-token-value";
const OLD_KEY = "the-old-secret-key-0123456789";
const NEW_KEY = "the-new-secret-key-9876543210";

describe("secrets at rest", () => {
  let fresh: Awaited<ReturnType<typeof freshPostgres>>;
  let server: TestServer;
  beforeAll(async () => {
    fresh = await freshPostgres();
    const database = await openDatabase({ kind: "postgres", url: fresh.url, poolSize: 10 });
    server = await startTestServer({ GITHUB_TOKEN: "secrets-token", GHSYNC_SECRET_KEY: OLD_KEY }, database);
    await insertUser(server.database, { login: "ada" });
  });
  afterAll(async () => {
    await server?.close();
    await server?.database.close();
    await fresh?.drop();
  });

  /** Every stored column of every target, and people's GitHub tokens, as text: what a dump would show. */
  const dump = async () =>
    JSON.stringify([
      await queryRows(server.database.db, sql`select * from outgoing_webhooks`),
      await queryRows(server.database.db, sql`select github_token from users`),
    ]);
  const githubToken = async () =>
    (
      await server.database.db.select({ token: users.githubToken }).from(users).where(eq(users.login, "ada"))
    )[0]?.token ?? "";
  const targets = () => server.database.db.select().from(outgoingWebhooks).orderBy(outgoingWebhooks.id);

  it("stores a chat target's URL sealed, shows it masked, and seals a legacy plain URL at start", async () => {
    const created = await server.api("/api/users/ada/webhooks", {
      method: "POST",
      body: JSON.stringify({ url: SLACK_URL, kind: "slack" }),
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ url: "https://hooks.slack.com/services/T0001/B0002/…" });
    expect(await dump()).not.toContain("slack-token-value");
    const [row] = await targets();
    expect(new SecretBox(OLD_KEY).open(row?.urlEncrypted ?? "")).toBe(SLACK_URL);

    // A target written before URLs were sealed: the whole URL in `url`, nothing in `url_encrypted`.
    await server.database.db
      .update(outgoingWebhooks)
      .set({ url: SLACK_URL.replace("slack-token", "legacy-token"), urlEncrypted: null })
      .where(eq(outgoingWebhooks.id, row?.id ?? 0));
    // And a GitHub sign-in token stored before GHSYNC_SECRET_KEY was set.
    await server.database.db
      .update(users)
      .set({ githubToken: "gho_plainGitHubToken0123" })
      .where(eq(users.login, "ada"));
    await sealPlainSecretsAtStart({ secretKey: OLD_KEY }, server.database.db, silentLog);
    expect(await dump()).not.toContain("legacy-token");
    expect(await dump()).not.toContain("gho_plainGitHubToken0123");
    expect(new SecretBox(OLD_KEY).open(await githubToken())).toBe("gho_plainGitHubToken0123");
    const [sealed] = await targets();
    expect(new SecretBox(OLD_KEY).open(sealed?.urlEncrypted ?? "")).toContain("legacy-token-value");
  });

  it("rotates every sealed value to a new key, and changes nothing when the old key is wrong", async () => {
    const env = { DATABASE_URL: fresh.url, GHSYNC_SECRET_KEY: NEW_KEY };
    const before = await dump();
    const wrong = await runCli(["secrets", "rotate"], {
      ...env,
      GHSYNC_PREVIOUS_SECRET_KEY: "not-the-old-key",
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/neither GHSYNC_SECRET_KEY nor GHSYNC_PREVIOUS_SECRET_KEY/);
    expect(await dump()).toBe(before);

    const rotated = await runCli(["secrets", "rotate", "--json"], {
      ...env,
      GHSYNC_PREVIOUS_SECRET_KEY: OLD_KEY,
    });
    expect(rotated.code).toBe(0);
    expect(JSON.parse(rotated.stdout)).toEqual({ targets: 1, plain_urls: 0, github_tokens: 1 });
    expect(new SecretBox(NEW_KEY).open(await githubToken())).toBe("gho_plainGitHubToken0123");
    const resealed = await githubToken();
    expect(() => new SecretBox(OLD_KEY).open(resealed)).toThrow(/cannot be decrypted/);
    const [row] = await targets();
    const box = new SecretBox(NEW_KEY);
    expect(box.open(row?.urlEncrypted ?? "")).toContain("legacy-token-value");
    expect(box.open(row?.secretEncrypted ?? "")).toMatch(/^[0-9a-f]{64}$/);
    expect(() => new SecretBox(OLD_KEY).open(row?.secretEncrypted ?? "")).toThrow(/cannot be decrypted/);
  });
});
