/** `ghsync sync OWNER/REPO… | --org ORG [--since 30d|DATE|--full] [--api rest|graphql|auto] [--json]` (DESIGN.md, Contract). */
import type { ApiChoice } from "../../config/settings.js";
import type { GitHubClient, GitHubPage } from "../../github/client.js";
import { createGitHubClient } from "../../github/create-client.js";
import { evaluateGoalsNow, syncThenEvaluateGoals } from "../../jobs/sync-then-evaluate.js";
import { mirroredRepositories } from "../../store/mirrored-repositories.js";
import { trackedRepositories } from "../../store/tracking.js";
import type { Db } from "../../store/database.js";
import { parseDepth, type Depth } from "../../sync/depth.js";
import { Progress } from "../../sync/progress.js";
import type { SyncRequest, SyncSummary } from "../../sync/run-sync.js";
import { GhsyncError } from "../../util/errors.js";
import { openRuntime } from "../open-runtime.js";
import { attachProgressBar } from "../progress-bar.js";

export interface SyncFlags {
  org?: string;
  installation?: string;
  since?: string;
  full?: boolean;
  refetch?: boolean;
  /** Validated by the command line (rest, graphql, auto); unset: GHSYNC_API. */
  api?: ApiChoice;
  json?: boolean;
}

export async function runSyncCommand(repositories: string[], flags: SyncFlags): Promise<void> {
  const installationId = flags.installation === undefined ? undefined : Number(flags.installation);
  if (installationId !== undefined && (!Number.isInteger(installationId) || installationId <= 0)) {
    throw new GhsyncError(
      "invalid_argument",
      `--installation must be an installation id, not "${flags.installation}"`,
    );
  }
  if (installationId !== undefined && (repositories.length > 0 || flags.org)) {
    throw new GhsyncError(
      "invalid_argument",
      "use --installation alone: it syncs every repository the installation gives",
    );
  }
  repositories.forEach(checkRepositoryName);
  if (flags.full && flags.since)
    throw new GhsyncError("invalid_argument", "use either --since or --full, not both");
  const depth = parseDepth(flags.full ? "full" : flags.since);
  const runtime = await openRuntime();
  try {
    const progress = new Progress();
    const settings = { ...runtime.settings, api: flags.api ?? runtime.settings.api };
    const handle = await createGitHubClient(settings, runtime.database.db, runtime.log, {
      onWait: (until) => progress.waiting(until),
      // A rejected token is one plain line while others carry on; when none is left, the
      // failure itself names them all.
      onRejected: (_credential, message) => {
        if (handle.pool.credentials.some((c) => c.rejected === undefined))
          process.stderr.write(`ghsync: ${message}\n`);
      },
    });
    let client = handle.client;
    let requests: SyncRequest[];
    if (installationId !== undefined) {
      if (!handle.app) {
        throw new GhsyncError(
          "not_configured",
          "--installation syncs as a GitHub App: set GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY",
        );
      }
      client = await handle.withCredential(handle.app.installation(installationId), {
        onWait: (until) => progress.waiting(until),
      });
      const names = await installationRepositories(client, installationId);
      requests = [{ repositories: names, depth, installationId }];
    } else {
      requests =
        flags.refetch && !flags.full && !flags.since
          ? await planRefetch(runtime.database.db, repositories, flags.org)
          : (await planRequests(runtime.database.db, repositories, flags.org, depth)).map((request) => ({
              ...request,
              refetch: flags.refetch,
            }));
    }
    const detach = attachProgressBar(progress);
    // With the bar on a terminal, waits and progress are its line: logs there are for warnings.
    if (process.stderr.isTTY && !process.env.LOG_LEVEL) runtime.log.level = "warn";
    let summary: SyncSummary;
    try {
      // Goals reached by what this run brought in are announced now, as after a queued sync job.
      summary = await syncThenEvaluateGoals(
        { db: runtime.database.db, client, log: runtime.log, progress },
        requests,
        evaluateGoalsNow({ db: runtime.database.db, botLogins: runtime.settings.botLogins }),
      );
    } finally {
      detach();
      await handle.flush();
    }
    process.stdout.write(flags.json ? `${JSON.stringify(summary)}\n` : formatSummary(summary));
  } finally {
    await runtime.close();
  }
}

