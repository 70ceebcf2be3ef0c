/**
 * `ghsync demo [--port N] [--host H]`: the whole product offline. The emulator runs in-process
 * with live activity (every few seconds a commit, pull request, review or issue), each change
 * sent as a signed webhook to the server; `ghsync serve`'s server runs on an embedded database of
 * its own (GHSYNC_DATA_DIR/demo, so a demo never mixes with real data); the organization's
 * repositories are tracked through the API like a user would, so the dashboard shows their
 * backfills progressing. Prints the dashboard's URL and a login token; runs until Ctrl-C.
 */
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import path from "node:path";
import { loadSettings } from "../../config/settings.js";
import { startEmulator, type RunningEmulator } from "../../emulator/index.js";
import { createApiToken } from "../../store/api-tokens.js";
import { GhsyncError } from "../../util/errors.js";
import { openRuntime } from "../open-runtime.js";
import { waitForShutdown } from "../shutdown.js";
import { startServer } from "./serve.js";

const ORG = "acme";

/** `preferred` when it is free, else any free port (a demo should start, whatever runs here). */
function pickPort(preferred: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE" && preferred !== 0) resolve(pickPort(0, host));
      else reject(error);
    });
    probe.listen(preferred, host, () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : preferred));
    });
  });
}

/** Tracks every repository of the organization through `POST /api/repos`, as the dashboard does. */
async function trackOrganization(url: string, token: string, emulator: RunningEmulator): Promise<void> {
  for (const repo of emulator.admin.activeRepos()) {
    const response = await fetch(`${url}/api/repos`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ full_name: `${ORG}/${repo.name}`, depth: "full" }),
    });
    if (!response.ok) {
      throw new GhsyncError("demo_failed", `could not track ${ORG}/${repo.name}: ${await response.text()}`);
    }
  }
}

export async function runDemo(flags: { port: number; host: string }): Promise<void> {
  const settings = loadSettings();
  const port = await pickPort(flags.port, flags.host);
  const secret = randomBytes(24).toString("base64url");
  const emulator = await startEmulator({
    port: 0,
    seed: 7,
    org: ORG,
    repos: 3,
    scale: "small",
    // Slow enough that the backfills can be watched on the dashboard.
    latencyMs: 150,
    activity: true,
    webhook: { url: `http://${flags.host}:${port}/webhooks/github`, secret },
  });
  try {
    const runtime = await openRuntime({
      dataDir: path.join(settings.dataDir, "demo"),
      databaseUrl: undefined,
      githubTokens: ["demo-token"],
      githubApiUrl: emulator.url,
      githubAppId: undefined,
      githubAppPrivateKey: undefined,
      webhookSecrets: [secret],
      apiToken: undefined,
      smtpUrl: undefined,
    });
    try {
      const server = await startServer(runtime, { port, host: flags.host, concurrency: 3 });
      try {
        const { token } = await createApiToken(runtime.database.db, "demo");
        await trackOrganization(server.url, token, emulator);
        process.stdout.write(`Dashboard: ${server.url}/\nLogin token: ${token}\n`);
        process.stdout.write(
          `Emulated GitHub organization ${ORG} with live activity; its webhooks are signed and sent to this server. Database: ${runtime.database.location}. Ctrl-C stops.\n`,
        );
        await waitForShutdown();
        runtime.log.info("shutting down");
      } finally {
        await server.close();
      }
    } finally {
      await runtime.close();
    }
  } finally {
    await emulator.close();
  }
}
