/** `ghsync sync OWNER/REPO… | --org ORG [--since 30d|DATE|--full] [--json]` (DESIGN.md, Contract). */
import { createGitHubClient } from "../../github/create-client.js";
import { parseDepth } from "../../sync/depth.js";
import { Progress } from "../../sync/progress.js";
import { runSync, type SyncSummary } from "../../sync/run-sync.js";
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
      "--installation needs a GitHub App (GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY), which this version does not support yet",
    );
  }
  if (repositories.length === 0 && !flags.org) {
    throw new GhsyncError(
      "invalid_argument",
      "name the repositories (OWNER/REPO…) or an organization (--org ORG)",
    );
  }
  for (const name of repositories) {
    if (!/^[\w.-]+\/[\w.-]+$/.test(name)) {
      throw new GhsyncError("invalid_argument", `"${name}" is not a repository name: use OWNER/REPO`);
    }
  }
  if (flags.full && flags.since)
    throw new GhsyncError("invalid_argument", "use either --since or --full, not both");
  const depth = parseDepth(flags.full ? "full" : flags.since);
  const runtime = await openRuntime();
  try {
    const progress = new Progress();
    const handle = await createGitHubClient(runtime.settings, runtime.database.db, runtime.log, {
      onWait: (until) => progress.waiting(until),
    });
    const detach = attachProgressBar(progress);
    let summary: SyncSummary;
    try {
      summary = await runSync(
        { db: runtime.database.db, client: handle.client, log: runtime.log, progress },
        { repositories, org: flags.org, depth },
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

function formatSummary(s: SyncSummary): string {
  return [
    `synced ${s.repositories} repositories: ${s.commits} commits, ${s.pull_requests} pull requests, ${s.reviews} reviews, ${s.issues} issues, ${s.comments} comments, ${s.contributors} contributors written`,
    `${s.requests} requests (${s.not_modified} not modified), ${s.points_used} rate-limit points, ${(s.duration_ms / 1000).toFixed(1)} s`,
    "",
  ].join("\n");
}
