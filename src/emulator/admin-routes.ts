/**
 * HTTP face of the admin: /_emulator/… routes with JSON bodies (documented in README.md). They
 * never count against rate limits and ignore injected faults and latency.
 */
import type { EmulatorAdmin } from "./admin.js";
import type { RepoRef } from "./admin-types.js";
import type { FaultUpdate } from "./faults.js";
import type { ReviewState } from "./world-types.js";
import type { MergeMethod } from "./world-types.js";
import type { Route } from "./router.js";
import { EmulatorError } from "./errors.js";
import { match, route } from "./router.js";
import { avatarSvg } from "./avatar.js";

export interface AdminResult {
  status: number;
  body: unknown;
  contentType?: string;
}

type Body = Record<string, unknown>;
type Handler = (admin: EmulatorAdmin, p: Record<string, string>, body: Body) => unknown;

const repoOf = (p: Record<string, string>): RepoRef => `${p.owner ?? ""}/${p.repo ?? ""}`;
const num = (p: Record<string, string>, name: string): number => Number(p[name]);

function field<T>(
  body: Body,
  name: string,
  type: "string" | "number" | "boolean",
  required: boolean,
): T | undefined {
  const value = body[name];
  if (value === undefined || (value === null && !required && type === "string"))
    return value as T | undefined;
  if (typeof value !== type) throw new EmulatorError("invalid", `${name}: expected a ${type}`);
  return value as T;
}
const str = (body: Body, name: string) => field<string>(body, name, "string", false);
const reqStr = (body: Body, name: string) => {
  const value = field<string>(body, name, "string", true);
  if (value === undefined) throw new EmulatorError("invalid", `${name} is required`);
  return value;
};
const int = (body: Body, name: string) => field<number>(body, name, "number", false);
const bool = (body: Body, name: string) => field<boolean>(body, name, "boolean", false);
function strings(body: Body, name: string): string[] | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    throw new EmulatorError("invalid", `${name}: expected an array of strings`);
  }
  return value as string[];
}
const nullableStr = (body: Body, name: string) => (body[name] === null ? null : str(body, name));
function mergeMethod(body: Body): MergeMethod | undefined {
  const value = str(body, "method");
  if (value === undefined || value === "squash" || value === "merge" || value === "rebase") return value;
  throw new EmulatorError("invalid", `method: "squash", "merge" or "rebase", not ${value}`);
}
/** Repositories by full name or id. */
function repoRefs(body: Body, name: string): RepoRef[] {
  const value = body[name];
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string" || typeof item === "number"))
    throw new EmulatorError("invalid", `${name}: expected an array of repository full names or ids`);
  return value as RepoRef[];
}

function outcome(body: Body): "success" | "failure" | undefined {
  const value = str(body, "outcome");
  if (value === undefined || value === "success" || value === "failure") return value;
  throw new EmulatorError("invalid", `outcome: "success" or "failure", not ${value}`);
}
function role(body: Body): "member" | "maintainer" | undefined {
  const value = str(body, "role");
  if (value === undefined || value === "member" || value === "maintainer") return value;
  throw new EmulatorError("invalid", `role: "member" or "maintainer", not ${value}`);
}

const INSTALLATION = "/_emulator/installations/:id";

const REPO = "/_emulator/repos/:owner/:repo";

