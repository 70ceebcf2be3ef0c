/**
 * The webhook receiver fed signed deliveries of every handled event with generated bodies — GitHub's
 * shape broken in every way fast-check finds — answers below 500, settles each one (processed,
 * ignored or failed; none left pending) and keeps serving (issue 20, scope 3). Seeded;
 * GHSYNC_FULL_TESTS=1 runs 20 times as many.
 */
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordFault } from "../helpers/fault-figures.js";
import { queryRows } from "../../src/store/raw-query.js";
import { sign } from "../../src/util/signature.js";
import { eventually, startTestServer, type TestServer } from "../helpers/server-harness.js";

const RUNS = process.env.GHSYNC_FULL_TESTS === "1" ? 400 : 20;
const SECRET = "fuzz-secret";
const EVENTS = [
  "push",
  "pull_request",
  "pull_request_review",
  "issues",
  "issue_comment",
  "repository",
  "installation",
  "installation_repositories",
  "ping",
];

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ GITHUB_WEBHOOK_SECRET: SECRET });
});
afterAll(() => server?.close());

/** A payload that looks like GitHub's at the top (repository, sender, action) with anything inside. */
const payload = fc.record(
  {
    action: fc.oneof(
      fc.constantFrom("opened", "closed", "edited", "deleted", "created", "submitted"),
      fc.string(),
    ),
    repository: fc.oneof(
      fc.record({ id: fc.oneof(fc.integer(), fc.string()), full_name: fc.string(), owner: fc.jsonValue() }),
      fc.jsonValue(),
    ),
    sender: fc.jsonValue(),
    pull_request: fc.jsonValue(),
    issue: fc.jsonValue(),
    commits: fc.jsonValue(),
  },
  { requiredKeys: [] },
);

describe("generated deliveries", () => {
  it("answer below 500, are each recorded with an outcome, and leave the server serving", async ({
    task,
  }) => {
    const samples = fc.sample(fc.tuple(fc.constantFrom(...EVENTS), payload), {
      numRuns: RUNS,
      seed: 424_242,
    });
    const statuses: number[] = [];
    for (const [index, [event, body]] of samples.entries()) {
      const text = JSON.stringify(body);
      const answer = await fetch(`${server.url}/webhooks/github`, {
        method: "POST",
        body: text,
        headers: {
          "content-type": "application/json",
          "x-github-event": event,
          "x-github-delivery": `fuzz-${index}`,
          "x-hub-signature-256": sign(SECRET, text),
        },
      });
      statuses.push(answer.status);
      await answer.body?.cancel();
    }
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    // Signed and JSON: accepted for processing, so the handlers meet every shape.
    expect(statuses.filter((status) => status === 202).length).toBe(RUNS);
    // Each one ends processed, ignored or failed (a shape the handlers refuse): none left hanging.
    await eventually(async () => {
      const [row] = await queryRows<{ pending: string | number }>(
        server.database.db,
        sql`select count(*) filter (where status = 'received') as pending from webhook_deliveries`,
      );
      return Number(row?.pending) === 0 ? true : undefined;
    }, 60_000);
    const healthy = (await fetch(`${server.url}/api/health`)).status === 200;
    recordFault(task, {
      family: "hostile input",
      cases: [9, 11, 12],
      injected: samples.length,
      lost: 0,
      differing: 0,
      crashes: healthy ? 0 : 1,
      serverErrors: statuses.filter((status) => status >= 500).length,
    });
    expect(healthy).toBe(true);
  }, 180_000);
});
