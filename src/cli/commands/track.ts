/**
 * `ghsync track OWNER/REPO [--since …|--full]` and `ghsync untrack OWNER/REPO`: the set of
 * repositories that `ghsync sync` (with no names) and the server keep current. Tracking reads the
 * repository once from GitHub (it must exist and be visible); untracking keeps the mirrored rows.
 */
import { createGitHubClient } from "../../github/create-client.js";
import { parseDepth } from "../../sync/depth.js";
import { Progress } from "../../sync/progress.js";
import { resolveRepository } from "../../sync/run-sync.js";
import { findRepositoryByName, setTracked } from "../../store/tracking.js";
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
    if (!repo) throw new GhsyncError("unknown_repository", `repository ${fullName} was deleted on GitHub`);
    await setTracked(runtime.database.db, repo.id, true, depth.label);
    process.stdout.write(
      `tracking ${repo.fullName} (depth ${depth.label}); \`ghsync serve\` or \`ghsync sync\` mirrors it\n`,
    );
  } finally {
    await runtime.close();
  }
}

export async function runUntrack(fullName: string): Promise<void> {
  const runtime = await openRuntime();
  try {
    const repo = await findRepositoryByName(runtime.database.db, fullName);
    if (!repo?.tracked) throw new GhsyncError("not_tracked", `${fullName} is not tracked`);
    await setTracked(runtime.database.db, repo.id, false);
    process.stdout.write(`no longer tracking ${repo.fullName} (its mirrored rows are kept)\n`);
  } finally {
    await runtime.close();
  }
}