const GET: readonly Route<Handler>[] = [
  route("/_emulator/stats", (a) => a.stats()),
  route("/_emulator/faults", (a) => a.faults()),
  route("/_emulator/webhooks", (a) => ({ stats: a.webhookStats(), deliveries: a.webhookLog() })),
  route("/_emulator/repos", (a) => a.repositories()),
  route(REPO, (a, p) => a.repository(repoOf(p))),
  route(`${REPO}/commits`, (a, p) => a.commits(repoOf(p))),
  route(`${REPO}/pulls`, (a, p) => a.pulls(repoOf(p))),
  route(`${REPO}/reviews`, (a, p) => a.reviews(repoOf(p))),
  route(`${REPO}/pulls/:number/reviews`, (a, p) => a.reviews(repoOf(p), num(p, "number"))),
  route(`${REPO}/issues`, (a, p) => a.issues(repoOf(p))),
  route(`${REPO}/comments`, (a, p) => a.comments(repoOf(p))),
  route(`${REPO}/contributors`, (a, p) => a.contributors(repoOf(p), { anon: true })),
  route(`${REPO}/workflow-runs`, (a, p) => a.workflowRuns(repoOf(p))),
  route(`${REPO}/deployments`, (a, p) => a.deployments(repoOf(p))),
  route(`${REPO}/releases`, (a, p) => a.releases(repoOf(p))),
  route(`${REPO}/review-comments`, (a, p) => a.reviewComments(repoOf(p))),
  route(`${REPO}/delivery-counts`, (a, p) => a.deliveryCounts(repoOf(p))),
  route("/_emulator/delivery-counts", (a) => a.deliveryCounts()),
  route("/_emulator/teams", (a) => a.teams()),
  route("/_emulator/app", (a) => a.app()),
  route("/_emulator/installations", (a) => a.installations()),
  route(INSTALLATION, (a, p) => a.installation(num(p, "id"))),
];

