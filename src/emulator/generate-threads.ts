/**
 * Issues and pull requests of one repository (one number sequence, ascending with created_at),
 * with their comments and reviews. Older threads are mostly closed, recent ones often open; every
 * comment or review moves its thread's updated_at, like on GitHub. Ids are assigned later.
 */
import type { Account, IssueRecord, PullRecord, RepoRecord } from "./world-types.js";
import type { People } from "./generate-accounts.js";
import type { Rng } from "./prng.js";
import { AREAS, body, dependencyBump, issueTitle, pullTitle, slug } from "./text-pools.js";
import { addComments, addReviews, between, others } from "./generate-conversation.js";
import { DAY, MINUTE } from "./time.js";

export interface ThreadPlan {
  pulls: number;
  issues: number;
  heavyReviewPulls: number;
  heavyReviews: readonly [number, number];
}

interface Span {
  start: number;
  end: number;
}

/** Fills `repo.threads` and `repo.comments` (comments ordered by creation). */
export function generateThreads(
  repo: RepoRecord,
  people: People,
  plan: ThreadPlan,
  rng: Rng,
  span: Span,
): void {
  const total = plan.pulls + plan.issues;
  const kinds = rng.shuffle([
    ...Array<boolean>(plan.pulls).fill(true),
    ...Array<boolean>(plan.issues).fill(false),
  ]);
  const heavy = new Set(
    rng.shuffle(kinds.flatMap((isPull, i) => (isPull ? [i] : []))).slice(0, plan.heavyReviewPulls),
  );
  for (let i = 0; i < total; i++) {
    // Denser toward the end: position sqrt(x) of a uniform x.
    const createdAt = Math.floor(span.start + (span.end - span.start) * Math.sqrt((i + rng.float()) / total));
    const thread = kinds[i]
      ? createPull(repo, people, rng, i + 1, createdAt, span.end, heavy.has(i) ? plan.heavyReviews : null)
      : createIssue(repo, people, rng, i + 1, createdAt, span.end);
    addComments(thread, people, rng, span.end);
    repo.threads.push(thread);
    repo.comments.push(...thread.comments);
  }
  repo.comments.sort((a, b) => a.createdAt - b.createdAt || a.issueNumber - b.issueNumber);
}

function closeTime(rng: Rng, createdAt: number, end: number, meanDays: number): number | null {
  const age = end - createdAt;
  const p = age < 3 * DAY ? 0.2 : age < 14 * DAY ? 0.45 : age < 60 * DAY ? 0.8 : 0.95;
  const closeAt = createdAt + Math.max(10 * MINUTE, Math.floor(rng.exponential(meanDays * DAY)));
  return rng.chance(p) && closeAt < end - MINUTE ? closeAt : null;
}

function baseThread(number: number, title: string, user: Account, createdAt: number, rng: Rng): IssueRecord {
  return {
    id: 0,
    number,
    title,
    body: body(rng),
    user,
    state: "open",
    stateReason: null,
    labels: [],
    assignees: [],
    createdAt,
    updatedAt: createdAt,
    closedAt: null,
    closedBy: null,
    locked: false,
    deleted: false,
    comments: [],
    events: [],
    pull: null,
  };
}

function createIssue(
  repo: RepoRecord,
  people: People,
  rng: Rng,
  number: number,
  createdAt: number,
  end: number,
) {
  const author = rng.weighted<Account>([
    [rng.pick(people.members), 70],
    [rng.pick(people.humans.filter((human) => !human.member)), 22],
    [people.bots.actions, 8],
  ]);
  const issue = baseThread(number, issueTitle(rng), author, createdAt, rng);
  const labelPool = repo.labels.filter((label) => label.name !== "dependencies");
  issue.labels = rng.shuffle(labelPool).slice(
    0,
    rng.weighted([
      [0, 35],
      [1, 40],
      [2, 20],
      [3, 5],
    ]),
  );
  if (rng.chance(0.5)) issue.assignees = rng.shuffle(people.members).slice(0, rng.chance(0.2) ? 2 : 1);
  const closedAt = closeTime(rng, createdAt, end, 7);
  if (closedAt !== null) {
    issue.state = "closed";
    issue.closedAt = closedAt;
    issue.stateReason = rng.chance(0.85) ? "completed" : "not_planned";
    issue.closedBy = author.member && rng.chance(0.6) ? author : rng.pick(people.members);
    issue.locked = rng.chance(0.02);
    issue.updatedAt = closedAt;
  } else if (rng.chance(0.04)) {
    issue.stateReason = "reopened";
    issue.updatedAt = between(rng, createdAt, end);
  }
  return issue;
}

