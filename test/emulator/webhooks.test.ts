/**
 * The emulator's webhook: every admin change arrives at a receiver as a signed delivery with
 * GitHub's headers and payload shapes (checked against @octokit/webhooks-examples and, for the
 * embedded objects, against the REST schemas of the OpenAPI extract), push before/after as the
 * commits endpoint serves them, merges producing a push and a merged pull_request, and the chaos
 * options (drops, duplicates, reordering, bad signatures, truncated bodies, delays) deterministic
 * per seed. Failures are recorded, never retried.
 */
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  EmulatorChange,
  EmulatorOptions,
  RunningEmulator,
  WebhookOptions,
} from "../../src/emulator/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import { get, record, records } from "./helpers.js";
import { loadValidators } from "./openapi-schema.js";
import { header, payloadOf, signatureVerifies, startReceiver } from "./webhook-receiver.js";
import type { Receiver, ReceivedRequest } from "./webhook-receiver.js";

interface Example {
  name: string;
  examples: Record<string, unknown>[];
}
const EXAMPLES = createRequire(import.meta.url)(
  "@octokit/webhooks-examples/api.github.com/index.json",
) as Example[];
const validators = loadValidators();
const SECRET = "emulator-webhook-secret";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface Session {
  emu: RunningEmulator;
  receiver: Receiver;
  changes: EmulatorChange[];
  close(): Promise<void>;
}

async function session(
  webhook: Partial<WebhookOptions> = {},
  options: EmulatorOptions = {},
  answer?: (request: ReceivedRequest) => number,
): Promise<Session> {
  const receiver = await startReceiver(SECRET, answer);
  const emu = await startEmulator({
    port: 0,
    seed: "webhooks",
    repos: 4,
    ...options,
    webhook: { url: receiver.url, secret: SECRET, ...webhook },
  });
  const changes: EmulatorChange[] = [];
  emu.admin.subscribe((change) => changes.push(change));
  return {
    emu,
    receiver,
    changes,
    close: async () => {
      await emu.close();
      await receiver.close();
    },
  };
}

/** Twenty changes of several kinds on acme/web. */
function churn(emu: RunningEmulator, count = 20): void {
  const issue = emu.admin.openIssue("acme/web", { title: "Churn" });
  for (let i = 1; i < count; i++) {
    if (i % 3 === 0) emu.admin.addComment("acme/web", issue.number, { body: `comment ${i}` });
    else if (i % 3 === 1) emu.admin.addCommits("acme/web", { message: `commit ${i}` });
    else emu.admin.editIssue("acme/web", issue.number, { body: `body ${i}` });
  }
}

/** The change each request delivered (through the delivery log's sequence numbers). */
function changeOf(s: Session, request: ReceivedRequest): EmulatorChange {
  const id = header(request, "x-github-delivery");
  const entry = s.emu.admin.webhookLog().find((item) => item.delivery_id === id);
  const change = entry ? s.changes[entry.seq - 1] : undefined;
  if (!change) throw new Error(`no change for delivery ${id}`);
  return change;
}

/** Requests in change order. */
function bySeq(
  s: Session,
): { request: ReceivedRequest; change: EmulatorChange; payload: Record<string, unknown> }[] {
  return s.receiver.requests
    .map((request) => ({ request, change: changeOf(s, request), payload: payloadOf(request) }))
    .sort((a, b) => s.changes.indexOf(a.change) - s.changes.indexOf(b.change));
}

async function headSha(emu: RunningEmulator, repo: string): Promise<string> {
  const [head] = records((await get(emu.url, `/repos/${repo}/commits?per_page=1`)).body);
  return String(head?.sha);
}

// ── shape checks ─────────────────────────────────────────────────────────────

const MAIN: Readonly<Record<string, readonly string[]>> = {
  push: ["repository", "pusher", "head_commit"],
  pull_request: ["pull_request", "repository"],
  pull_request_review: ["review", "pull_request", "repository"],
  issues: ["issue", "repository"],
  issue_comment: ["issue", "comment", "repository"],
  repository: ["repository"],
};
/** Top-level keys an example may lack or have that are not ours to send. */
const OPTIONAL_TOP = new Set(["installation", "organization", "enterprise"]);

