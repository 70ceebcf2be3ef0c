/**
 * The conversation of a generated thread: reviews of a pull request (mostly by other members,
 * sometimes the author commenting on their own) and comments (some edited later). Each moves the
 * thread's updated_at, as on GitHub; an edit does not.
 */
import type {
  Account,
  CommentRecord,
  IssueRecord,
  PullRecord,
  ReviewRecord,
  ReviewState,
} from "./world-types.js";
import type { People } from "./generate-accounts.js";
import type { Rng } from "./prng.js";
import { commentBody } from "./text-pools.js";
import { DAY, MINUTE } from "./time.js";

export function between(rng: Rng, from: number, to: number): number {
  return to <= from ? from : from + Math.floor(rng.float() * (to - from));
}

export function others(people: People, author: Account): Account[] {
  return people.members.filter((member) => member !== author);
}

const REVIEW_STATES: readonly (readonly [ReviewState, number])[] = [
  ["APPROVED", 45],
  ["COMMENTED", 25],
  ["CHANGES_REQUESTED", 20],
  ["DISMISSED", 10],
];

export function addReviews(
  thread: IssueRecord,
  pull: PullRecord,
  people: People,
  rng: Rng,
  end: number,
  heavy: readonly [number, number] | null,
): void {
  const count = heavy
    ? rng.int(heavy[0], heavy[1])
    : rng.weighted([
        [0, 30],
        [1, 35],
        [2, 20],
        [3, 10],
        [4, 5],
      ]);
  const until = thread.closedAt ?? end;
  const reviewers = others(people, thread.user);
  for (let i = 0; i < count; i++) {
    const own = rng.chance(0.08);
    const state: ReviewState = own ? "COMMENTED" : rng.weighted(REVIEW_STATES);
    const review: ReviewRecord = {
      id: 0,
      user: own ? thread.user : rng.pick(reviewers),
      body:
        state === "APPROVED" && rng.chance(0.7)
          ? ""
          : rng.pick(["Looks good.", "A few nits inline.", "Please split this up.", "Tested locally 👍"]),
      state,
      submittedAt: between(rng, thread.createdAt + 5 * MINUTE, until),
      commitId: pull.headSha,
    };
    pull.reviews.push(review);
  }
  pull.reviews.sort((a, b) => a.submittedAt - b.submittedAt);
  const last = pull.reviews[pull.reviews.length - 1];
  if (last) thread.updatedAt = Math.max(thread.updatedAt, last.submittedAt);
}

export function addComments(thread: IssueRecord, people: People, rng: Rng, end: number): void {
  const count = rng.weighted([
    [0, 30],
    [1, 25],
    [2, 18],
    [3, 12],
    [5, 8],
    [8, 5],
    [15, 2],
  ]);
  const until = Math.min(end, (thread.closedAt ?? end) + 2 * DAY);
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push(between(rng, thread.createdAt + MINUTE, until));
  times.sort((a, b) => a - b);
  for (const createdAt of times) {
    const user = rng.weighted<Account>([
      [rng.pick(people.humans), 50],
      [thread.user, 25],
      [thread.pull ? people.bots.actions : rng.pick(people.members), 10],
      [rng.pick(people.members), 15],
    ]);
    const edited = rng.chance(0.15);
    const comment: CommentRecord = {
      id: 0,
      issueNumber: thread.number,
      user,
      body: commentBody(rng),
      createdAt,
      updatedAt: edited ? Math.min(end, createdAt + rng.int(MINUTE, 3 * DAY)) : createdAt,
    };
    thread.comments.push(comment);
    thread.updatedAt = Math.max(thread.updatedAt, createdAt);
  }
  if (thread.updatedAt > end) thread.updatedAt = end;
}