function pullAuthor(people: People, rng: Rng): Account {
  return rng.weighted<Account>([
    [rng.pick(people.members), 78],
    [rng.pick(people.humans.filter((human) => !human.member)), 10],
    [people.bots.dependabot, 8],
    [people.bots.renovate, 4],
  ]);
}

function createPull(
  repo: RepoRecord,
  people: People,
  rng: Rng,
  number: number,
  createdAt: number,
  end: number,
  heavyReviews: readonly [number, number] | null,
): IssueRecord {
  const author = pullAuthor(people, rng);
  const bot = author.type === "Bot";
  const bump = dependencyBump(rng);
  const title = bot
    ? author === people.bots.dependabot
      ? `Bump ${bump.pkg} from ${bump.from} to ${bump.to}`
      : `Update dependency ${bump.pkg} to v${bump.to}`
    : pullTitle(rng);
  const thread = baseThread(number, title, author, createdAt, rng);
  const headRef = bot
    ? `${author === people.bots.dependabot ? "dependabot/npm_and_yarn" : "renovate"}/${bump.pkg}-${bump.to}`
    : `${rng.pick(["feature", "fix", "chore"])}/${slug(rng.pick(AREAS))}-${number}`;
  const pull: PullRecord = {
    id: 0,
    draft: false,
    headRef,
    headSha: rng.hex(40),
    baseSha: "",
    merged: false,
    mergedAt: null,
    mergedBy: null,
    mergeCommitSha: rng.hex(40),
    additions: bot ? rng.int(1, 40) : rng.int(1, 900),
    deletions: bot ? rng.int(1, 40) : rng.int(0, 400),
    changedFiles: bot ? rng.int(1, 2) : rng.int(1, 30),
    commits: bot ? 1 : rng.int(1, 15),
    reviewComments: 0,
    draftEvents: [],
    headPushes: [],
    reviews: [],
    requestedReviewers: [],
  };
  thread.pull = pull;
  thread.labels = bot
    ? repo.labels.filter((label) => label.name === "dependencies")
    : rng.shuffle(repo.labels).slice(0, rng.int(0, 1));
  if (author.member && rng.chance(0.5)) thread.assignees = [author];
  const closedAt = closeTime(rng, createdAt, end, 2);
  if (closedAt !== null) {
    thread.state = "closed";
    thread.closedAt = closedAt;
    thread.updatedAt = closedAt;
    pull.merged = rng.chance(bot ? 0.7 : 0.8);
    pull.draft = !pull.merged && rng.chance(0.05);
    const closer = author.member && rng.chance(0.6) ? author : rng.pick(people.members);
    thread.closedBy = closer;
    if (pull.merged) {
      pull.mergedAt = closedAt;
      pull.mergedBy = closer;
    }
  } else {
    pull.draft = rng.chance(0.25);
    thread.updatedAt = between(rng, createdAt, end);
  }
  addReviews(thread, pull, people, rng, end, heavyReviews);
  pull.reviewComments = rng.int(0, pull.reviews.length * 3);
  if (thread.state === "open" && !pull.draft) {
    const reviewed = new Set(pull.reviews.map((review) => review.user));
    pull.requestedReviewers = rng
      .shuffle(others(people, author).filter((m) => !reviewed.has(m)))
      .slice(0, rng.int(0, 2));
  }
  return thread;
}
