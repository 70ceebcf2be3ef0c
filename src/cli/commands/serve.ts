/**
 * `ghsync serve [--port N] [--host H]`: the API, dashboard, scheduler and workers in one process; and
 * `ghsync worker [--concurrency N]`: workers only, for scale-out on a shared PostgreSQL.
 * SIGTERM/SIGINT shut down gracefully: no new jobs, running ones stop at their next request and
 * go back to the queue, then the database closes.
 */
import { buildApi } from "../../api/server.js";
import { applyTrackingFileAtStart } from "../../app/apply-tracking.js";
import { sealPlainSecretsAtStart } from "../../app/secrets.js";
import { startJobRunner } from "../../jobs/runner.js";
import { openRuntime, type Runtime } from "../open-runtime.js";
import { waitForShutdown } from "../shutdown.js";

export interface RunningServer {
  /** e.g. http://127.0.0.1:3000 */
  url: string;
  close(): Promise<void>;
}

/** What `ghsync serve` runs on an open runtime: job runner with scheduler, then the API listening. */
export async function startServer(
  runtime: Runtime,
  flags: { port: number; host: string; concurrency: number },
): Promise<RunningServer> {
  const runner = await startJobRunner(runtime.settings, runtime.database, runtime.log, {
    concurrency: flags.concurrency,
    schedule: true,
  });
  try {
    const app = await buildApi({ ...runtime, runner });
    await app.listen({ port: flags.port, host: flags.host }).catch(async (error: unknown) => {
      await app.close();
      throw error;
    });
    const address = app.server.address();
    const bound = typeof address === "object" && address ? address.port : flags.port;
    runtime.log.info({ port: bound, database: runtime.database.location }, "serving");
    return {
      url: `http://${flags.host.includes(":") ? `[${flags.host}]` : flags.host}:${bound}`,
      async close() {
        try {
          await app.close();
        } finally {
          await runner.stop();
        }
      },
    };
  } catch (error) {
    await runner.stop();
    throw error;
  }
}

export async function runServe(flags: { port?: number; host: string; concurrency: number }): Promise<void> {
  const runtime = await openRuntime({}, { handlesSignals: true });
  try {
    const port = flags.port ?? runtime.settings.port ?? 3000;
    // Before the runner starts: its start-up reconciliation then syncs what the file added.
    await applyTrackingFileAtStart(runtime.settings, runtime.database.db, runtime.log);
    await sealPlainSecretsAtStart(runtime.settings, runtime.database.db, runtime.log);
    const server = await startServer(runtime, { ...flags, port });
    process.stdout.write(
      `ghsync serve: API on ${server.url}/api (docs at /api/docs), dashboard at ${server.url}/\n`,
    );
    await waitForShutdown();
    runtime.log.info("shutting down");
    await server.close();
  } finally {
    await runtime.close();
  }
}

export async function runWorker(flags: { concurrency: number }): Promise<void> {
  const runtime = await openRuntime({}, { handlesSignals: true });
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
