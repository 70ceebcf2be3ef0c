/**
 * Sync control and history: queue an incremental sync of one repository or a reconciliation of
 * all (an external cron may call it with X-Cron-Secret), read the job records and their totals.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { cancelJob } from "../../app/cancel-job.js";
import { syncStale } from "../../app/sync-stale.js";
import { idParams, repoParams } from "../../contract/common.js";
import {
  job,
  jobsQuery,
  jobStats as jobStatsSchema,
  queuedReconcile,
  verifyBody,
  queuedSync,
  staleSync,
  syncNowBody,
} from "../../contract/jobs.js";
import { page, pageOf } from "../../contract/page.js";
import { enqueueReconcile, enqueueSync, enqueueVerify } from "../../jobs/enqueue.js";
import { jobStats, jobView, listJobs } from "../../store/sync-jobs.js";
import { findRepositoryByName, needsBackfill } from "../../store/tracking.js";
import type { RepoVisibility } from "../../app/repo-visibility.js";
import type { HiddenRepository } from "../../store/hidden-repositories.js";
import { GhsyncError } from "../../util/errors.js";
import type { ApiContext } from "../server.js";

/**
 * A member sees only the jobs of repositories GitHub lets them see: those naming a private one
 * their token cannot read are left out of lists and totals, and one asked for by id is a 404.
 */
export function syncRoutes(
  { database, runner, settings }: ApiContext,
  visibility: RepoVisibility,
): FastifyPluginAsyncZod {
  const db = database.db;
  const access = { db, queue: runner.queue };
  return async (app) => {
    app.post(
      "/api/sync/repos/:owner/:repo",
      {
        schema: {
          params: repoParams,
          body: syncNowBody,
          response: { 202: queuedSync },
          description:
            "Queue an incremental sync of one mirrored repository; with `refetch`, a re-read of everything at the depth the mirror holds (the job forgets the repository's checkpoints and ETags when it starts).",
        },
      },
      async (request, reply) => {
        const fullName = `${request.params.owner}/${request.params.repo}`;
        const repo = await findRepositoryByName(db, fullName);
        if (!repo) {
          throw new GhsyncError(
            "not_found",
            `${fullName} is not in the mirror; track it with POST /api/repos`,
            {
              status: 404,
            },
          );
        }
        const refetch = request.body?.refetch === true;
        const type = refetch || (await needsBackfill(db, repo.id)) ? "backfill" : "incremental";
        const { job, joined } = await enqueueSync(access, {
          type,
          repositoryId: repo.id,
          ...(refetch ? { params: { refetch: true } } : {}),
        });
        return reply.status(202).send({ job_id: job.id, status: job.status, joined });
      },
    );

    const lastStalePass = { at: null as number | null };
    app.post(
      "/api/sync/stale",
      {
        // Anyone who opens the dashboard, members too: it only brings the mirror current, within
        // the rate budget, once a minute.
        config: { member: true },
        schema: {
          response: { 202: staleSync },
          description:
            "The dashboard opened: queue an incremental sync of each tracked repository not known current for GHSYNC_STALE_AFTER_S (debounced to one pass a minute; nothing while the rate limit left is below GHSYNC_POLL_BUDGET).",
        },
      },
      async (_request, reply) => {
        const result = await syncStale(
          {
            db,
            queue: runner.queue,
            now: Date.now,
            staleAfterS: settings.staleAfterS,
            pollBudgetShare: settings.pollBudgetShare,
          },
          lastStalePass,
        );
        return reply.status(202).send(result);
      },
    );

    app.post(
      "/api/sync/reconcile",
      {
        config: { cron: true },
        schema: {
          response: { 202: queuedReconcile },
          description: "Queue a reconciliation of every tracked repository (API token or X-Cron-Secret).",
        },
      },
      async (_request, reply) => {
        const job = await enqueueReconcile(access, "api");
        return reply.status(202).send({ job_id: job.id, status: job.status });
      },
    );

    app.post(
      "/api/sync/verify",
      {
        schema: {
          body: verifyBody,
          response: { 202: queuedReconcile },
          description:
            "Queue a verification (ghsync verify): the mirrored rows of the repositories named, of an organization, or of every tracked repository, checked against GitHub and repaired. The job's record holds the report.",
        },
      },
      async (request, reply) => {
        const job = await enqueueVerify(access, { ...request.body, trigger: "api" });
        return reply.status(202).send({ job_id: job.id, status: job.status });
      },
    );

    app.get(
      "/api/sync/jobs",
      {
        schema: {
          querystring: jobsQuery,
          response: { 200: page(job) },
          description: "Job history, newest first.",
        },
      },
      async (request) => {
        const limit = request.query.limit ?? 50;
        const rows = await listJobs(db, {
          type: request.query.type,
          status: request.query.status,
          repo: request.query.repo,
          before: request.query.cursor,
          hidden: await visibility.hiddenFrom(request.principal),
          limit: limit + 1,
        });
        return pageOf(rows, limit, jobView, (row) => row.id);
      },
    );

    const viewOf = async (id: number, hidden: readonly HiddenRepository[] = []) => {
      const [job] = await listJobs(db, { id, hidden, limit: 1 });
      if (!job) throw new GhsyncError("not_found", `no job ${id}`, { status: 404 });
      return jobView(job);
    };
    app.get(
      "/api/sync/jobs/:id",
      { schema: { params: idParams, response: { 200: job }, description: "One job." } },
      async (request) => viewOf(request.params.id, await visibility.hiddenFrom(request.principal)),
    );

    app.post(
      "/api/sync/jobs/:id/cancel",
      {
        schema: {
          params: idParams,
          response: { 200: job },
          description: "Cancel a queued or waiting job (409 once it runs or has ended).",
        },
      },
      async (request) => {
        await cancelJob(db, request.params.id);
        return viewOf(request.params.id);
      },
    );

    app.get(
      "/api/sync/stats",
      {
        schema: {
          response: { 200: jobStatsSchema },
          description:
            "Totals: jobs, success rate, average duration, last success per repository, rows imported.",
        },
      },
      async (request) => jobStats(db, await visibility.hiddenFrom(request.principal)),
    );
  };
}
