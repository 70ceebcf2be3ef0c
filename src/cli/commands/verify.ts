/**
 * `ghsync verify [OWNER/REPO… | --org ORG] [--json]` (DESIGN.md, Contract): the mirrored rows
 * checked against GitHub and repaired — deletions tombstoned once GitHub confirms them,
 * repositories followed by id through renames and transfers, changed and missing rows written.
 */
import { createGitHubClient } from "../../github/create-client.js";
import { Progress } from "../../sync/progress.js";
import { runVerify, type VerifyReport } from "../../sync/run-verify.js";
import { GhsyncError } from "../../util/errors.js";
import { openRuntime } from "../open-runtime.js";
import { checkRepositoryName } from "./sync.js";

export async function runVerifyCommand(
  repositories: string[],
  flags: { org?: string; json?: boolean },
): Promise<void> {
  repositories.forEach(checkRepositoryName);
  if (repositories.length === 0 && !flags.org)
    throw new GhsyncError(
      "invalid_argument",
      "name the repositories (OWNER/REPO…) or an organization (--org ORG)",
    );
  const runtime = await openRuntime();
  try {
    const progress = new Progress();
    const handle = await createGitHubClient(runtime.settings, runtime.database.db, runtime.log, {
      onWait: (until) => progress.waiting(until),
    });
    let report: VerifyReport;
    try {
      ({ report } = await runVerify(
        { db: runtime.database.db, client: handle.client, log: runtime.log, progress },
        { repositories, org: flags.org },
      ));
    } finally {
      await handle.flush();
    }
    process.stdout.write(flags.json ? `${JSON.stringify(report)}\n` : formatReport(report));
  } finally {
    await runtime.close();
  }
}

function formatReport(r: VerifyReport): string {
  return [
    `verified ${r.repositories} repositories, ${r.checked} rows: ${r.missing} missing, ${r.changed} changed, ${r.deleted} deleted, ${r.moved} moved (all repaired)`,
    `${r.requests} requests, ${r.points_used} rate-limit points, ${(r.duration_ms / 1000).toFixed(1)} s (REST list walks)`,
    "",
  ].join("\n");
}
