/**
 * `ghsync demo`: an offline try-out. The emulator runs in-process on a free port, and its
 * organization is synced into an embedded database of its own (under GHSYNC_DATA_DIR/demo, so a
 * demo never mixes with real data), with the progress bar and a printed summary.
 */
import path from "node:path";
import { startEmulator } from "../../emulator/index.js";
import { createGitHubClient } from "../../github/create-client.js";
import { loadSettings } from "../../config/settings.js";
import { openDatabase } from "../../store/database.js";
import { mirrorCounts } from "../../store/stats.js";
import { parseDepth } from "../../sync/depth.js";
import { Progress } from "../../sync/progress.js";
import { runSync } from "../../sync/run-sync.js";
import { createLogger } from "../../util/logger.js";
import { attachProgressBar } from "../progress-bar.js";

export async function runDemo(): Promise<void> {
  const settings = loadSettings();
  const log = createLogger(settings.logLevel);
  const emulator = await startEmulator({
    port: 0,
    seed: 7,
    org: "acme",
    repos: 3,
    scale: "small",
    latencyMs: 20,
  });
  const database = await openDatabase({
    kind: "pglite",
    dataDir: path.join(settings.dataDir, "demo", "pgdata"),
  });
  try {
    process.stdout.write(`GitHub API emulator: ${emulator.url}\n`);
    const progress = new Progress();
    const handle = await createGitHubClient(
      { githubTokens: ["demo-token"], githubApiUrl: emulator.url },
      database.db,
      log,
      { onWait: (until) => progress.waiting(until) },
    );
    const detach = attachProgressBar(progress);
    const summary = await runSync(
      { db: database.db, client: handle.client, log, progress },
      { repositories: [], org: "acme", depth: parseDepth("full") },
    ).finally(async () => {
      detach();
      await handle.flush();
    });
    const counts = await mirrorCounts(database.db, { org: "acme" });
    process.stdout.write(
      [
        `Synced organization acme in ${(summary.duration_ms / 1000).toFixed(1)} s with ${summary.requests} requests (${summary.not_modified} not modified, ${summary.points_used} rate-limit points).`,
        `Mirror now holds: ${Object.entries(counts)
          .map(([key, value]) => `${value} ${key.replace("_", " ")}`)
          .join(", ")}.`,
        `Database: ${database.location}.`,
        "",
      ].join("\n"),
    );
  } finally {
    await database.close();
    await emulator.close();
  }
}
