/**
 * The four DORA keys of a scope over a period (docs/dora.md), pure over plain rows: deployment
 * frequency, lead time for changes, change failure rate and failed deployment recovery time, with
 * DevLake's bands, a weekly trend, and the deliveries and incidents behind the numbers.
 */
import type { DoraDelivery, DoraIncident, DoraReport, DoraWeek } from "../contract/dora.js";
import { utcDay, monthsOf, weeksLong, weeksOf, within } from "./dora-calendar.js";
import {
  changeFailureRateBand,
  deploymentFrequencyBand,
  leadTimeBand,
  recoveryTimeBand,
} from "./dora-bands.js";
import {
  changesOf,
  deliveriesOf,
  deliveryKey,
  deployingDelivery,
  shippedChanges,
  type Delivery,
} from "./dora-deliveries.js";
import type { DoraRows, DoraRules, IssueRow, PullRow } from "./dora-rows.js";
import { distribution } from "./distribution.js";
import type { MetricWindow } from "./window.js";

const HOUR_MS = 3_600_000;
const round4 = (value: number) => Math.round(value * 10_000) / 10_000;
const round2 = (value: number) => Math.round(value * 100) / 100;
const median = (values: number[]) => distribution(values).median;

/** A delivery with what the keys need to know about it. */
interface Judged {
  delivery: Delivery;
  /** Changes it ships (a team scope: the team's only). */
  changes: PullRow[];
  incidents: IssueRow[];
  /** Counted in the change failure rate (a failed result counts only under rule failed_deployment). */
  counted: boolean;
  failed: boolean;
  /** When it recovered (failed ones), null: not yet. */
  recoveredAt: Date | null;
}

interface Change {
  pull: PullRow;
  deployedBy: Delivery;
}

export type DoraKeys = Omit<DoraReport, "scope" | "ci">;

/**
 * Incidents per delivery: each attached to the last counted delivery finished at or before its
 * creation — a failed one too under rule failed_deployment, so an incident opened after a failed
 * deployment is that failure's, not a second failure of the success before it.
 */
function attachIncidents(deliveries: readonly Delivery[], issues: readonly IssueRow[], rules: DoraRules) {
  const attached = new Map<string, IssueRow[]>();
  const loose: IssueRow[] = [];
  const counted = deliveries
    .filter((delivery) => rules.incidents.failedDeployment || delivery.result === "success")
    .sort((a, b) => a.finishedAt.getTime() - b.finishedAt.getTime() || a.id - b.id);
  for (const issue of issues) {
    if (issue.deletedAt !== null || !issue.labels.some((label) => rules.incidentLabel.test(label))) continue;
    const cause = counted.findLast((delivery) => delivery.finishedAt <= issue.createdAt);
    if (!cause) loose.push(issue);
    else attached.set(deliveryKey(cause), [...(attached.get(deliveryKey(cause)) ?? []), issue]);
  }
  return { attached, loose };
}

/** The later of the recoveries its failure needs; null while one of them has not happened. */
function recoveryOf(
  delivery: Delivery,
  failedResult: boolean,
  incidents: IssueRow[],
  deliveries: readonly Delivery[],
) {
  const times: (Date | null)[] = [];
  if (failedResult) {
    const next = deliveries
      .filter((other) => other.result === "success" && other.finishedAt >= delivery.finishedAt)
      .sort((a, b) => a.finishedAt.getTime() - b.finishedAt.getTime())[0];
    times.push(next?.finishedAt ?? null);
  }
  if (incidents.length > 0) {
    const open = incidents.some((issue) => issue.closedAt === null);
    times.push(
      open ? null : new Date(Math.max(...incidents.map((issue) => (issue.closedAt as Date).getTime()))),
    );
  }
  if (times.some((time) => time === null)) return null;
  return new Date(Math.max(...times.map((time) => (time as Date).getTime())));
}

/** Every delivery of the scope judged, the changes with their deploying delivery, the loose incidents. */
function judge(rows: DoraRows, rules: DoraRules) {
  const team = rows.teamMemberIds === null ? null : new Set(rows.teamMemberIds);
  const judged: Judged[] = [];
  const changes: Change[] = [];
  const loose: { issue: IssueRow; repository: string }[] = [];
  const repositories = deliveriesOf(rows, rules);
  for (const { repository, deliveries } of repositories) {
    const all = changesOf(repository, rows.pulls).filter(
      (pull) => team === null || (pull.authorId !== null && team.has(pull.authorId)),
    );
    const shipped = shippedChanges(deliveries, all);
    const issues = rules.incidents.label
      ? rows.issues.filter((issue) => issue.repositoryId === repository.id)
      : [];
    const incidents = attachIncidents(deliveries, issues, rules);
    if (team === null)
      loose.push(...incidents.loose.map((issue) => ({ issue, repository: repository.fullName })));
    for (const delivery of deliveries) {
      const ships = shipped.get(deliveryKey(delivery)) ?? [];
      if (team !== null && ships.length === 0) continue;
      const own = incidents.attached.get(deliveryKey(delivery)) ?? [];
      const failedResult = rules.incidents.failedDeployment && delivery.result !== "success";
      const failed = failedResult || own.length > 0;
      judged.push({
        delivery,
        changes: ships,
        incidents: own,
        counted: rules.incidents.failedDeployment || delivery.result === "success",
        failed,
        recoveredAt: failed ? recoveryOf(delivery, failedResult, own, deliveries) : null,
      });
    }
    for (const pull of all) {
      const deployedBy = deployingDelivery(deliveries, pull);
      if (deployedBy) changes.push({ pull, deployedBy });
    }
  }
  const sources = Object.fromEntries(repositories.map((repo) => [repo.repository.fullName, repo.source]));
  return { judged, changes, loose, sources, measurable: repositories.some((repo) => repo.source !== "none") };
}

