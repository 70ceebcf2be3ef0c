/**
 * pg-boss 10 completes (or fails) a job after its handler without awaiting the statement
 * (src/manager.js, `onFetch`: `this.complete(…)`), so a job that ends while the database is
 * unreachable becomes an unhandled rejection — which stops a Node process. Those two statements
 * are answered here instead: the error is logged and the job stays active in the queue until its
 * expiry. Nothing is lost: what users see is the job's `sync_jobs` record, already written by the
 * handler in its own transaction, and the recovery sweep resumes jobs whose work did not finish.
 */
import { createRequire } from "node:module";
import type { Logger } from "../util/logger.js";

type ExecuteSql = (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

interface PgBossPlans {
  completeJobs(schema: string): string;
  failJobsById(schema: string): string;
}

// pg-boss builds these statements from its plans module; the same text, so they can be told apart.
const plans = createRequire(import.meta.url)("pg-boss/src/plans.js") as PgBossPlans;

export function guardUnawaitedStatements(executeSql: ExecuteSql, log: Logger, schema = "pgboss"): ExecuteSql {
  const unawaited = new Map([
    [plans.completeJobs(schema), "complete"],
    [plans.failJobsById(schema), "fail"],
  ]);
  return async (text, values) => {
    try {
      return await executeSql(text, values);
    } catch (error) {
      const statement = unawaited.get(text);
      if (statement === undefined) throw error;
      log.warn(
        { err: error },
        `the job queue could not ${statement} a finished job; it stays active until it expires`,
      );
      return { rows: [{ count: 0 }] };
    }
  };
}