function keysOf(value: unknown): string[] {
  return typeof value === "object" && value !== null ? Object.keys(value) : [];
}

/**
 * Problems of `payload` against one of GitHub's examples of the event (the action's own when
 * there is one): same top-level keys, and every key of the example's main objects present.
 */
function shapeProblems(event: string, action: string | null, payload: Record<string, unknown>): string[] {
  const all = EXAMPLES.find((entry) => entry.name === event)?.examples ?? [];
  const own = all.filter((example) => (example.action ?? null) === action);
  const candidates = own.length > 0 ? own : all;
  const optional = new Set([...OPTIONAL_TOP, ...(own.length > 0 ? [] : ["changes"])]);
  const best: string[][] = candidates.map((example) => {
    const ours = keysOf(payload).filter((key) => !optional.has(key));
    const theirs = keysOf(example).filter((key) => !optional.has(key));
    const problems = [
      ...theirs.filter((key) => !ours.includes(key)).map((key) => `missing ${key}`),
      ...ours.filter((key) => !theirs.includes(key)).map((key) => `extra ${key}`),
    ];
    for (const main of MAIN[event] ?? []) {
      for (const key of keysOf(example[main]))
        if (!keysOf(payload[main]).includes(key)) problems.push(`missing ${main}.${key}`);
    }
    if (event === "push") {
      const [theirCommit] = (example.commits as unknown[] | undefined) ?? [];
      const [ourCommit] = (payload.commits as unknown[] | undefined) ?? [];
      for (const key of keysOf(theirCommit))
        if (ourCommit !== undefined && !keysOf(ourCommit).includes(key))
          problems.push(`missing commits[].${key}`);
    }
    return problems;
  });
  if (best.length === 0) return [`no example of ${event}`];
  return best.reduce((a, b) => (b.length < a.length ? b : a));
}

/** `value` against the 200 schema of an operation (as an item of it when the operation lists). */
function validate(operationId: string, value: unknown, what: string, list = true): void {
  const check = validators.validator(operationId, 200);
  if (!check(list ? [value] : value)) {
    const errors = (check.errors ?? []).slice(0, 5).map((e) => `${e.instancePath} ${e.message ?? ""}`);
    throw new Error(`${what} does not match ${operationId}'s schema:\n${errors.join("\n")}`);
  }
}

// ── a session covering every kind of change ──────────────────────────────────

