/**
 * `ghsync metrics user LOGIN | repo OWNER/REPO | dora [OWNER/REPO… | --org ORG | --team ORG/TEAM]
 * [--from D] [--to D] [--json]`: the same numbers as the metrics API, from the database only (never
 * calls GitHub).
 */
import { doraReport } from "../../app/dora.js";
import type { DoraReport } from "../../contract/dora.js";
import type { Distribution } from "../../metrics/distribution.js";
import { repoMetrics } from "../../metrics/repo-metrics.js";
import { userMetrics } from "../../metrics/user-metrics.js";
import type { PullStats } from "../../metrics/pull-stats.js";
import { openRuntime } from "../open-runtime.js";

export interface MetricsFlags {
  from?: string;
  to?: string;
  json?: boolean;
}

function hours(value: Distribution): string {
  if (value.count === 0) return "–";
  return `median ${value.median} h, p90 ${value.p90} h (${value.count} PRs)`;
}

function pullLines(stats: PullStats): [string, string][] {
  return [
    ["PRs opened", String(stats.prs_opened)],
    ["PRs merged", String(stats.prs_merged)],
    ["cycle time", hours(stats.cycle_time_hours)],
    ["pickup time", hours(stats.pickup_time_hours)],
    ["review time", hours(stats.review_time_hours)],
    ["PR size", stats.pr_size.count === 0 ? "–" : `median ${stats.pr_size.median} lines changed`],
  ];
}

function print(title: string, lines: [string, string][]): void {
  process.stdout.write(`${title}\n`);
  for (const [key, value] of lines) process.stdout.write(`  ${key.padEnd(16)} ${value}\n`);
}

async function withDatabase(work: (runtime: Awaited<ReturnType<typeof openRuntime>>) => Promise<void>) {
  const runtime = await openRuntime();
  try {
    await work(runtime);
  } finally {
    await runtime.close();
  }
}

export async function runUserMetrics(login: string, flags: MetricsFlags): Promise<void> {
  await withDatabase(async ({ database, settings }) => {
    const report = await userMetrics(database.db, login, flags, { botLogins: settings.botLogins });
    if (flags.json) return void process.stdout.write(`${JSON.stringify(report)}\n`);
    const reached = report.achievements.filter((a) => a.achieved_on !== null).map((a) => a.title);
    print(`${report.login} from ${report.from} to ${report.to} (${report.time_zone})`, [
      ["commits", String(report.commits)],
      ...pullLines(report),
      ["reviews given", String(report.reviews_given)],
      ["streak", `${report.streak.current} days (longest ${report.streak.longest})`],
      ["achievements", reached.join(", ") || "–"],
    ]);
  });
}

export async function runRepoMetrics(fullName: string, flags: MetricsFlags): Promise<void> {
  await withDatabase(async ({ database, settings }) => {
    const report = await repoMetrics(database.db, fullName, flags, { botLogins: settings.botLogins });
    if (flags.json) return void process.stdout.write(`${JSON.stringify(report)}\n`);
    print(`${report.repository} from ${report.from} to ${report.to}`, [
      ["health", `${report.health.score}/100`],
      ["commits", String(report.commits)],
      ...pullLines(report),
      ["reviews", String(report.reviews)],
      ["contributors", String(report.contributors)],
      [
        "open issues",
        `${report.issues.open} (${report.issues.open_blockers} blockers, ${report.issues.open_over_sla} over SLA)`,
      ],
    ]);
  });
}

const orDash = (value: number | null, unit = "") => (value === null ? "–" : `${value}${unit}`);
const banded = (text: string, band: string | null) => (band ? `${text} (${band})` : text);
const percent = (rate: number | null) => (rate === null ? "–" : `${Math.round(rate * 1000) / 10}%`);

function doraLines(report: DoraReport): [string, string][] {
  const { deployment_frequency: df, lead_time_for_changes: lt } = report;
  const { change_failure_rate: cfr, recovery_time: rt } = report;
  return [
    [
      "deployment freq.",
      banded(
        `${df.deployments} deployments on ${df.deployment_days} days, median ${orDash(df.median_days_per_week)} days a week`,
        df.band,
      ),
    ],
    ["lead time", banded(`median ${orDash(lt.median_hours, " h")} (${lt.changes} changes)`, lt.band)],
    ["change failures", banded(`${percent(cfr.rate)} (${cfr.failed} of ${cfr.total} deliveries)`, cfr.band)],
    [
      "recovery time",
      banded(
        `median ${orDash(rt.median_hours, " h")} (${rt.recovered} recovered, ${rt.unrecovered} not yet)`,
        rt.band,
      ),
    ],
    [
      "sources",
      Object.entries(report.sources)
        .map(([repo, source]) => `${repo}: ${source}`)
        .join(", ") || "–",
    ],
  ];
}

function ciLines(report: DoraReport): string[] {
  return report.ci.map(
    (row) =>
      `  ${`${row.repository} ${row.workflow}`.padEnd(40)} ${String(row.runs).padStart(5)} runs  ${percent(row.success_rate).padStart(6)} ok  median ${orDash(row.median_duration_s, " s")}`,
  );
}

export async function runDoraMetrics(
  repositories: string[],
  flags: MetricsFlags & { org?: string; team?: string },
): Promise<void> {
  await withDatabase(async ({ database, settings }) => {
    const query = {
      ...(repositories.length > 0 ? { repo: repositories } : {}),
      ...(flags.org === undefined ? {} : { org: flags.org }),
      ...(flags.team === undefined ? {} : { team: flags.team }),
      ...(flags.from === undefined ? {} : { from: flags.from }),
      ...(flags.to === undefined ? {} : { to: flags.to }),
    };
    const report = await doraReport(database.db, query, settings.dora, new Date());
    if (flags.json) return void process.stdout.write(`${JSON.stringify(report)}\n`);
    const scope = report.scope.team ?? report.scope.org ?? report.scope.repositories.join(", ");
    print(`DORA of ${scope} from ${report.from} to ${report.to}`, doraLines(report));
    if (report.ci.length > 0) process.stdout.write(`CI health\n${ciLines(report).join("\n")}\n`);
  });
}
