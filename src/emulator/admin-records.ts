/**
 * The admin's releases, inline review comments and teams (see admin-delivery.ts for runs and
 * deployments). Releases and review comments are sent as webhooks through the host; team and
 * membership events are organization events (admin.ts sends them).
 */
import type { DeliveryHost } from "./admin-delivery.js";
import type {
  Account,
  ReleaseRecord,
  RepoRecord,
  ReviewCommentRecord,
  TeamRecord,
  TeamRole,
} from "./world-types.js";
import { EmulatorError } from "./errors.js";
import { bump, formatVersion, latestVersion, newRelease } from "./generate-releases.js";
import { newReviewComment } from "./generate-review-comments.js";
import { newTeam, teamSlug } from "./generate-teams.js";
import * as pulls from "./mutate-pulls.js";
import { commitLookup } from "./world-queries.js";

export interface ReleaseInput {
  tag?: string;
  sha?: string;
  name?: string;
  body?: string;
  draft?: boolean;
  prerelease?: boolean;
}

/** A release now: `release` created, then published unless it is a draft. */
export function createRelease(
  host: DeliveryHost,
  repo: RepoRecord,
  spec: ReleaseInput,
  by: Account,
): ReleaseRecord {
  const { world } = host;
  const head = repo.branch[repo.branch.length - 1];
  const sha = spec.sha ?? head?.sha;
  if (!sha || !commitLookup(world, repo)(sha))
    throw new EmulatorError("invalid", `no commit ${String(sha)} in ${repo.name}`);
  const tag = spec.tag ?? formatVersion(bump(latestVersion(repo), world.deliveryRng));
  if (repo.releases.some((release) => release.tagName === tag))
    throw new EmulatorError("invalid", `a release tagged ${tag} exists already`);
  const now = world.now();
  const previous = [...repo.releases].reverse().find((release) => !release.draft)?.tagName ?? null;
  const release = newRelease(
    repo,
    sha,
    tag,
    by,
    { createdAt: now, publishedAt: spec.draft ? null : now },
    spec.prerelease ?? false,
    previous,
  );
  release.id = world.deliveryIds.next("release");
  if (spec.name !== undefined) release.name = spec.name;
  if (spec.body !== undefined) release.body = spec.body;
  repo.releases.push(release);
  host.emit("release", "created", repo, { id: release.id, sender: by, release });
  if (!release.draft) host.emit("release", "published", repo, { id: release.id, sender: by, release });
  return release;
}

/** An inline comment now: a COMMENTED review holding it, then the comment (a reply keeps its place). */
export function addReviewComment(
  host: DeliveryHost,
  repo: RepoRecord,
  number: number,
  spec: { body?: string; inReplyTo?: number },
  author: Account,
): ReviewCommentRecord {
  const { world } = host;
  const thread = pulls.pullThread(repo, number);
  const replyTo = spec.inReplyTo === undefined ? null : reviewComment(repo, spec.inReplyTo);
  if (replyTo && replyTo.pullNumber !== number)
    throw new EmulatorError("invalid", `comment ${replyTo.id} is not on pull request #${number}`);
  const review = pulls.addReview(world, repo, number, { state: "COMMENTED", author, body: "" });
  host.emit("pull_request_review", "submitted", repo, {
    number,
    id: review.id,
    sender: author,
    thread,
    review,
  });
  const comment = newReviewComment(thread, review, world.deliveryRng, review.submittedAt, replyTo);
  comment.id = world.deliveryIds.next("reviewComment");
  comment.commitId = thread.pull.headSha;
  comment.originalCommitId = thread.pull.headSha;
  if (spec.body !== undefined) comment.body = spec.body;
  repo.reviewComments.push(comment);
  thread.pull.reviewComments += 1;
  host.emit("pull_request_review_comment", "created", repo, {
    number,
    id: comment.id,
    sender: author,
    thread,
    reviewComment: comment,
  });
  return comment;
}

export function reviewComment(repo: RepoRecord, id: number): ReviewCommentRecord {
  const comment = repo.reviewComments.find((candidate) => candidate.id === id);
  if (!comment) throw new EmulatorError("not_found", `no review comment ${id} in ${repo.name}`);
  return comment;
}

/** Edits the body (updated_at moves; the pull request's does not, as on GitHub). */
export function editReviewComment(
  host: DeliveryHost,
  repo: RepoRecord,
  id: number,
  body: string,
): ReviewCommentRecord {
  const comment = reviewComment(repo, id);
  const previous = comment.body;
  comment.body = body;
  comment.updatedAt = Math.max(host.world.now(), comment.updatedAt);
  const thread = pulls.pullThread(repo, comment.pullNumber);
  host.emit("pull_request_review_comment", "edited", repo, {
    number: comment.pullNumber,
    id,
    sender: comment.user,
    thread,
    reviewComment: comment,
    previous: { body: previous },
  });
  return comment;
}

/** Deletes the comment (the delivery carries it as it was); the count of the pull request drops. */
export function deleteReviewComment(host: DeliveryHost, repo: RepoRecord, id: number, by: Account): void {
  const comment = reviewComment(repo, id);
  const thread = pulls.pullThread(repo, comment.pullNumber);
  repo.reviewComments = repo.reviewComments.filter((candidate) => candidate !== comment);
  thread.pull.reviewComments -= 1;
  host.emit("pull_request_review_comment", "deleted", repo, {
    number: comment.pullNumber,
    id,
    sender: by,
    thread,
    reviewComment: comment,
  });
}

export function teamOf(teams: readonly TeamRecord[], slug: string): TeamRecord {
  const team = teams.find((candidate) => candidate.slug === slug);
  if (!team) throw new EmulatorError("not_found", `no team ${slug}`);
  return team;
}

export function createTeam(host: DeliveryHost, name: string, description: string | null): TeamRecord {
  const slug = teamSlug(name);
  if (host.world.teams.some((team) => team.slug === slug))
    throw new EmulatorError("conflict", `team ${slug} exists`);
  const team = newTeam(slug, name, description, host.world.now());
  team.id = host.world.deliveryIds.next("team");
  host.world.teams.push(team);
  return team;
}

/** Adds a member (or changes the role of one); false if nothing changed. */
export function addTeamMember(
  host: DeliveryHost,
  team: TeamRecord,
  account: Account,
  role: TeamRole,
): boolean {
  const existing = team.members.find((member) => member.account === account);
  if (existing?.role === role) return false;
  if (existing) existing.role = role;
  else team.members.push({ account, role });
  team.updatedAt = Math.max(host.world.now(), team.updatedAt);
  return true;
}

export function removeTeamMember(host: DeliveryHost, team: TeamRecord, account: Account): void {
  if (!team.members.some((member) => member.account === account))
    throw new EmulatorError("not_found", `${account.login} is not a member of ${team.slug}`);
  team.members = team.members.filter((member) => member.account !== account);
  team.updatedAt = Math.max(host.world.now(), team.updatedAt);
}