describe("webhook deliveries of admin changes", () => {
  let s: Session;
  let wall = Date.parse("2025-03-01T10:00:00Z");
  const tick = () => (wall += 60_000);
  const heads: Record<string, string> = {};
  let pullNumber = 0;
  let issueNumber = 0;
  let deletedIssue = 0;
  let commentId = 0;

  beforeAll(async () => {
    s = await session({}, { clock: () => wall });
    const admin = s.emu.admin;
    heads.start = await headSha(s.emu, "acme/web");
    tick();
    admin.addCommits("acme/web", { count: 2, author: "alice-chen", message: "Ship it" });
    heads.pushed = await headSha(s.emu, "acme/web");
    tick();
    pullNumber = admin.openPull("acme/web", {
      title: "Add webhooks",
      author: "bkowalski",
      body: "First",
    }).number;
    tick();
    admin.editPull("acme/web", pullNumber, { title: "Add a webhook sender" });
    tick();
    heads.pullOpened = admin.pulls("acme/web").find((pull) => pull.number === pullNumber)?.head_sha ?? "";
    heads.pullPushed = admin.pushToPull("acme/web", pullNumber, { add: 2 }).head_sha;
    tick();
    admin.addReview("acme/web", pullNumber, { state: "APPROVED", author: "carol-ops" });
    tick();
    const changes = admin.addReview("acme/web", pullNumber, {
      state: "CHANGES_REQUESTED",
      author: "dmitri-v",
    });
    tick();
    admin.dismissReview("acme/web", pullNumber, changes.id);
    tick();
    commentId = admin.addComment("acme/web", pullNumber, { author: "erin-sec", body: "LGTM" }).id;
    tick();
    admin.editComment("acme/web", commentId, { body: "LGTM!" });
    tick();
    heads.beforeMerge = await headSha(s.emu, "acme/web");
    admin.mergePull("acme/web", pullNumber, { by: "alice-chen" });
    heads.merged = await headSha(s.emu, "acme/web");
    tick();
    issueNumber = admin.openIssue("acme/web", { title: "Crash on start", author: "fatima-z" }).number;
    tick();
    const doomed = admin.addComment("acme/web", issueNumber, { author: "gustavo-m", body: "Me too" });
    tick();
    admin.deleteComment("acme/web", doomed.id);
    tick();
    admin.editIssue("acme/web", issueNumber, { body: "Steps to reproduce" });
    tick();
    admin.closeIssue("acme/web", issueNumber, { by: "gustavo-m", reason: "completed" });
    tick();
    deletedIssue = admin.openIssue("acme/web", { title: "Spam", author: "kofi-a" }).number;
    tick();
    admin.deleteIssue("acme/web", deletedIssue);
    tick();
    heads.beforeForce = await headSha(s.emu, "acme/web");
    admin.forcePush("acme/web", { drop: 2, add: 1, author: "hana-ito" });
    heads.forced = await headSha(s.emu, "acme/web");
    tick();
    admin.editRepository("acme/api", { description: "The public API" });
    tick();
    admin.renameRepository("acme/api", "api-v2");
    tick();
    admin.transferRepository("acme/api-v2", "acme-labs");
    tick();
    admin.deleteRepository("acme/infra");
    await admin.flushWebhooks();
  });

  afterAll(async () => {
    await s.close();
  });

  it("one request per change, in the background, with GitHub's headers and a valid signature", () => {
    const { requests } = s.receiver;
    expect(s.changes.length).toBe(24);
    expect(requests).toHaveLength(s.changes.length);
    const ids = new Set<string>();
    for (const request of requests) {
      expect(request.method).toBe("POST");
      expect(request.path).toBe("/hooks/github?source=emulator");
      expect(signatureVerifies(SECRET, request)).toBe(true);
      expect(header(request, "content-type")).toBe("application/json");
      expect(header(request, "user-agent")).toBe("GitHub-Hookshot/emulator");
      expect(header(request, "x-github-delivery")).toMatch(UUID);
      expect(header(request, "x-github-hook-id")).toBe("1");
      expect(header(request, "x-github-hook-installation-target-type")).toBe("organization");
      expect(header(request, "x-github-event")).toBe(changeOf(s, request).type);
      expect(Number(header(request, "content-length"))).toBe(request.body.length);
      ids.add(header(request, "x-github-delivery"));
    }
    expect(ids.size).toBe(requests.length);
    expect(s.emu.admin.webhookStats()).toEqual({
      queued: 0,
      sent: 24,
      delivered: 24,
      failed: 0,
      dropped: 0,
      duplicated: 0,
      bad_signature: 0,
      malformed: 0,
      redelivered: 0,
      by_status: { 200: 24 },
    });
    const log = s.emu.admin.webhookLog();
    expect(log).toHaveLength(24);
    expect(new Set(log.map((entry) => entry.kind))).toEqual(new Set(["normal"]));
    expect(log.map((entry) => entry.seq).sort((a, b) => a - b)).toEqual(s.changes.map((_, i) => i + 1));
  });

  it("event, action and sender of each change; payloads have the shapes of GitHub's examples", () => {
    for (const { change, payload, request } of bySeq(s)) {
      const event = header(request, "x-github-event");
      const action = event === "push" ? null : change.action;
      if (action !== null) expect(payload.action).toBe(action);
      else expect(payload).not.toHaveProperty("action");
      expect(record(payload.sender).login).toBe(change.sender);
      expect(record(payload.repository).id).toBe(change.repository.id);
      const problems = shapeProblems(event, action, payload);
      expect(problems, `${event}.${action ?? ""}: ${problems.join(", ")}`).toEqual([]);
    }
  });

  it("embedded objects validate against the REST schemas of GitHub's OpenAPI description", () => {
    for (const { change, payload } of bySeq(s)) {
      const what = `${change.type}.${change.action}`;
      if (change.type !== "push") validate("repos/list-for-authenticated-user", payload.repository, what);
      if (change.type === "pull_request") validate("pulls/get", payload.pull_request, what, false);
      if (change.type === "pull_request_review") {
        validate("pulls/list-reviews", payload.review, what);
        validate("pulls/list", payload.pull_request, what);
      }
      if (change.type === "issues" || change.type === "issue_comment")
        validate("issues/list-for-repo", payload.issue, what);
      if (change.type === "issue_comment") validate("issues/list-comments", payload.comment, what);
    }
  });

  it("a push to a pull request's head: a push to its branch, then pull_request synchronize", async () => {
    const [push, synchronize] = bySeq(s).filter(
      ({ change }) => change.action === "synchronize" || change.push?.ref.startsWith("refs/heads/feature"),
    );
    const pull = s.emu.admin.pulls("acme/web").find((candidate) => candidate.number === pullNumber);
    expect(push?.payload).toMatchObject({
      ref: `refs/heads/${pull?.head_ref ?? ""}`,
      before: heads.pullOpened,
      after: heads.pullPushed,
      forced: false,
      pusher: { name: "bkowalski" },
    });
    expect(records(push?.payload.commits)).toHaveLength(2);
    expect(synchronize?.payload).toMatchObject({
      action: "synchronize",
      before: heads.pullOpened,
      after: heads.pullPushed,
      pull_request: { head: { sha: heads.pullPushed } },
    });
    // The pushed commits are served by sha, with the PR's earlier commit as first parent.
    const served = record((await get(s.emu.url, `/repos/acme/web/commits/${heads.pullPushed ?? ""}`)).body);
    expect(served.sha).toBe(heads.pullPushed);
  });

  it("push: before and after are the heads served by GET /commits, commits oldest first", () => {
    const pushes = bySeq(s).filter(({ change }) => change.push?.ref === "refs/heads/main");
    expect(pushes.map(({ change }) => change.action)).toEqual(["pushed", "pushed", "forced"]);
    const [first, merge, force] = pushes.map(({ payload }) => payload);
    expect(first).toMatchObject({
      ref: "refs/heads/main",
      before: heads.start,
      after: heads.pushed,
      created: false,
      deleted: false,
      forced: false,
      base_ref: null,
      pusher: { name: "alice-chen" },
    });
    const firstCommits = records(first?.commits);
    expect(firstCommits.map((commit) => commit.message)).toEqual(["Ship it", "Ship it"]);
    expect(firstCommits[1]?.id).toBe(heads.pushed);
    expect(record(firstCommits[0]).distinct).toBe(true);
    expect(record(record(firstCommits[0]).author).username).toBe("alice-chen");
    expect(record(first?.head_commit).id).toBe(heads.pushed);
    expect(String(first?.compare)).toContain(
      `/compare/${heads.start?.slice(0, 12)}...${heads.pushed?.slice(0, 12)}`,
    );
    expect(merge).toMatchObject({ before: heads.beforeMerge, after: heads.merged, forced: false });
    expect(records(merge?.commits).map((commit) => commit.id)).toEqual([heads.merged]);
    expect(record(merge?.sender).login).toBe("alice-chen");
    expect(force).toMatchObject({ before: heads.beforeForce, after: heads.forced, forced: true });
    expect(records(force?.commits).map((commit) => commit.id)).toEqual([heads.forced]);
    for (const payload of [first, merge, force]) {
      const repository = record(payload?.repository);
      expect(repository).toMatchObject({
        default_branch: "main",
        full_name: "acme/web",
        id: expect.any(Number),
      });
      expect(record(repository.owner)).toMatchObject({
        login: "acme",
        type: "Organization",
        id: expect.any(Number),
      });
      expect(Number.isInteger(repository.pushed_at)).toBe(true);
      expect(Number.isInteger(repository.created_at)).toBe(true);
      expect(repository.updated_at).toEqual(expect.stringMatching(/Z$/));
    }
    // Built at the moment of the change: the first push's repository is as it was then.
    const firstPushedAt = Number(record(first?.repository).pushed_at);
    expect(firstPushedAt).toBeLessThan(Number(record(force?.repository).pushed_at));
    expect(s.changes.find((change) => change.action === "forced")?.push).toMatchObject({
      before: heads.beforeForce,
      after: heads.forced,
      forced: true,
      commits: [heads.forced],
    });
  });

  it("pushed_at of the push payload is the time GET /repos serves (as epoch seconds)", async () => {
    const force = bySeq(s).find(({ change }) => change.action === "forced")?.payload;
    const commit = record((await get(s.emu.url, `/repos/acme/web/commits/${heads.forced}`)).body);
    const committed = Date.parse(String(record(record(commit.commit).committer).date)) / 1000;
    expect(record(force?.repository).pushed_at).toBe(committed);
  });

  it("pull requests: opened as it was then, edited with changes, reviews in lower case, merged", () => {
    const events = bySeq(s).filter(({ change }) => change.number === pullNumber);
    const kinds = events.map(({ change }) => `${change.type}.${change.action}`);
    expect(kinds).toEqual([
      "pull_request.opened",
      "pull_request.edited",
      "pull_request.synchronize",
      "pull_request_review.submitted",
      "pull_request_review.submitted",
      "pull_request_review.dismissed",
      "issue_comment.created",
      "issue_comment.edited",
      "pull_request.closed",
    ]);
    const [opened, edited, , approved, , dismissed, commented, commentEdited, closed] = events.map(
      (e) => e.payload,
    );
    expect(opened).toMatchObject({
      number: pullNumber,
      pull_request: { title: "Add webhooks", state: "open" },
    });
    expect(edited).toMatchObject({
      changes: { title: { from: "Add webhooks" } },
      pull_request: { title: "Add a webhook sender" },
    });
    expect(approved).toMatchObject({ review: { state: "approved", user: { login: "carol-ops" } } });
    expect(dismissed).toMatchObject({ review: { state: "dismissed" } });
    expect(commented).toMatchObject({ comment: { body: "LGTM" }, issue: { number: pullNumber } });
    expect(record(commented?.issue)).toHaveProperty("pull_request");
    expect(commentEdited).toMatchObject({ changes: { body: { from: "LGTM" } }, comment: { body: "LGTM!" } });
    const merged = record(closed?.pull_request);
    expect(merged).toMatchObject({ merged: true, state: "closed", merged_by: { login: "alice-chen" } });
    expect(merged.merge_commit_sha).toBe(heads.merged);
    // The merge's push comes with it.
    const mergePush = bySeq(s).find(
      ({ payload }) => payload.after === heads.merged && payload.before === heads.beforeMerge,
    );
    expect(mergePush?.change.type).toBe("push");
  });

  it("issues and comments: deleted ones are sent as they were", () => {
    const events = bySeq(s).filter(
      ({ change }) => change.number === issueNumber || change.number === deletedIssue,
    );
    expect(events.map(({ change }) => `${change.type}.${change.action}`)).toEqual([
      "issues.opened",
      "issue_comment.created",
      "issue_comment.deleted",
      "issues.edited",
      "issues.closed",
      "issues.opened",
      "issues.deleted",
    ]);
    const [opened, created, deleted, edited, closed, , gone] = events.map((e) => e.payload);
    expect(opened).toMatchObject({ issue: { title: "Crash on start", state: "open", comments: 0 } });
    expect(record(opened?.issue)).not.toHaveProperty("pull_request");
    expect(record(deleted?.comment)).toMatchObject({ id: record(created?.comment).id, body: "Me too" });
    expect(edited).toMatchObject({
      changes: { body: { from: null } },
      issue: { body: "Steps to reproduce" },
    });
    expect(closed).toMatchObject({
      issue: { state: "closed", state_reason: "completed" },
      sender: { login: "gustavo-m" },
    });
    expect(gone).toMatchObject({ issue: { number: deletedIssue, title: "Spam" } });
  });

  it("repository: edited, renamed and transferred with changes, deleted", () => {
    const events = bySeq(s).filter(({ change }) => change.type === "repository");
    expect(events.map(({ change }) => change.action)).toEqual([
      "edited",
      "renamed",
      "transferred",
      "deleted",
    ]);
    const [edited, renamed, transferred, deleted] = events.map((e) => e.payload);
    expect(edited).toMatchObject({ changes: { description: { from: expect.any(String) } } });
    expect(renamed).toMatchObject({
      changes: { repository: { name: { from: "api" } } },
      repository: { name: "api-v2", full_name: "acme/api-v2" },
    });
    expect(transferred).toMatchObject({
      changes: { owner: { from: { organization: { login: "acme" } } } },
      repository: { full_name: "acme-labs/api-v2" },
    });
    expect(deleted).toMatchObject({ repository: { full_name: "acme/infra" } });
  });
});

