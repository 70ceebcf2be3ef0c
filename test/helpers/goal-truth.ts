/**
 * Goal progress counted by brute force over the emulator's truth — the yardstick for
 * metrics/goal-progress.ts (it shares no code with it): every row of every repository is looked
 * at, in JavaScript, with the rules the README states.
 */
import type { AutoMetric } from "../../src/contract/enums.js";
import type { EmulatorAdmin } from "../../src/emulator/admin.js";
import type {
  TruthCommit,
  TruthIssue,
  TruthPull,
  TruthRepository,
  TruthReview,
} from "../../src/emulator/truth-types.js";

export interface TruthRepo {
  repo: TruthRepository;
  commits: TruthCommit[];
  pulls: TruthPull[];
  reviews: TruthReview[];
  issues: TruthIssue[];
}

export interface TruthPerson {
  /** Linked GitHub logins. */
  logins: string[];
  commitEmails: string[];
}

export function readTruth(admin: EmulatorAdmin): TruthRepo[] {
  return admin.repositories().map((repo) => ({
    repo,
    commits: admin.commits(repo.id),
    pulls: admin.pulls(repo.id),
    reviews: admin.reviews(repo.id),
    issues: admin.issues(repo.id),
  }));
}

export interface TruthScope {
  start: Date;
  end: Date;
  repositoryId?: number | null;
  publicOnly?: boolean;
}

const lower = (values: string[]) => new Set(values.map((value) => value.toLowerCase()));

export function truthCount(
  truth: TruthRepo[],
  metric: AutoMetric,
  person: TruthPerson,
  everyone: TruthPerson[],
  scope: TruthScope,
): number {
  const logins = lower(person.logins);
  const linkedByAnyone = lower(everyone.flatMap((p) => p.logins));
  const emails = lower(person.commitEmails);
  const inWindow = (at: string | null) =>
    at !== null && Date.parse(at) >= scope.start.getTime() && Date.parse(at) < scope.end.getTime();
  const mine = (login: string | null) =>
    login !== null && logins.has(login.toLowerCase()) && !login.endsWith("[bot]");
  let n = 0;
  for (const { repo, commits, pulls, reviews, issues } of truth) {
    if (scope.repositoryId != null && repo.id !== scope.repositoryId) continue;
    if (scope.publicOnly && repo.private) continue;
    const pullByNumber = new Map(pulls.map((pull) => [pull.number, pull]));
    const rows: boolean[] = (() => {
      switch (metric) {
        case "commits":
          return commits.map(
            (c) =>
              inWindow(c.authored_at) &&
              (mine(c.author_login) ||
                ((c.author_login === null || !linkedByAnyone.has(c.author_login.toLowerCase())) &&
                  !(c.author_login ?? "").endsWith("[bot]") &&
                  emails.has(c.author_email.toLowerCase()))),
          );
        case "pull_requests_opened":
          return pulls.map((p) => inWindow(p.created_at) && mine(p.author_login));
        case "pull_requests_merged":
          return pulls.map((p) => inWindow(p.merged_at) && mine(p.author_login));
        case "reviews_submitted":
          return reviews.map((r) => {
            const pull = pullByNumber.get(r.pull_number);
            return (
              pull !== undefined &&
              r.state !== "PENDING" &&
              inWindow(r.submitted_at) &&
              mine(r.user_login) &&
              !mine(pull.author_login)
            );
          });
        case "issues_opened":
          return issues.map((i) => inWindow(i.created_at) && mine(i.author_login));
        case "issues_closed":
          return issues.map(
            (i) =>
              i.state === "closed" &&
              inWindow(i.closed_at) &&
              (mine(i.author_login) || i.assignees.some((login) => mine(login))),
          );
      }
    })();
    n += rows.filter(Boolean).length;
  }
  return n;
}
