/**
 * Timelines as GitHub serves them (issue 21, part 2): the event types a sync meets, each in its own
 * shape — validated against its own member of the OpenAPI `timeline-issue-events` union, not just
 * the union — in time order, long enough in the long-lived pull request to span pages; and live
 * changes add events (a reopen adds `reopened`, it does not remove `closed`) and send GitHub's
 * own webhook actions.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorChange, RunningEmulator } from "../../src/emulator/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import { walk } from "./helpers.js";
import { loadValidators } from "./openapi-schema.js";

type Item = Record<string, unknown> & { event?: string };

/** The union member each event's shape belongs to. */
const MEMBER: Record<string, string> = {
  committed: "timeline-committed-event",
  reviewed: "timeline-reviewed-event",
  commented: "timeline-comment-event",
  labeled: "labeled-issue-event",
  unlabeled: "unlabeled-issue-event",
  review_requested: "review-requested-issue-event",
  "cross-referenced": "timeline-cross-referenced-event",
  closed: "state-change-issue-event",
  reopened: "state-change-issue-event",
  merged: "state-change-issue-event",
  ready_for_review: "state-change-issue-event",
  convert_to_draft: "state-change-issue-event",
  head_ref_force_pushed: "state-change-issue-event",
};

function timeOf(item: Item): number {
  const committer = item.committer as { date?: string } | undefined;
  return Date.parse(String(item.created_at ?? item.submitted_at ?? committer?.date ?? ""));
}

const validators = loadValidators();
let emu: RunningEmulator;
let wall = Date.parse("2025-05-01T09:00:00Z");
const tick = () => (wall += 60_000);
const changes: EmulatorChange[] = [];

async function timeline(number: number, repo = "acme/web") {
  return walk<Item>(emu.url, `/repos/${repo}/issues/${number}/timeline?per_page=100`);
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0, seed: 7, repos: 3, scale: "small", clock: () => wall });
  emu.admin.subscribe((change) => changes.push(change));
});
afterAll(async () => {
  await emu.close();
});

describe("generated timelines", () => {
  it("hold GitHub's event types, each valid against its own schema, in time order", async () => {
    const seen = new Set<string>();
    const numbers = [...emu.admin.pulls("acme/web"), ...emu.admin.issues("acme/web")].map(
      (thread) => thread.number,
    );
    for (const number of numbers) {
      const { items } = await timeline(number);
      for (const [i, item] of items.entries()) {
        const member = MEMBER[item.event ?? ""];
        expect(member, `#${number}: event ${String(item.event)}`).toBeDefined();
        const check = validators.component(member ?? "");
        expect(
          check(item),
          `#${number} ${String(item.event)}: ${JSON.stringify(check.errors?.slice(0, 2))}`,
        ).toBe(true);
        if (i > 0) expect(timeOf(item)).toBeGreaterThanOrEqual(timeOf(items[i - 1] ?? {}));
        seen.add(item.event ?? "");
      }
    }
    for (const event of ["committed", "reviewed", "commented", "labeled", "unlabeled", "closed", "merged"])
      expect(seen, event).toContain(event);
    for (const event of ["review_requested", "ready_for_review", "cross-referenced"])
      expect(seen, event).toContain(event);
  });

  it("a committed event is the commit: sha and author date, no id or created_at", async () => {
    const pull = emu.admin.pulls("acme/web").find((candidate) => candidate.merged);
    const { items } = await timeline(pull?.number ?? 0);
    const commit = items.find((item) => item.event === "committed");
    expect(commit).toMatchObject({
      sha: expect.stringMatching(/^[0-9a-f]{40}$/),
      author: { date: expect.any(String) },
    });
    expect(commit).not.toHaveProperty("id");
    expect(commit).not.toHaveProperty("created_at");
    const review = items.find((item) => item.event === "reviewed");
    if (review) expect(String(review.state)).toMatch(/^[a-z_]+$/);
  });

  it("the long-lived pull request's timeline spans pages, with its commits and reviews", async () => {
    const pull = emu.admin.pulls("acme/web").find((candidate) => candidate.commits > 100);
    const { items, replies } = await timeline(pull?.number ?? 0);
    expect(replies.length).toBeGreaterThanOrEqual(2);
    expect(items.filter((item) => item.event === "committed")).toHaveLength(pull?.commits ?? -1);
    expect(items.some((item) => item.event === "reviewed" || item.event === "commented")).toBe(true);
  });
});

describe("live changes", () => {
  it("close and reopen add events; labels, drafts, review requests and force-pushes too, with GitHub's actions", async () => {
    const issue = emu.admin.openIssue("acme/api", { title: "Timeline", labels: ["bug"] });
    tick();
    emu.admin.closeIssue("acme/api", issue.number, { by: "carol-ops" });
    tick();
    emu.admin.reopenIssue("acme/api", issue.number);
    tick();
    emu.admin.editIssue("acme/api", issue.number, { labels: ["documentation"] });
    const issueEvents = (await timeline(issue.number, "acme/api")).items.map((item) => item.event);
    expect(issueEvents).toEqual(["labeled", "closed", "reopened", "labeled", "unlabeled"]);

    const pull = emu.admin.openPull("acme/api", { title: "Timeline PR", author: "alice-chen", draft: true });
    tick();
    emu.admin.editPull("acme/api", pull.number, { draft: false });
    tick();
    emu.admin.requestReviewers("acme/api", pull.number, { reviewers: ["bkowalski"] });
    tick();
    emu.admin.pushToPull("acme/api", pull.number, { force: true, drop: 1, add: 1 });
    tick();
    emu.admin.editPull("acme/api", pull.number, { draft: true });
    const pullEvents = (await timeline(pull.number, "acme/api")).items.map((item) => item.event);
    expect(pullEvents.filter((event) => event !== "committed")).toEqual([
      "ready_for_review",
      "review_requested",
      "head_ref_force_pushed",
      "convert_to_draft",
    ]);
    const actions = changes
      .filter((change) => change.repository.full_name === "acme/api" && change.number !== undefined)
      .map((change) => `${change.type}.${change.action}`);
    for (const action of [
      "issues.labeled",
      "issues.unlabeled",
      "issues.closed",
      "issues.reopened",
      "pull_request.ready_for_review",
      "pull_request.review_requested",
      "pull_request.synchronize",
      "pull_request.converted_to_draft",
    ])
      expect(actions).toContain(action);
    expect(actions).not.toContain("issues.edited");
  });
});