type Judgement = ReturnType<typeof judge>;

const hoursBetween = (from: Date, to: Date) => (to.getTime() - from.getTime()) / HOUR_MS;

function keysIn(judgement: Judgement, window: MetricWindow) {
  const finished = judgement.judged.filter((entry) => within(entry.delivery.finishedAt, window));
  const successes = finished.filter((entry) => entry.delivery.result === "success");
  const counted = finished.filter((entry) => entry.counted);
  const failed = counted.filter((entry) => entry.failed);
  const leadTimes = judgement.changes
    .filter((change) => within(change.deployedBy.finishedAt, window))
    .map((change) =>
      hoursBetween(change.pull.firstCommitAt ?? change.pull.createdAt, change.deployedBy.finishedAt),
    );
  const recoveries = failed.flatMap((entry) =>
    entry.recoveredAt ? [hoursBetween(entry.delivery.finishedAt, entry.recoveredAt)] : [],
  );
  return {
    successes,
    days: new Set(successes.map((entry) => utcDay(entry.delivery.finishedAt))),
    counted,
    failed,
    leadTimes,
    recoveries,
  };
}

function weekly(judgement: Judgement, window: MetricWindow): DoraWeek[] {
  return weeksOf(window).map(({ week, window: part }) => {
    const keys = keysIn(judgement, part);
    return {
      week,
      deployments: keys.successes.length,
      deployment_days: keys.days.size,
      lead_time_median_hours: median(keys.leadTimes),
      change_failure_rate:
        keys.counted.length === 0 ? null : round4(keys.failed.length / keys.counted.length),
      recovery_median_hours: median(keys.recoveries),
    };
  });
}

function deliveryView(entry: Judged): DoraDelivery {
  const { delivery } = entry;
  return {
    repository: delivery.repository,
    id: delivery.id,
    kind: delivery.kind,
    sha: delivery.sha,
    created_at: delivery.createdAt.toISOString(),
    finished_at: delivery.finishedAt.toISOString(),
    result: delivery.result,
    changes: entry.changes.map((pull) => pull.number),
    incidents: entry.incidents.map((issue) => issue.number),
    failed: entry.failed,
  };
}

function incidentView(issue: IssueRow, repository: string, deliveryId: number | null): DoraIncident {
  return {
    repository,
    number: issue.number,
    title: issue.title,
    created_at: issue.createdAt.toISOString(),
    closed_at: issue.closedAt?.toISOString() ?? null,
    delivery_id: deliveryId,
  };
}

/**
 * The incidents behind the numbers: those attached to the period's deliveries, and (not a team
 * scope) those created in the period with no delivery to attach to.
 */
function incidentsOf(judgement: Judgement, listed: Judged[], window: MetricWindow): DoraIncident[] {
  const views = listed.flatMap((entry) =>
    entry.incidents.map((issue) => incidentView(issue, entry.delivery.repository, entry.delivery.id)),
  );
  for (const { issue, repository } of judgement.loose)
    if (within(issue.createdAt, window)) views.push(incidentView(issue, repository, null));
  return views.sort(
    (a, b) =>
      a.created_at.localeCompare(b.created_at) ||
      a.repository.localeCompare(b.repository) ||
      a.number - b.number,
  );
}

export function doraKeys(rows: DoraRows, rules: DoraRules, window: MetricWindow): DoraKeys {
  const judgement = judge(rows, rules);
  const keys = keysIn(judgement, window);
  const perWeek = weeksOf(window).map(({ window: part }) => keysIn(judgement, part).days.size);
  const perMonth = monthsOf(window).map((part) => keysIn(judgement, part).days.size);
  const medianPerWeek = judgement.measurable ? median(perWeek) : null;
  const medianPerMonth = judgement.measurable ? median(perMonth) : null;
  const leadTime = median(keys.leadTimes);
  const rate = keys.counted.length === 0 ? null : round4(keys.failed.length / keys.counted.length);
  const recovery = median(keys.recoveries);
  const listed = keys.counted.sort(
    (a, b) =>
      a.delivery.finishedAt.getTime() - b.delivery.finishedAt.getTime() ||
      a.delivery.repository.localeCompare(b.delivery.repository) ||
      a.delivery.id - b.delivery.id,
  );
  return {
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    deployment_frequency: {
      deployments: keys.successes.length,
      deployment_days: keys.days.size,
      days_per_week: round2(keys.days.size / weeksLong(window)),
      median_days_per_week: medianPerWeek,
      median_days_per_month: medianPerMonth,
      band: deploymentFrequencyBand(medianPerWeek, medianPerMonth),
    },
    lead_time_for_changes: {
      median_hours: leadTime,
      changes: keys.leadTimes.length,
      band: leadTimeBand(leadTime),
    },
    change_failure_rate: {
      rate,
      failed: keys.failed.length,
      total: keys.counted.length,
      band: changeFailureRateBand(rate),
    },
    recovery_time: {
      median_hours: recovery,
      recovered: keys.recoveries.length,
      unrecovered: keys.failed.length - keys.recoveries.length,
      band: recoveryTimeBand(recovery),
    },
    weekly: weekly(judgement, window),
    deliveries: listed.map(deliveryView),
    incidents: rules.incidents.label ? incidentsOf(judgement, listed, window) : [],
    sources: judgement.sources,
  };
}
