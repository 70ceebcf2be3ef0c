/**
 * `ghsync apply [FILE] [--prune] [--dry-run] [--json]`: makes the tracked repositories what the
 * tracking file says (app/apply-tracking.ts) and prints what changed. FILE defaults to
 * GHSYNC_TRACKING_FILE, else ./ghsync.yaml.
 */
import { applyTracking, shownPath, type ApplyResult } from "../../app/apply-tracking.js";
import { readTrackingFile } from "../../app/tracking-file.js";
import { createGitHubClient } from "../../github/create-client.js";
import { withRuntime } from "../open-runtime.js";
import { printResult } from "../output.js";

export async function runApply(
  file: string | undefined,
  flags: { prune?: boolean; dryRun?: boolean; json?: boolean },
): Promise<void> {
  await withRuntime(async ({ settings, database: { db }, log }) => {
    const tracking = await readTrackingFile(file ?? shownPath(settings.trackingFile.path));
    const github = await createGitHubClient(settings, db, log);
    try {
      const result = await applyTracking({ db, client: github.client, log }, tracking, flags);
      printResult(flags.json, result, () => describe(result));
    } finally {
      await github.flush();
    }
  });
}

function describe(result: ApplyResult): string[] {
  const verb = (done: string, planned: string) => (result.dry_run ? planned : done);
  const lines = [
    `${result.file}: ${result.added.length} ${verb("added", "to add")}, ${result.changed.length} ${verb("changed", "to change")}, ${result.unchanged.length} unchanged${result.dry_run ? " (dry run: nothing changed)" : ""}`,
    ...result.added.map((repo) => `  + ${repo.full_name} (${repo.depth})`),
    ...result.changed.map((repo) => `  ~ ${repo.full_name} (${repo.from ?? "no depth"} → ${repo.depth})`),
    ...result.untracked.map((repo) => `  - ${repo} (${verb("untracked", "to untrack")}; its rows are kept)`),
  ];
  if (result.not_in_file.length > 0)
    lines.push(
      `tracked but not in the file, left as they are (--prune untracks them): ${result.not_in_file.join(", ")}`,
    );
  if (!result.dry_run && result.added.length + result.changed.length > 0)
    lines.push("`ghsync serve` mirrors them at its next reconciliation, `ghsync sync` now");
  return lines;
}
