/**
 * `ghsync track OWNER/REPO [--since …|--full]` and `ghsync untrack OWNER/REPO`: the set of
 * repositories that `ghsync sync` (with no names) and the server keep current, by the rules of
 * app/tracking.ts (the API's). Tracking reads the repository once from GitHub first, so a wrong
 * name fails at once; `ghsync sync` or the server then mirrors it.
 */
import { createGitHubClient } from "../../github/create-client.js";
import { parseDepth } from "../../sync/depth.js";
import { Progress } from "../../sync/progress.js";
import { resolveRepository } from "../../sync/run-sync.js";
import { trackRepository, untrackRepository } from "../../app/tracking.js";
import { findRepositoryByName } from "../../store/tracking.js";
import { GhsyncError } from "../../util/errors.js";
import { openRuntime } from "../open-runtime.js";
import { checkRepositoryName } from "./sync.js";

export async function runTrack(fullName: string, flags: { since?: string; full?: boolean }): Promise<void> {
  checkRepositoryName(fullName);
  const depth = parseDepth(flags.full ? "full" : flags.since);
  const runtime = await openRuntime();
  try {
    const { client, flush } = await createGitHubClient(runtime.settings, runtime.database.db, runtime.log);
    const repo = await resolveRepository(
      { db: runtime.database.db, client, log: runtime.log, progress: new Progress() },
      fullName,
    );
    await flush();
    const row = repo && (await findRepositoryByName(runtime.database.db, repo.fullName));
    if (!row) throw new GhsyncError("unknown_repository", `repository ${fullName} was deleted on GitHub`);
    const tracked = await trackRepository(runtime.database.db, row, depth.label);
    process.stdout.write(
      `tracking ${tracked.fullName} (depth ${tracked.depth}); \`ghsync serve\` or \`ghsync sync\` mirrors it\n`,
    );
  } finally {
    await runtime.close();
  }
}

export async function runUntrack(fullName: string, flags: { purge?: boolean; yes?: boolean }): Promise<void> {
  if (flags.purge && !flags.yes)
    throw new GhsyncError(
      "confirmation_needed",
      `--purge deletes everything mirrored of ${fullName} (commits, pull requests, reviews, issues, comments); add --yes to confirm`,
    );
  const runtime = await openRuntime();
  try {
    const repo = await untrackRepository(runtime.database.db, fullName, { purge: flags.purge ?? false });
    const kept = repo.purged
      ? `deleted ${Object.entries(repo.purged)
          .map(([key, n]) => `${n} ${key.replaceAll("_", " ")}`)
          .join(", ")}`
      : "its mirrored rows are kept";
    process.stdout.write(`no longer tracking ${repo.fullName} (${kept}; its pending syncs cancelled)\n`);
  } finally {
    await runtime.close();
  }
}
