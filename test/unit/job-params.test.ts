/** Job params and queue data are parsed per job type and queue, never cast (jobs/job-params.ts, jobs/queue-data.ts). */
import { describe, expect, it } from "vitest";
import { parseJobParams } from "../../src/jobs/job-params.js";
import { parseQueueData } from "../../src/jobs/queue-data.js";

const job = (type: "backfill" | "reconcile" | "redelivery_sweep", params: unknown) => ({
  id: 7,
  type,
  params,
});

describe("job params", () => {
  it("gives a sync its typed params, and keeps only what it reads", () => {
    const params = { depth: "90d", track: true, installationId: 12, repositories: 3 };
    expect(parseJobParams(job("backfill", params), "backfill", "incremental")).toEqual({
      depth: "90d",
      track: true,
      installationId: 12,
    });
    expect(parseJobParams(job("backfill", {}), "backfill", "incremental")).toEqual({});
  });

  it("refuses params of the wrong shape with an error naming the job and the field", () => {
    const error = (() => {
      try {
        parseJobParams(job("backfill", { depth: 30, installationId: "12" }), "backfill", "incremental");
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toMatchObject({ code: "invalid_job_params", retryable: false });
    expect((error as Error).message).toMatch(/^the params of backfill job 7 do not parse: /);
    expect((error as Error).message).toMatch(/at depth/);
    expect((error as Error).message).toMatch(/at installationId/);
  });

  it("refuses a record of another type than the queue runs", () => {
    expect(() => parseJobParams(job("reconcile", {}), "backfill", "incremental")).toThrow(
      "job 7 is a reconcile job, not a backfill or incremental job",
    );
  });

  it("reads where a redelivery sweep stopped only when it is a timestamp", () => {
    const until = "2026-12-04T10:00:00.000Z";
    expect(parseJobParams(job("redelivery_sweep", { swept_until: until }), "redelivery_sweep")).toEqual({
      swept_until: until,
    });
    expect(() =>
      parseJobParams(job("redelivery_sweep", { swept_until: "yesterday" }), "redelivery_sweep"),
    ).toThrow(/swept_until/);
    expect(() => parseJobParams(job("reconcile", { trigger: "cron" }), "reconcile")).toThrow(/trigger/);
  });
});

describe("queue data", () => {
  it("gives each queue its data, a cron tick's {} where a record is optional", () => {
    expect(parseQueueData("sync", "q1", { syncJobId: 4 })).toEqual({ syncJobId: 4 });
    expect(parseQueueData("reconcile", "q2", {})).toEqual({});
    expect(parseQueueData("process-webhook-delivery", "q3", { deliveryId: 9 })).toEqual({ deliveryId: 9 });
    expect(parseQueueData("evaluate-goals", "q4", null)).toEqual({});
  });

  it("refuses data a handler would run on undefined fields", () => {
    expect(() => parseQueueData("sync", "q5", {})).toThrow(
      /^the data of sync job q5 do not parse: .*\n.*syncJobId/s,
    );
    expect(() => parseQueueData("process-webhook-delivery", "q6", { deliveryId: "9" })).toThrow(/deliveryId/);
  });
});
