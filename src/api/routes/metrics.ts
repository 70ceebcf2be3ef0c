/**
 * `GET /metrics` in Prometheus' text format. Job, row and request totals are read from `sync_jobs`
 * at scrape time, so every process (serve or worker, any machine) reports the same cluster-wide
 * numbers; process metrics are this process's. Authenticated unless GHSYNC_METRICS_PUBLIC=1.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { Counter, Gauge, Registry, collectDefaultMetrics } from "prom-client";
import { jobTotals, queueSummary, rateLimitReadings, trackedStaleness } from "../../store/operations.js";
import { pollingBudget, pollPointsLastHour } from "../../store/poll-state.js";
import { webhookBacklog } from "../../store/webhook-deliveries.js";
import type { ApiContext } from "../server.js";

export function metricsRoutes({ database, settings }: ApiContext): FastifyPluginAsyncZod {
  const db = database.db;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "ghsync_process_" });
  const jobs = new Gauge({
    name: "ghsync_jobs",
    help: "Jobs by type and status (sync_jobs)",
    labelNames: ["type", "status"],
    registers: [registry],
  });
  const rows = new Counter({
    name: "ghsync_rows_upserted_total",
    help: "Rows written by sync jobs, by entity",
    labelNames: ["entity"],
    registers: [registry],
  });
  const requests = new Counter({
    name: "ghsync_github_requests_total",
    help: "GitHub API requests made by jobs",
    registers: [registry],
  });
  const notModified = new Counter({
    name: "ghsync_github_not_modified_total",
    help: "GitHub API requests answered 304 (free)",
    registers: [registry],
  });
  const points = new Counter({
    name: "ghsync_github_points_used_total",
    help: "Rate-limit points spent by jobs",
    registers: [registry],
  });
  const repaired = new Counter({
    name: "ghsync_verify_repaired_total",
    help: "Rows verification found wrong and repaired (drift), by kind: missing, changed, deleted, moved",
    labelNames: ["kind"],
    registers: [registry],
  });
  const remaining = new Gauge({
    name: "ghsync_rate_limit_remaining",
    help: "Rate-limit points left per credential and resource (last reading)",
    labelNames: ["credential", "resource"],
    registers: [registry],
  });
  const resetAt = new Gauge({
    name: "ghsync_rate_limit_reset_timestamp_seconds",
    help: "When the rate-limit window of a credential and resource resets",
    labelNames: ["credential", "resource"],
    registers: [registry],
  });
  const oldest = new Gauge({
    name: "ghsync_queue_oldest_pending_seconds",
    help: "Age of the oldest job ready to run",
    registers: [registry],
  });

  const deliveries = new Gauge({
    name: "ghsync_webhook_deliveries",
    help: "Webhook deliveries in the inbox by status",
    labelNames: ["status"],
    registers: [registry],
  });
  const webhookLag = new Gauge({
    name: "ghsync_webhook_lag_seconds",
    help: "Age of the oldest webhook delivery not applied yet (0 when none)",
    registers: [registry],
  });

  const staleness = new Gauge({
    name: "ghsync_staleness_seconds",
    help: "Time since the tracked repositories were last known current: p50, p95 and max (quantile 1)",
    labelNames: ["quantile"],
    registers: [registry],
  });
  const pollBudget = new Gauge({
    name: "ghsync_poll_budget_points",
    help: "Points an hour the scheduler's polling may spend (GHSYNC_POLL_BUDGET of the credentials' hourly limit)",
    registers: [registry],
  });
  const pollSpent = new Gauge({
    name: "ghsync_poll_points_spent",
    help: "Points change detection and the syncs it queued spent within the last hour",
    registers: [registry],
  });

  const collect = async () => {
    const [totals, limits, queue, backlog, ages, spent] = await Promise.all([
      jobTotals(db),
      rateLimitReadings(db),
      queueSummary(db),
      webhookBacklog(db),
      trackedStaleness(db),
      pollPointsLastHour(db),
    ]);
    const polling = pollingBudget(settings.pollBudgetShare, limits, spent);
    pollBudget.set(polling.points_per_hour ?? 0);
    pollSpent.set(polling.spent_last_hour);
    staleness.reset();
    for (const [quantile, value] of [
      ["0.5", ages.p50_s],
      ["0.95", ages.p95_s],
      ["1", ages.max_s],
    ] as const)
      if (value !== null) staleness.set({ quantile }, value);
    deliveries.reset();
    for (const [status, count] of Object.entries(backlog.by_status)) deliveries.set({ status }, count);
    webhookLag.set(backlog.oldest_age_s ?? 0);
    jobs.reset();
    for (const group of totals.byTypeAndStatus)
      jobs.set({ type: group.type, status: group.status }, group.count);
    rows.reset();
    for (const [entity, count] of Object.entries(totals.rowsByEntity)) rows.inc({ entity }, count);
    requests.reset();
    requests.inc(totals.requests);
    notModified.reset();
    notModified.inc(totals.notModified);
    points.reset();
    points.inc(totals.pointsUsed);
    repaired.reset();
    for (const [kind, count] of Object.entries(totals.verifyRepaired)) repaired.inc({ kind }, count);
    remaining.reset();
    resetAt.reset();
    for (const limit of limits) {
      if (!limit.resource) continue;
      const labels = { credential: limit.credential, resource: limit.resource };
      remaining.set(labels, limit.remaining ?? 0);
      if (limit.reset_at) resetAt.set(labels, Date.parse(limit.reset_at) / 1_000);
    }
    oldest.set(queue.oldest_pending_age_s ?? 0);
  };

  return async (app) => {
    app.get(
      "/metrics",
      { config: { open: settings.metricsPublic }, schema: { hide: true } },
      async (_request, reply) => {
        await collect();
        return reply.type(registry.contentType).send(await registry.metrics());
      },
    );
  };
}
