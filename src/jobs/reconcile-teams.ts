/**
 * The teams of the organizations the scheduler of `serve` watches, read every TEAMS_EVERY_MS (and at
 * start-up: this process's memory): a few conditional lists per organization, 304s (0 points) when
 * nothing changed. Between reads the `team` and `membership` webhooks keep them current. A failure
 * is logged and tried again at the next turn; it does not fail the reconciliation.
 */
import { syncTeams, type SyncDependencies } from "../sync/run-sync.js";

export const TEAMS_EVERY_MS = 15 * 60_000;

/** When each organization's (lower-case) teams are due again. */
const due = new Map<string, number>();

export async function readTeamsWhenDue(deps: SyncDependencies, org: string, now: number): Promise<void> {
  const key = org.toLowerCase();
  if ((due.get(key) ?? 0) > now) return;
  due.set(key, now + TEAMS_EVERY_MS);
  try {
    await syncTeams(deps, org);
  } catch (error) {
    deps.log.warn({ err: error, org }, `reading the teams of ${org} failed: tried again at the next turn`);
    due.delete(key);
  }
}
