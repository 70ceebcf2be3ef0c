/**
 * `ghsync serve [--port N] [--host H]`: the API, scheduler and workers in one process; and
 * `ghsync worker [--concurrency N]`: workers only, for scale-out on a shared PostgreSQL.
 * SIGTERM/SIGINT shut down gracefully: no new jobs, running ones stop at their next request and
 * go back to the queue, then the database closes.
 */
import { buildApi } from "../../api/server.js";
import { loadSettings } from "../../config/settings.js";
import { startJobRunner } from "../../jobs/runner.js";
import { GhsyncError } from "../../util/errors.js";
import { openRuntime } from "../open-runtime.js";
import { waitForShutdown } from "../shutdown.js";

export async function runServe(flags: { port?: number; host: string; concurrency: number }): Promise<void> {
  const runtime = await openRuntime();
  try {
    const runner = await startJobRunner(runtime.settings, runtime.database, runtime.log, {
      concurrency: flags.concurrency,
      schedule: true,
    });
    try {
      const app = await buildApi({ ...runtime, runner });
      const port = flags.port ?? runtime.settings.port ?? 3000;
      await app.listen({ port, host: flags.host });
      const address = app.server.address();
      const bound = typeof address === "object" && address ? address.port : port;
      process.stdout.write(`ghsync serve: API on http://${flags.host}:${bound}/api (docs at /api/docs)\n`);
      runtime.log.info({ port: bound, database: runtime.database.location }, "serving");
      await waitForShutdown();
      runtime.log.info("shutting down");
      await app.close();
    } finally {
      await runner.stop();
    }
  } finally {
    await runtime.close();
  }
}

export async function runWorker(flags: { concurrency: number }): Promise<void> {
  if (!loadSettings().databaseUrl) {
    throw new GhsyncError(
      "not_configured",
      "ghsync worker shares work through PostgreSQL: set DATABASE_URL (with the embedded database, `ghsync serve` runs the workers itself)",
    );
  }
  const runtime = await openRuntime();
  try {
    const runner = await startJobRunner(runtime.settings, runtime.database, runtime.log, {
      concurrency: flags.concurrency,
      schedule: false,
    });
    runtime.log.info(
      { concurrency: flags.concurrency, database: runtime.database.location },
      "worker started",
    );
    await waitForShutdown();
    runtime.log.info("shutting down");
    await runner.stop();
  } finally {
    await runtime.close();
  }
}