describe("webhook payloads equal what the REST API serves", () => {
  it("the objects of a delivery equal GET responses made at the same moment", async () => {
    const s = await session();
    /** The payload of the last change, once delivered. */
    const delivered = async () => {
      await s.emu.admin.flushWebhooks();
      return bySeq(s).at(-1)?.payload ?? {};
    };
    try {
      const pull = s.emu.admin.openPull("acme/web", { title: "Compare me", author: "ivan-p" });
      const pullEvent = await delivered();
      expect(pullEvent.pull_request).toEqual(
        (await get(s.emu.url, `/repos/acme/web/pulls/${pull.number}`)).body,
      );

      const issue = s.emu.admin.openIssue("acme/web", { title: "Compare me too" });
      const issueEvent = await delivered();
      const served = record((await get(s.emu.url, `/repos/acme/web/issues/${issue.number}`)).body);
      const { closed_by: _closedBy, ...servedIssue } = served;
      expect(issueEvent.issue).toEqual({ ...servedIssue, draft: false });

      const comment = s.emu.admin.addComment("acme/web", issue.number, { body: "Same bytes" });
      const commentEvent = await delivered();
      const comments = records(
        (await get(s.emu.url, `/repos/acme/web/issues/${issue.number}/comments`)).body,
      );
      expect(commentEvent.comment).toEqual(comments.find((c) => c.id === comment.id));
      const repository = record((await get(s.emu.url, "/repos/acme/web", { token: null })).body);
      for (const [key, value] of Object.entries(record(commentEvent.repository))) {
        if (key !== "custom_properties") expect(value, key).toEqual(repository[key]);
      }
    } finally {
      await s.close();
    }
  });

  it("a payload is built at the moment of its change: a later change does not alter it", async () => {
    const s = await session({ delayMs: 30 });
    try {
      const issue = s.emu.admin.openIssue("acme/web", { title: "Before" });
      s.emu.admin.editIssue("acme/web", issue.number, { title: "After", labels: ["bug"] });
      // Never inside the admin call: nothing has been sent yet.
      expect(s.receiver.requests).toHaveLength(0);
      // The edit is two deliveries, as GitHub sends them: `edited` (the title) and `labeled`.
      expect(s.emu.admin.webhookStats().queued).toBe(3);
      await s.emu.admin.flushWebhooks();
      const [opened, edited, labeled] = bySeq(s).map((e) => e.payload);
      expect(labeled).toMatchObject({ action: "labeled", label: { name: "bug" }, issue: { title: "After" } });
      expect(opened).toMatchObject({ action: "opened", issue: { title: "Before", labels: [] } });
      expect(edited).toMatchObject({
        action: "edited",
        issue: { title: "After" },
        changes: { title: { from: "Before" } },
      });
    } finally {
      await s.close();
    }
  });
});