/** Named repositories or an organization: one run at the depth asked. No names: the tracked repositories, each at its own depth. */
async function planRequests(
  db: Db,
  repositories: string[],
  org: string | undefined,
  depth: Depth,
): Promise<SyncRequest[]> {
  if (repositories.length > 0 || org) return [{ repositories, org, depth }];
  const tracked = await trackedRepositories(db);
  if (tracked.length === 0) {
    throw new GhsyncError(
      "invalid_argument",
      "name the repositories (OWNER/REPO…) or an organization (--org ORG), or track some with `ghsync track`",
    );
  }
  const byDepth = new Map<string, string[]>();
  for (const repo of tracked) {
    const label = repo.syncDepth ?? "30d";
    byDepth.set(label, [...(byDepth.get(label) ?? []), repo.fullName]);
  }
  return [...byDepth].map(([label, names]) => ({ repositories: names, depth: parseDepth(label) }));
}

/**
 * `--refetch` with no depth: each repository again at the depth the mirror holds it (named ones,
 * an organization's mirrored ones, or the tracked ones).
 */
async function planRefetch(db: Db, repositories: string[], org: string | undefined): Promise<SyncRequest[]> {
  const mirrored =
    repositories.length > 0 || org
      ? (await mirroredRepositories(db, { names: repositories, org })).filter((repo) => !repo.deleted)
      : await trackedRepositories(db);
  const unknown = repositories.filter(
    (name) => !mirrored.some((repo) => repo.fullName.toLowerCase() === name.toLowerCase()),
  );
  if (unknown.length > 0)
    throw new GhsyncError("not_found", `not in the mirror, nothing to re-read: ${unknown.join(", ")}`);
  if (mirrored.length === 0)
    throw new GhsyncError("invalid_argument", "no mirrored repository to re-read: sync or track some first");
  const byDepth = new Map<string, string[]>();
  for (const repo of mirrored) {
    const label = repo.syncDepth ?? "30d";
    byDepth.set(label, [...(byDepth.get(label) ?? []), repo.fullName]);
  }
  return [...byDepth].map(([label, names]) => ({
    repositories: names,
    depth: parseDepth(label),
    refetch: true,
  }));
}

/** The full names of the repositories an installation gives access to. */
async function installationRepositories(client: GitHubClient, installationId: number): Promise<string[]> {
  const names: string[] = [];
  let url: string | undefined = "/installation/repositories?per_page=100";
  while (url) {
    const page: GitHubPage<{ repositories: { full_name: string }[] }> = await client.get(url);
    names.push(...(page.data?.repositories ?? []).map((repo) => repo.full_name));
    url = page.next;
  }
  if (names.length === 0) {
    throw new GhsyncError("invalid_argument", `installation ${installationId} gives access to no repository`);
  }
  return names;
}

export function checkRepositoryName(name: string): void {
  if (!/^[\w.-]+\/[\w.-]+$/.test(name)) {
    throw new GhsyncError("invalid_argument", `"${name}" is not a repository name: use OWNER/REPO`);
  }
}

function formatSummary(s: SyncSummary): string {
  return [
    `synced ${s.repositories} repositories: ${s.commits} commits, ${s.pull_requests} pull requests, ${s.reviews} reviews, ${s.review_comments} review comments, ${s.issues} issues, ${s.comments} comments, ${s.contributors} contributors written`,
    `delivery: ${s.workflow_runs} workflow runs, ${s.check_runs} check runs, ${s.deployments} deployments, ${s.releases} releases written`,
    `${s.requests} requests (${s.not_modified} not modified), ${s.points_used} rate-limit points, ${(s.duration_ms / 1000).toFixed(1)} s`,
    "",
  ].join("\n");
}
