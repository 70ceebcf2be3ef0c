/** `ghsync sync OWNER/REPO… | --org ORG [--since 30d|DATE|--full] [--json]` (DESIGN.md, Contract). */
import { createGitHubClient } from "../../github/create-client.js";
import { trackedRepositories } from "../../store/tracking.js";
import type { Db } from "../../store/database.js";
import { parseDepth, type Depth } from "../../sync/depth.js";
import { Progress } from "../../sync/progress.js";
import { addSummaries, runSync, type SyncRequest, type SyncSummary } from "../../sync/run-sync.js";
import { GhsyncError } from "../../util/errors.js";
import { openRuntime } from "../open-runtime.js";
import { attachProgressBar } from "../progress-bar.js";

export interface SyncFlags {
  org?: string;
  installation?: string;
  since?: string;
  full?: boolean;
  json?: boolean;
}

export async function runSyncCommand(repositories: string[], flags: SyncFlags): Promise<void> {
  if (flags.installation !== undefined) {
    throw new GhsyncError(
      "not_configured",
      "--installation needs GitHub App support (GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY), which this version does not have yet; use GITHUB_TOKEN with OWNER/REPO or --org",
    );
  }
  repositories.forEach(checkRepositoryName);
  if (flags.full && flags.since)
    throw new GhsyncError("invalid_argument", "use either --since or --full, not both");
  const depth = parseDepth(flags.full ? "full" : flags.since);
  const runtime = await openRuntime();
  try {
    const requests = await planRequests(runtime.database.db, repositories, flags.org, depth);
    const progress = new Progress();
    const handle = await createGitHubClient(runtime.settings, runtime.database.db, runtime.log, {
      onWait: (until) => progress.waiting(until),
      // A rejected token is one plain line while others carry on; when none is left, the
      // failure itself names them all.
      onRejected: (_credential, message) => {
        if (handle.pool.credentials.some((c) => c.rejected === undefined))
          process.stderr.write(`ghsync: ${message}\n`);
      },
    });
    const detach = attachProgressBar(progress);
    const summaries: SyncSummary[] = [];
    try {
      for (const request of requests) {
        summaries.push(
          await runSync(
            { db: runtime.database.db, client: handle.client, log: runtime.log, progress },
            request,
          ),
        );
      }
    } finally {
      detach();
      await handle.flush();
    }
    const summary = addSummaries(summaries);
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

export function checkRepositoryName(name: string): void {
  if (!/^[\w.-]+\/[\w.-]+$/.test(name)) {
    throw new GhsyncError("invalid_argument", `"${name}" is not a repository name: use OWNER/REPO`);
  }
}

function formatSummary(s: SyncSummary): string {
  return [
    `synced ${s.repositories} repositories: ${s.commits} commits, ${s.pull_requests} pull requests, ${s.reviews} reviews, ${s.issues} issues, ${s.comments} comments, ${s.contributors} contributors written`,
    `${s.requests} requests (${s.not_modified} not modified), ${s.points_used} rate-limit points, ${(s.duration_ms / 1000).toFixed(1)} s`,
    "",
  ].join("\n");
}
