/**
 * Builds the whole world from (seed, org, repos, scale): accounts, repositories, threads and
 * commits. Every stream of random numbers is keyed by what it generates, and every timestamp is an
 * offset from the start time, so two worlds with the same inputs are identical (timestamps shifted
 * by their start times). Ids are handed out last, in creation order, like GitHub's global sequences.
 */
import type { ResolvedOptions } from "./options.js";
import type { RepoRecord, World } from "./world-types.js";
import { SCALES, sizeOf } from "./options.js";
import { BASES, DELIVERY_BASES, IdSequences } from "./ids.js";
import { rngFor } from "./prng.js";
import { account, generatePeople } from "./generate-accounts.js";
import { createLabels, createRepository, repositoryName, upstreamOf } from "./generate-repositories.js";
import { generateThreads } from "./generate-threads.js";
import { generateCommits } from "./generate-commits.js";
import { addDraftHistory } from "./pull-history.js";
import { addLongLivedPull } from "./long-lived-pull.js";
import { generateThreadHistory } from "./generate-thread-history.js";
import { DAY, MINUTE } from "./time.js";
import { generateDelivery } from "./generate-delivery.js";

/** Generates the world; `now` is the emulator clock in epoch seconds. */
export function generateWorld(options: ResolvedOptions, now: () => number): World {
  const start = Math.floor(options.startMs / 1000);
  const { seed, org } = options;
  const profile = SCALES[options.scale];
  const ids = new IdSequences(rngFor(seed, org, "ids"), BASES);
  const people = generatePeople(org, ids, rngFor(seed, org, "people"), start);
  const repos: RepoRecord[] = [];
  for (let index = 0; index < options.repos; index++) {
    const name = repositoryName(index);
    const rng = rngFor(seed, org, options.scale, name);
    const repo = createRepository(index, people.org, options.repos, rng, start);
    repo.labels = createLabels();
    // Sizes vary per repository, never below the scale's nominal size (large: ≥ 20,000 commits).
    const factor = 1 + 0.2 * rng.float();
    const end = repo.archived ? start - 90 * DAY : start - MINUTE;
    const span = { start: repo.createdAt + 2 * DAY, end };
    const plan = {
      pulls: sizeOf(options, "pullsPerRepo", name, Math.round(profile.pulls * factor)),
      issues: Math.round(profile.issues * factor),
      heavyReviewPulls: profile.heavyReviewPulls,
      heavyReviews: profile.heavyReviews,
    };
    generateThreads(repo, people, plan, rngFor(seed, org, options.scale, name, "threads"), span);
    const commits = sizeOf(options, "commitsPerRepo", name, Math.round(profile.commits * factor));
    generateCommits(
      repo,
      people,
      commits,
      {
        commits: rngFor(seed, org, options.scale, name, "commits"),
        merges: rngFor(seed, org, options.scale, name, "merges"),
      },
      span,
    );
    addLongLivedPull(repo, people, rngFor(seed, org, options.scale, name, "long-lived"), span);
    addDraftHistory(repo, rngFor(seed, org, options.scale, name, "drafts"));
    generateThreadHistory(repo, people, rngFor(seed, org, options.scale, name, "thread-history"));
    if (repo.archived) repo.updatedAt = end + rng.int(1, 30) * DAY;
    repos.push(repo);
  }
  let floor = 0;
  const world: World = {
    seed,
    org: people.org,
    accounts: people.accounts,
    humans: people.humans,
    members: people.members,
    bots: people.bots,
    webFlow: people.webFlow,
    identities: people.identities,
    repos,
    redirects: new Map(),
    ids,
    deliveryIds: new IdSequences(rngFor(seed, org, "delivery-ids"), DELIVERY_BASES),
    teams: [],
    deliveryRng: rngFor(seed, org, "delivery-mutations"),
    ciOnPush: options.ciOnPush,
    rng: rngFor(seed, org, "mutations"),
    now: () => Math.max(now(), floor),
    advanceTo: (seconds) => {
      floor = Math.max(floor, seconds);
    },
    contributorsDelayS: options.contributorsDelayS,
    searchLagS: options.searchLagS,
  };
  addUpstreams(world, start);
  assignIds(world);
  // After every existing id: delivery data has its own streams and sequences (generate-delivery.ts).
  generateDelivery(world, options, start);
  return world;
}

/** Forks get an upstream in another organization (shown as `parent`/`source`). */
function addUpstreams(world: World, start: number): void {
  for (const repo of world.repos) {
    if (!repo.fork) continue;
    const login = "upstream-oss";
    const owner =
      world.accounts.get(login) ??
      account(world.ids.next("user"), login, "Organization", "Upstream OSS", start - 3000 * DAY);
    world.accounts.set(login, owner);
    repo.parent = upstreamOf(repo, owner, world.ids.next("repo"));
  }
}

/** Global ids per entity type, ascending with creation time across repositories. */
function assignIds(world: World): void {
  const { ids } = world;
  for (const repo of [...world.repos].sort((a, b) => a.createdAt - b.createdAt)) repo.id = ids.next("repo");
  for (const repo of world.repos) for (const label of repo.labels) label.id = ids.next("label");
  const threads = world.repos.flatMap((repo) => repo.threads).sort((a, b) => a.createdAt - b.createdAt);
  for (const thread of threads) {
    thread.id = ids.next("issue");
    if (thread.pull) thread.pull.id = ids.next("pull");
  }
  const reviews = threads
    .flatMap((thread) => thread.pull?.reviews ?? [])
    .sort((a, b) => a.submittedAt - b.submittedAt);
  for (const review of reviews) review.id = ids.next("review");
  const comments = world.repos.flatMap((repo) => repo.comments).sort((a, b) => a.createdAt - b.createdAt);
  for (const comment of comments) comment.id = ids.next("comment");
}
