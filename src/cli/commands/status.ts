/** `ghsync status [--json]`: tracked repositories, credentials with their limits, recent jobs. Never calls GitHub. */
import { statusOverview } from "../../store/tracking.js";
import { openRuntime } from "../open-runtime.js";

export async function runStatus(flags: { json?: boolean }): Promise<void> {
  const runtime = await openRuntime();
  try {
    const status = await statusOverview(runtime.database.db);
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(status)}\n`);
      return;
    }
    const lines = [`tracked repositories: ${status.repositories.length}`];
    for (const repo of status.repositories) {
      lines.push(
        `  ${repo.full_name}  depth ${repo.depth ?? "30d"}  last synced ${repo.last_synced_at ?? "never"}`,
      );
    }
    lines.push(`credentials: ${new Set(status.credentials.map((c) => c.label)).size}`);
    for (const c of status.credentials) {
      const limit = c.resource ? `  ${c.resource} ${c.remaining}/${c.limit}, resets ${c.reset_at}` : "";
      lines.push(`  ${c.label}  ${c.status}${c.reason ? ` (${c.reason})` : ""}${limit}`);
    }
    process.stdout.write(`${lines.join("\n")}\n`);
  } finally {
    await runtime.close();
  }
}
