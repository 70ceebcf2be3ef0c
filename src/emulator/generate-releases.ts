/**
 * Releases and the repositories without deployments:
 *
 * - A deploying repository releases every 5th successful production deployment (from a seeded
 *   offset): tag `vMAJOR.MINOR.PATCH` on the deployed sha, published 2–8 min after the deployment
 *   succeeded and drafted up to 2 min before that. Versions bump patch (70%), minor (25%) or
 *   major (5%); 8% are prereleases (`-rc.1` of the next version), 6% stay drafts (unpublished).
 * - `docs` has no deployments but a release every week (±1 day), on the branch head then.
 * - `design-system` has neither: its `Release` workflow runs on the default branch every 5–9
 *   days (event push, job `publish`, 10% fail), and the successful ones are its deliveries.
 * The tiny scale has two of each.
 */
import type {
  Account,
  DeploymentRecord,
  ReleaseRecord,
  RepoRecord,
  WorkflowRecord,
  WorkflowRunRecord,
  World,
} from "./world-types.js";
import type { Rng } from "./prng.js";
import type { DeliveryWindow } from "./generate-runs.js";
import { newRun, pusher, runAttempt } from "./generate-runs.js";
import { headAt } from "./world-queries.js";
import { DAY, MINUTE } from "./time.js";

interface Version {
  major: number;
  minor: number;
  patch: number;
}

export function formatVersion(version: Version): string {
  return `v${version.major}.${version.minor}.${version.patch}`;
}

export function bump(version: Version, rng: Rng): Version {
  const part = rng.weighted<keyof Version>([
    ["patch", 70],
    ["minor", 25],
    ["major", 5],
  ]);
  if (part === "major") return { major: version.major + 1, minor: 0, patch: 0 };
  if (part === "minor") return { major: version.major, minor: version.minor + 1, patch: 0 };
  return { ...version, patch: version.patch + 1 };
}

/** The newest published or drafted version of a repository's releases (v1.0.0 before any). */
export function latestVersion(repo: RepoRecord): Version {
  for (const release of [...repo.releases].reverse()) {
    const found = /^v(\d+)\.(\d+)\.(\d+)$/.exec(release.tagName);
    if (found) return { major: Number(found[1]), minor: Number(found[2]), patch: Number(found[3]) };
  }
  return { major: 1, minor: 0, patch: 0 };
}

export function releaseBody(repo: RepoRecord, sha: string, previous: string | null, tag: string): string {
  const commit = repo.branch.find((candidate) => candidate.sha === sha);
  const headline = commit?.message.split("\n")[0] ?? "Maintenance";
  const changelog = previous ? `${previous}...${tag}` : tag;
  return `## What's Changed\n\n* ${headline}\n\n**Full Changelog**: ${changelog}`;
}

/** A release record (id 0: assigned later). `at` is when the release became what it is. */
export function newRelease(
  repo: RepoRecord,
  sha: string,
  tag: string,
  author: Account,
  at: { createdAt: number; publishedAt: number | null },
  prerelease: boolean,
  previousTag: string | null,
): ReleaseRecord {
  return {
    id: 0,
    tagName: tag,
    sha,
    targetCommitish: repo.defaultBranch,
    name: tag,
    body: releaseBody(repo, sha, previousTag, tag),
    author,
    draft: at.publishedAt === null,
    prerelease,
    createdAt: at.createdAt,
    publishedAt: at.publishedAt,
  };
}

/** Times at a cadence over the window: `sparse` gives two. */
function cadence(rng: Rng, window: DeliveryWindow, sparse: boolean, every: [number, number]): number[] {
  const last = window.to - 30 * MINUTE;
  if (sparse) {
    const middle = Math.floor((window.from + last) / 2);
    return [rng.int(window.from, middle), rng.int(middle, last)];
  }
  const out: number[] = [];
  for (let at = window.from + rng.int(0, every[1]); at <= last; at += rng.int(every[0], every[1]))
    out.push(at);
  return out;
}

/** Releases of (sha, success time) deliveries, every 5th of them or `all`. */
function releases(
  world: World,
  repo: RepoRecord,
  deliveries: { sha: string; at: number }[],
  rng: Rng,
  all: boolean,
): ReleaseRecord[] {
  const out: ReleaseRecord[] = [];
  const offset = rng.int(0, 4);
  let version: Version = { major: rng.int(1, 3), minor: rng.int(0, 9), patch: 0 };
  let previous: string | null = null;
  deliveries.forEach(({ sha, at }, index) => {
    if (!all && (index + offset) % 5 !== 4) return;
    const next = bump(version, rng);
    const prerelease = rng.chance(0.08);
    const tag = prerelease ? `${formatVersion(next)}-rc.1` : formatVersion(next);
    const draft = rng.chance(0.06);
    const publishedAt = at + rng.int(2 * MINUTE, 8 * MINUTE);
    const createdAt = publishedAt - rng.int(10, 2 * MINUTE);
    const author = rng.chance(0.6) ? world.bots.actions : rng.pick(world.members);
    out.push(
      newRelease(
        repo,
        sha,
        tag,
        author,
        { createdAt, publishedAt: draft ? null : publishedAt },
        prerelease,
        previous,
      ),
    );
    if (!prerelease) {
      version = next;
      if (!draft) previous = tag;
    }
  });
  return out;
}

/** Releases of a deploying repository from its production deployments (ascending). */
export function deploymentReleases(
  world: World,
  repo: RepoRecord,
  deployments: readonly DeploymentRecord[],
  rng: Rng,
): ReleaseRecord[] {
  const succeeded = deployments
    .filter((d) => d.environment === "production")
    .flatMap((d) => {
      const success = d.statuses.find((status) => status.state === "success");
      return success ? [{ sha: d.sha, at: success.createdAt }] : [];
    })
    .sort((a, b) => a.at - b.at);
  return releases(world, repo, succeeded, rng, false);
}

/** `docs`: a release every week (±1 day) on the head of the default branch then. */
export function weeklyReleases(
  world: World,
  repo: RepoRecord,
  rng: Rng,
  window: DeliveryWindow,
  sparse: boolean,
): ReleaseRecord[] {
  const heads = cadence(rng, window, sparse, [6 * DAY, 8 * DAY]).flatMap((at) => {
    const head = headAt(repo, at);
    return head ? [{ sha: head.sha, at }] : [];
  });
  return releases(world, repo, heads, rng, true);
}

/** `design-system`: Release workflow runs on pushes to the default branch every 5–9 days. */
export function releaseRuns(
  world: World,
  repo: RepoRecord,
  workflow: WorkflowRecord,
  rng: Rng,
  window: DeliveryWindow,
  sparse: boolean,
): WorkflowRunRecord[] {
  return cadence(rng, window, sparse, [5 * DAY, 9 * DAY]).flatMap((at) => {
    const head = headAt(repo, at);
    if (!head) return [];
    const run = newRun({
      workflow,
      event: "push",
      headBranch: repo.defaultBranch,
      headSha: head.sha,
      title: head.message.split("\n")[0] ?? "",
      actor: pusher(world, repo, head, rng),
      createdAt: at,
      pull: null,
    });
    runAttempt(
      run,
      ["publish"],
      at + rng.int(3, 30),
      rng.chance(0.9) ? "success" : "failure",
      rng,
      window.to,
    );
    return [run];
  });
}
