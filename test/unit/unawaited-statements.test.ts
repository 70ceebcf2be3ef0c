import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { guardUnawaitedStatements } from "../../src/jobs/unawaited-statements.js";
import { createLogger } from "../../src/util/logger.js";

const plans = createRequire(import.meta.url)("pg-boss/src/plans.js") as {
  completeJobs(schema: string): string;
  failJobsById(schema: string): string;
};

describe("guardUnawaitedStatements", () => {
  const unreachable = () => Promise.reject(new Error("read ECONNRESET"));
  const executeSql = guardUnawaitedStatements(unreachable, createLogger("silent"));

  it("answers the completion statements pg-boss does not await when the database is unreachable", async () => {
    await expect(executeSql(plans.completeJobs("pgboss"), [])).resolves.toEqual({ rows: [{ count: 0 }] });
    await expect(executeSql(plans.failJobsById("pgboss"), [])).resolves.toEqual({ rows: [{ count: 0 }] });
  });

  it("lets every other statement fail as it did", async () => {
    await expect(executeSql("select 1")).rejects.toThrow("ECONNRESET");
  });
});