describe("webhook chaos (seeded)", () => {
  it("duplicateRate 0.5: requests = changes + duplicates, a duplicate repeats its delivery id", async () => {
    const s = await session({ duplicateRate: 0.5 });
    try {
      churn(s.emu);
      await s.emu.admin.flushWebhooks();
      const stats = s.emu.admin.webhookStats();
      expect(stats.duplicated).toBeGreaterThan(0);
      expect(stats.duplicated).toBeLessThan(20);
      expect(s.receiver.requests).toHaveLength(20 + stats.duplicated);
      expect(stats).toMatchObject({ sent: 20 + stats.duplicated, delivered: 20 + stats.duplicated });
      const counts = new Map<string, number>();
      for (const request of s.receiver.requests) {
        const id = header(request, "x-github-delivery");
        counts.set(id, (counts.get(id) ?? 0) + 1);
        expect(signatureVerifies(SECRET, request)).toBe(true);
      }
      expect(counts.size).toBe(20);
      expect([...counts.values()].filter((n) => n === 2)).toHaveLength(stats.duplicated);
      const log = s.emu.admin.webhookLog();
      expect(log.filter((entry) => entry.kind === "duplicate")).toHaveLength(stats.duplicated);
      // Same seed, same changes → same fates.
      const again = await session({ duplicateRate: 0.5 });
      try {
        churn(again.emu);
        await again.emu.admin.flushWebhooks();
        const fates = (t: Session) =>
          t.emu.admin
            .webhookLog()
            .map((entry) => `${entry.seq}:${entry.kind}:${entry.delivery_id}`)
            .sort();
        expect(fates(again)).toEqual(fates(s));
      } finally {
        await again.close();
      }
    } finally {
      await s.close();
    }
  });

  it("badSignatureRate 1: no signature verifies and the receiver answers 401 to each", async () => {
    const s = await session({ badSignatureRate: 1 });
    try {
      churn(s.emu, 6);
      await s.emu.admin.flushWebhooks();
      expect(s.receiver.requests).toHaveLength(6);
      for (const request of s.receiver.requests) {
        expect(signatureVerifies(SECRET, request)).toBe(false);
        expect(header(request, "x-hub-signature-256")).toMatch(/^sha256=[0-9a-f]{64}$/);
        expect(() => payloadOf(request)).not.toThrow();
      }
      expect(s.emu.admin.webhookStats()).toMatchObject({
        bad_signature: 6,
        sent: 6,
        delivered: 0,
        failed: 0,
        by_status: { 401: 6 },
      });
      expect(new Set(s.emu.admin.webhookLog().map((entry) => entry.kind))).toEqual(
        new Set(["bad_signature"]),
      );
    } finally {
      await s.close();
    }
  });

  it("malformedRate 1: bodies are invalid JSON, correctly signed; the receiver answers 400", async () => {
    const s = await session({ malformedRate: 1 });
    try {
      churn(s.emu, 6);
      await s.emu.admin.flushWebhooks();
      expect(s.receiver.requests).toHaveLength(6);
      for (const request of s.receiver.requests) {
        expect(signatureVerifies(SECRET, request)).toBe(true);
        expect(() => payloadOf(request)).toThrow();
      }
      expect(s.emu.admin.webhookStats()).toMatchObject({ malformed: 6, by_status: { 400: 6 } });
    } finally {
      await s.close();
    }
  });

  it("dropRate 1: nothing is received and every change is recorded as dropped", async () => {
    const s = await session({ dropRate: 1 });
    try {
      churn(s.emu, 8);
      await s.emu.admin.flushWebhooks();
      expect(s.receiver.requests).toHaveLength(0);
      expect(s.emu.admin.webhookStats()).toMatchObject({ queued: 0, sent: 0, dropped: 8 });
      expect(s.emu.admin.webhookLog().map((entry) => [entry.kind, entry.status])).toEqual(
        Array.from({ length: 8 }, () => ["dropped", null]),
      );
    } finally {
      await s.close();
    }
  });

  it("reorder: deliveries are shuffled within windows; the set of delivery ids is the same", async () => {
    const arrival = async (webhook: Partial<WebhookOptions>) => {
      const s = await session({ concurrency: 1, ...webhook });
      try {
        churn(s.emu);
        await s.emu.admin.flushWebhooks();
        return {
          seqs: s.receiver.requests.map((request) => s.changes.indexOf(changeOf(s, request)) + 1),
          ids: s.receiver.requests.map((request) => header(request, "x-github-delivery")),
        };
      } finally {
        await s.close();
      }
    };
    const inOrder = await arrival({});
    const shuffled = await arrival({ reorder: 5 });
    const ascending = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(inOrder.seqs).toEqual(ascending);
    expect(shuffled.seqs).not.toEqual(ascending);
    expect([...shuffled.seqs].sort((a, b) => a - b)).toEqual(ascending);
    // Windows of 5 go out one after the other.
    expect(shuffled.seqs.map((seq) => Math.ceil(seq / 5))).toEqual(ascending.map((i) => Math.ceil(i / 5)));
    expect(new Set(shuffled.ids)).toEqual(new Set(inOrder.ids));
  });

  it("delayMs delays each send; flush waits for it", async () => {
    const s = await session({ delayMs: 80 });
    try {
      const started = Date.now();
      churn(s.emu, 3);
      await s.emu.admin.flushWebhooks();
      expect(Date.now() - started).toBeGreaterThanOrEqual(75);
      expect(s.receiver.requests).toHaveLength(3);
    } finally {
      await s.close();
    }
  });
});

