/** A GitHub App installation that does not exist is named as such (issue 20, finding 5). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { freshPostgres } from "../helpers/databases.js";
import { runCli } from "../helpers/run-cli.js";
import { openDatabase } from "../../src/store/database.js";
import { rateLimitReadings } from "../../src/store/operations.js";

let emulator: RunningEmulator;
let database: Awaited<ReturnType<typeof freshPostgres>>;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 3, repos: 1, scale: "small" });
  database = await freshPostgres();
});
afterAll(async () => {
  await database?.drop();
  await emulator?.close();
});

describe("an unknown installation", () => {
  it("fails `sync --installation` saying the installation does not exist", async () => {
    const app = emulator.admin.app();
    const result = await runCli(["sync", "--installation", "999"], {
      DATABASE_URL: database.url,
      GITHUB_API_URL: emulator.url,
      GITHUB_APP_ID: String(app.id),
      GITHUB_APP_PRIVATE_KEY: app.private_key,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "ghsync: installation 999 of this GitHub App does not exist (removed, or another App's): see the App's installations on GitHub\n",
    );
    // What /api/health lists: the installation as invalid, with the reason, never as valid.
    const opened = await openDatabase({ kind: "postgres", url: database.url, poolSize: 1 });
    try {
      const readings = await rateLimitReadings(opened.db);
      expect(readings.filter((reading) => reading.credential === "GitHub App installation 999")).toEqual([
        expect.objectContaining({
          status: "invalid",
          reason: expect.stringMatching(/^installation 999 .* does not exist/),
        }),
      ]);
    } finally {
      await opened.close();
    }
  });
});
