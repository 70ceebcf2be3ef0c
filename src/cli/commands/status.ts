/**
 * `ghsync status [--json]`: tracked repositories with their state, the queue, credentials with
 * their limits, recent jobs — the picture the API gives. Reads the database only; never calls GitHub.
 */
import { statusOverview } from "../../store/tracking.js";
import { openRuntime } from "../open-runtime.js";

export async function runStatus(flags: { json?: boolean }): Promise<void> {
  const runtime = await openRuntime();
  try {
    const status = await statusOverview(runtime.database.db, runtime.settings.pollBudgetShare);
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(status)}\n`);
      return;
    }
    const lines = [`tracked repositories: ${status.repositories.length}`];
    for (const repo of status.repositories) {
      const state = repo.state.replaceAll("_", " ") + (repo.reason ? ` (${repo.reason})` : "");
      lines.push(
        `  ${repo.full_name}  ${state}  ${repo.coverage}% of ${repo.depth}  last synced ${repo.last_synced_at ?? "never"}`,
      );
    }
    const age = (s: number | null) =>
      s === null
        ? "—"
        : s < 120
          ? `${s} s`
          : s < 7_200
            ? `${Math.round(s / 60)} min`
            : `${(s / 3_600).toFixed(1)} h`;
    const { staleness } = status;
    lines.push(
      `staleness (since last known current): p50 ${age(staleness.p50_s)}, p95 ${age(staleness.p95_s)}, max ${age(staleness.max_s)}` +
        (staleness.never_synced > 0 ? ` (${staleness.never_synced} never synced)` : ""),
    );
    const { polling } = status;
    lines.push(
      `polling: ${polling.spent_last_hour} points in the last hour of a ${polling.points_per_hour ?? "?"}-point budget (${Math.round(polling.share * 100)}% of the hourly limit)`,
    );
    const q = status.queue;
    lines.push(`jobs: ${q.running} running, ${q.queued} queued, ${q.waiting} waiting for a rate-limit reset`);
    for (const job of status.jobs) {
      const detail = job.error ?? job.reason;
      lines.push(
        `  #${job.id} ${job.type} ${job.repository ?? ""} ${job.status}${detail ? ` (${detail})` : ""}`,
      );
    }
    lines.push(`credentials: ${new Set(status.credentials.map((c) => c.credential)).size}`);
    for (const c of status.credentials) {
      const limit = c.resource ? `  ${c.resource} ${c.remaining}/${c.limit}, resets ${c.reset_at}` : "";
      lines.push(`  ${c.credential}  ${c.status}${c.reason ? ` (${c.reason})` : ""}${limit}`);
    }
    process.stdout.write(`${lines.join("\n")}\n`);
  } finally {
    await runtime.close();
  }
}
