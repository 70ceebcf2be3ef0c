/** `ghsync stats [OWNER/REPO… | --org ORG] [--json]`: the database's counts; never calls GitHub. */
import { statsOf } from "../../app/mirror-stats.js";
import { openRuntime } from "../open-runtime.js";

export async function runStatsCommand(
  repositories: string[],
  flags: { org?: string; json?: boolean },
): Promise<void> {
  const runtime = await openRuntime();
  try {
    const counts = await statsOf(runtime.database.db, { repositories, org: flags.org });
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(counts)}\n`);
      return;
    }
    for (const [key, value] of Object.entries(counts)) process.stdout.write(`${key.padEnd(14)} ${value}\n`);
  } finally {
    await runtime.close();
  }
}
