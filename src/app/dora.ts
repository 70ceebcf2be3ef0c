/**
 * `ghsync metrics dora` and `GET /api/metrics/dora`: the four DORA keys and CI health of a scope
 * over a period, from the mirror only (docs/dora.md). Both sides check their input with the
 * contract's `doraQuery`, so they refuse the same things with the same message.
 */
import { doraQuery, type DoraQuery, type DoraReport } from "../contract/dora.js";
import type { DoraSettings } from "../config/settings.js";
import { ciHealth } from "../metrics/ci-health.js";
import { doraKeys } from "../metrics/dora.js";
import { resolveDoraScope, type DoraScope } from "../metrics/dora-scope.js";
import { loadDeliveryRows } from "../metrics/load-delivery-rows.js";
import { addDays } from "../metrics/time-zone.js";
import { parseWindow, type MetricWindow } from "../metrics/window.js";
import type { Db } from "../store/database.js";
import { GhsyncError } from "../util/errors.js";
import { checked } from "./checked.js";

/** Days of the default period: the 30 days ending today (UTC), both included. */
export const DORA_DEFAULT_DAYS = 30;

/** The period of whole UTC days: `from` and `to` included; a missing end is today, a missing start 29 days before the end. */
export function doraWindow(
  query: { from?: string | undefined; to?: string | undefined },
  now: Date,
): MetricWindow {
  const to = query.to ?? now.toISOString().slice(0, 10);
  const from = query.from ?? addDays(to, 1 - DORA_DEFAULT_DAYS);
  return parseWindow({ from, to }, "UTC", now);
}

/**
 * The scope without the repositories hidden from the viewer (private ones their token cannot
 * read): named ones answer 404, as repositories not in the mirror do; an organization's or team's
 * are left out.
 */
function withoutHidden(scope: DoraScope, hidden: readonly number[], named: readonly string[]): DoraScope {
  const shown = scope.repositories.filter((repo) => !hidden.includes(repo.id));
  if (shown.length === scope.repositories.length) return scope;
  if (named.length > 0)
    throw new GhsyncError("not_found", `${named.join(", ")} not in the mirror`, { status: 404 });
  return {
    ...scope,
    repositories: shown,
    view: { ...scope.view, repositories: shown.map((repo) => repo.fullName) },
  };
}

export async function doraReport(
  db: Db,
  input: DoraQuery,
  rules: DoraSettings,
  now: Date,
  hidden: readonly number[] = [],
): Promise<DoraReport> {
  const query = checked(doraQuery, input);
  const window = doraWindow(query, now);
  const scope = withoutHidden(await resolveDoraScope(db, query), hidden, query.repo ?? []);
  const rows = await loadDeliveryRows(db, scope.repositories, scope.teamMemberIds, window);
  const keys = doraKeys(rows, rules, window);
  const { sources, ...rest } = keys;
  return { scope: scope.view, ...rest, ci: ciHealth(scope.repositories, rows.workflowRuns, window), sources };
}
