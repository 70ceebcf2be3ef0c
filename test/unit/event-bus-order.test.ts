/** Job events leave in the order they were published, whatever each NOTIFY takes to commit. */
import { describe, expect, it } from "vitest";
import { EventBus, type JobEvent } from "../../src/jobs/events.js";
import type { Database } from "../../src/store/database.js";
import { silentLog } from "../helpers/sync-harness.js";

describe("the event bus", () => {
  it("sends a job's start before its progress even when the first NOTIFY is the slower one", async () => {
    const committed: string[] = [];
    let calls = 0;
    let bothCommitted: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (bothCommitted = resolve));
    const database = {
      // The first statement takes longer than the second: on two pooled connections at once, the
      // progress event would commit first.
      executeSql: async (_text: string, values: unknown[] = []) => {
        const delay = calls++ === 0 ? 30 : 1;
        await new Promise((resolve) => setTimeout(resolve, delay));
        committed.push((JSON.parse(String(values[1])) as JobEvent).type);
        if (committed.length === 2) bothCommitted();
        return { rows: [] };
      },
    } as unknown as Database;
    const bus = new EventBus(database, silentLog);
    bus.publish({ type: "sync:start", job_id: 1, job_type: "backfill", repository: "acme/web", worker: "w" });
    bus.publish({
      type: "sync:progress",
      job_id: 1,
      repository: "acme/web",
      entity: "commits",
      done: 1,
      total: 2,
      percent: 50,
      eta_s: null,
      waiting_until: null,
    });
    await done;
    expect(committed).toEqual(["sync:start", "sync:progress"]);
  });
});