const POST: readonly Route<Handler>[] = [
  route("/_emulator/repos", (a, _p, b) => a.createRepository(reqStr(b, "name"))),
  route(`${REPO}/commits`, (a, p, b) =>
    a.addCommits(repoOf(p), { count: int(b, "count"), author: str(b, "author"), message: str(b, "message") }),
  ),
  route(`${REPO}/force-push`, (a, p, b) =>
    a.forcePush(repoOf(p), { drop: int(b, "drop") ?? 0, add: int(b, "add") ?? 0, author: str(b, "author") }),
  ),
  route(`${REPO}/pulls`, (a, p, b) =>
    a.openPull(repoOf(p), {
      title: str(b, "title"),
      body: nullableStr(b, "body"),
      author: str(b, "author"),
      draft: bool(b, "draft"),
      labels: strings(b, "labels"),
    }),
  ),
  route(`${REPO}/pulls/:number/merge`, (a, p, b) =>
    a.mergePull(repoOf(p), num(p, "number"), { by: str(b, "by"), method: mergeMethod(b) }),
  ),
  route(`${REPO}/pulls/:number/requested_reviewers`, (a, p, b) =>
    a.requestReviewers(repoOf(p), num(p, "number"), {
      reviewers: strings(b, "reviewers") ?? [],
      by: str(b, "by"),
    }),
  ),
  route(`${REPO}/pulls/:number/push`, (a, p, b) =>
    a.pushToPull(repoOf(p), num(p, "number"), {
      add: int(b, "add"),
      drop: int(b, "drop"),
      force: bool(b, "force"),
      author: str(b, "author"),
    }),
  ),
  route(`${REPO}/pulls/:number/close`, (a, p, b) =>
    a.closePull(repoOf(p), num(p, "number"), { by: str(b, "by") }),
  ),
  route(`${REPO}/pulls/:number/reopen`, (a, p) => a.reopenPull(repoOf(p), num(p, "number"))),
  route(`${REPO}/pulls/:number/reviews`, (a, p, b) =>
    a.addReview(repoOf(p), num(p, "number"), {
      state: reqStr(b, "state") as ReviewState,
      author: str(b, "author"),
      body: str(b, "body"),
    }),
  ),
  route(`${REPO}/pulls/:number/reviews/:id/dismiss`, (a, p) =>
    a.dismissReview(repoOf(p), num(p, "number"), num(p, "id")),
  ),
  route(`${REPO}/issues`, (a, p, b) =>
    a.openIssue(repoOf(p), {
      title: str(b, "title"),
      body: nullableStr(b, "body"),
      author: str(b, "author"),
      labels: strings(b, "labels"),
    }),
  ),
  route(`${REPO}/issues/:number/close`, (a, p, b) =>
    a.closeIssue(repoOf(p), num(p, "number"), {
      reason: str(b, "reason") === "not_planned" ? "not_planned" : "completed",
      by: str(b, "by"),
    }),
  ),
  route(`${REPO}/issues/:number/reopen`, (a, p) => a.reopenIssue(repoOf(p), num(p, "number"))),
  route(`${REPO}/issues/:number/transfer`, (a, p, b) =>
    a.transferIssue(repoOf(p), num(p, "number"), reqStr(b, "new_repo")),
  ),
  route(`${REPO}/issues/:number/comments`, (a, p, b) =>
    a.addComment(repoOf(p), num(p, "number"), { body: str(b, "body"), author: str(b, "author") }),
  ),
  route(`${REPO}/rename`, (a, p, b) => a.renameRepository(repoOf(p), reqStr(b, "name"))),
  route(`${REPO}/transfer`, (a, p, b) => a.transferRepository(repoOf(p), reqStr(b, "new_owner"))),
  route("/_emulator/tokens/:token/revoke", (a, p) => {
    a.revokeToken(p.token ?? "");
    return { revoked: true };
  }),
  route("/_emulator/faults", (a, _p, b) => a.setFaults(b as FaultUpdate)),
  route("/_emulator/contributors-delay", (a, _p, b) => a.setContributorsDelay(int(b, "seconds") ?? -1)),
  route("/_emulator/search-lag", (a, _p, b) => a.setSearchLag(int(b, "seconds") ?? -1)),
  route("/_emulator/activity", (a, _p, b) => a.simulateActivity(int(b, "steps") ?? 1)),
  route("/_emulator/stats/reset", (a) => {
    a.resetRequestStats();
    return { reset: true };
  }),
  route("/_emulator/webhooks/flush", async (a) => {
    await a.flushWebhooks();
    return { flushed: true, stats: a.webhookStats() };
  }),
  route("/_emulator/installations", (a, _p, b) =>
    a.createInstallation({
      repositories:
        b.repositories === "all" || b.repositories === undefined ? "all" : repoRefs(b, "repositories"),
      account: str(b, "account"),
      by: str(b, "by"),
    }),
  ),
  route(`${INSTALLATION}/repositories`, (a, p, b) =>
    a.addInstallationRepositories(num(p, "id"), repoRefs(b, "repositories"), { by: str(b, "by") }),
  ),
  route(`${INSTALLATION}/suspend`, (a, p, b) => a.suspendInstallation(num(p, "id"), { by: str(b, "by") })),
  route(`${INSTALLATION}/unsuspend`, (a, p, b) =>
    a.unsuspendInstallation(num(p, "id"), { by: str(b, "by") }),
  ),
  route(`${INSTALLATION}/token`, (a, p) => a.createInstallationToken(num(p, "id"))),
  route(`${REPO}/deployments`, (a, p, b) =>
    a.deploy(repoOf(p), { environment: str(b, "environment"), outcome: outcome(b), by: str(b, "by") }),
  ),
  route(`${REPO}/workflow-runs/:id/rerun`, (a, p) => a.rerunWorkflowRun(repoOf(p), num(p, "id"))),
  route(`${REPO}/releases`, (a, p, b) =>
    a.createRelease(repoOf(p), {
      tag: str(b, "tag"),
      sha: str(b, "sha"),
      name: str(b, "name"),
      body: str(b, "body"),
      draft: bool(b, "draft"),
      prerelease: bool(b, "prerelease"),
      by: str(b, "by"),
    }),
  ),
  route(`${REPO}/pulls/:number/review-comments`, (a, p, b) =>
    a.addReviewComment(repoOf(p), num(p, "number"), {
      body: str(b, "body"),
      author: str(b, "author"),
      inReplyTo: int(b, "in_reply_to"),
    }),
  ),
  route("/_emulator/teams", (a, _p, b) =>
    a.createTeam(reqStr(b, "name"), { description: str(b, "description"), by: str(b, "by") }),
  ),
  route("/_emulator/teams/:slug/members", (a, p, b) =>
    a.addTeamMember(p.slug ?? "", reqStr(b, "login"), { role: role(b), by: str(b, "by") }),
  ),
];