describe("webhook failures and admin visibility", () => {
  it("a 5xx answer is recorded as failed and not retried", async () => {
    const s = await session({}, {}, () => 503);
    try {
      churn(s.emu, 4);
      await s.emu.admin.flushWebhooks();
      expect(s.receiver.requests).toHaveLength(4);
      // Nothing left queued once the four failed: no retry is pending.
      expect(s.emu.admin.webhookStats()).toMatchObject({
        queued: 0,
        sent: 4,
        delivered: 0,
        failed: 4,
        by_status: { 503: 4 },
      });
    } finally {
      await s.close();
    }
  });

  it("an unreachable receiver: failed with the network error, no status", async () => {
    const dead = await startReceiver(SECRET);
    await dead.close();
    const emu = await startEmulator({
      port: 0,
      seed: "webhooks",
      repos: 2,
      webhook: { url: dead.url, secret: SECRET },
    });
    try {
      emu.admin.addCommits("acme/web");
      emu.admin.openIssue("acme/web");
      await emu.admin.flushWebhooks();
      expect(emu.admin.webhookStats()).toMatchObject({ sent: 2, delivered: 0, failed: 2, by_status: {} });
      for (const entry of emu.admin.webhookLog()) {
        expect(entry.status).toBeNull();
        expect(entry.error).toEqual(expect.any(String));
      }
    } finally {
      await emu.close();
    }
  });

  it("without a secret no signature headers are sent (as on GitHub)", async () => {
    const s = await session({ secret: "" }, {}, () => 204);
    try {
      s.emu.admin.addCommits("acme/web");
      await s.emu.admin.flushWebhooks();
      expect(s.receiver.requests).toHaveLength(1);
      expect(s.receiver.requests[0]?.headers).not.toHaveProperty("x-hub-signature-256");
      expect(s.emu.admin.webhookStats().by_status).toEqual({ 204: 1 });
    } finally {
      await s.close();
    }
  });

  it("GET /_emulator/webhooks and POST /_emulator/webhooks/flush", async () => {
    const s = await session();
    try {
      s.emu.admin.addCommits("acme/web", { count: 2 });
      const flushed = await fetch(`${s.emu.url}/_emulator/webhooks/flush`, { method: "POST" });
      expect(flushed.status).toBe(200);
      expect(await flushed.json()).toMatchObject({
        flushed: true,
        stats: { sent: 1, delivered: 1, queued: 0 },
      });
      const listed = await fetch(`${s.emu.url}/_emulator/webhooks`);
      const body = record(await listed.json());
      expect(body.stats).toMatchObject({ sent: 1, by_status: { 200: 1 } });
      expect(records(body.deliveries)).toEqual([
        expect.objectContaining({
          delivery_id: header(s.receiver.requests[0] as ReceivedRequest, "x-github-delivery"),
          event: "push",
          action: null,
          kind: "normal",
          status: 200,
          seq: 1,
          repository: "acme/web",
        }),
      ]);
    } finally {
      await s.close();
    }
  });

  it("without a webhook URL: zeros, an empty log, and flush resolves at once", async () => {
    const emu = await startEmulator({ port: 0, seed: "webhooks", repos: 2 });
    try {
      emu.admin.addCommits("acme/web");
      await emu.admin.flushWebhooks();
      expect(emu.admin.webhookStats()).toEqual({
        queued: 0,
        sent: 0,
        delivered: 0,
        failed: 0,
        dropped: 0,
        duplicated: 0,
        bad_signature: 0,
        malformed: 0,
        redelivered: 0,
        by_status: {},
      });
      expect(emu.admin.webhookLog()).toEqual([]);
      const reply = await fetch(`${emu.url}/_emulator/webhooks/flush`, { method: "POST" });
      expect(await reply.json()).toMatchObject({ flushed: true, stats: { sent: 0 } });
    } finally {
      await emu.close();
    }
  });

  it("invalid webhook options are rejected at start", async () => {
    await expect(startEmulator({ port: 0, webhook: { url: "ftp://example.invalid" } })).rejects.toThrow(
      /webhook.url/,
    );
    await expect(
      startEmulator({ port: 0, webhook: { url: "http://127.0.0.1:1", dropRate: 2 } }),
    ).rejects.toThrow(/webhook.dropRate/);
  });
});