const PATCH: readonly Route<Handler>[] = [
  route(REPO, (a, p, b) =>
    a.editRepository(repoOf(p), {
      description: nullableStr(b, "description"),
      homepage: nullableStr(b, "homepage"),
      private: bool(b, "private"),
      archived: bool(b, "archived"),
      topics: strings(b, "topics"),
    }),
  ),
  route(`${REPO}/pulls/:number`, (a, p, b) =>
    a.editPull(repoOf(p), num(p, "number"), {
      title: str(b, "title"),
      body: nullableStr(b, "body"),
      draft: bool(b, "draft"),
      labels: strings(b, "labels"),
    }),
  ),
  route(`${REPO}/issues/:number`, (a, p, b) =>
    a.editIssue(repoOf(p), num(p, "number"), {
      title: str(b, "title"),
      body: nullableStr(b, "body"),
      labels: strings(b, "labels"),
      assignees: strings(b, "assignees"),
    }),
  ),
  route(`${REPO}/issues/comments/:id`, (a, p, b) =>
    a.editComment(repoOf(p), num(p, "id"), { body: reqStr(b, "body") }),
  ),
  route(`${REPO}/review-comments/:id`, (a, p, b) =>
    a.editReviewComment(repoOf(p), num(p, "id"), { body: reqStr(b, "body") }),
  ),
];

const deleted = (action: () => void) => {
  action();
  return { deleted: true };
};

const DELETE: readonly Route<Handler>[] = [
  route(REPO, (a, p) => deleted(() => a.deleteRepository(repoOf(p)))),
  route(`${REPO}/issues/comments/:id`, (a, p) => deleted(() => a.deleteComment(repoOf(p), num(p, "id")))),
  route(`${REPO}/issues/:number`, (a, p) => deleted(() => a.deleteIssue(repoOf(p), num(p, "number")))),
  route(`${REPO}/workflow-runs/:id`, (a, p) => deleted(() => a.deleteWorkflowRun(repoOf(p), num(p, "id")))),
  route(`${REPO}/review-comments/:id`, (a, p) =>
    deleted(() => a.deleteReviewComment(repoOf(p), num(p, "id"))),
  ),
  route("/_emulator/teams/:slug/members/:login", (a, p, b) =>
    a.removeTeamMember(p.slug ?? "", p.login ?? "", { by: str(b, "by") }),
  ),
  route(INSTALLATION, (a, p, b) => deleted(() => a.deleteInstallation(num(p, "id"), { by: str(b, "by") }))),
  route(`${INSTALLATION}/repositories`, (a, p, b) =>
    a.removeInstallationRepositories(num(p, "id"), repoRefs(b, "repositories"), { by: str(b, "by") }),
  ),
];

const TABLE: Readonly<Record<string, readonly Route<Handler>[]>> = { GET, POST, PATCH, DELETE };

/** Runs one admin request; `rawBody` is the request body (JSON object or empty). */
export async function handleAdmin(
  admin: EmulatorAdmin,
  method: string,
  path: string,
  rawBody: string,
): Promise<AdminResult> {
  const avatar = /^\/_emulator\/avatars\/u\/(\d+)$/.exec(path);
  if (avatar && method === "GET")
    return { status: 200, body: avatarSvg(Number(avatar[1])), contentType: "image/svg+xml" };
  const found = match(TABLE[method] ?? [], path);
  if (!found) return { status: 404, body: { message: `No admin route ${method} ${path}` } };
  try {
    const parsed: unknown = rawBody.trim() === "" ? {} : JSON.parse(rawBody);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw new EmulatorError("invalid", "the body must be a JSON object");
    }
    const result: unknown = await found.handler(admin, found.params, parsed as Body);
    return { status: 200, body: result ?? {} };
  } catch (error) {
    if (error instanceof EmulatorError)
      return { status: error.status, body: { message: error.message, code: error.code } };
    if (error instanceof SyntaxError)
      return { status: 400, body: { message: `invalid JSON: ${error.message}` } };
    throw error;
  }
}
