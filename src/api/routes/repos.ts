/**
 * Tracked repositories: `POST /api/repos` tracks one and queues its backfill (answering at once
 * with the job id; the repository is read from GitHub by the job), `GET /api/repos` lists them
 * with state, counts, last synced and coverage, `DELETE /api/repos/:owner/:repo` untracks.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { enqueueSync } from "../../jobs/enqueue.js";
import { trackedOverview } from "../../store/repository-overview.js";
import { cancelPendingJobs } from "../../store/sync-jobs.js";
import { findRepositoryByName, needsBackfill, setTracked } from "../../store/tracking.js";
import { parseDepth } from "../../sync/depth.js";
import { GhsyncError } from "../../util/errors.js";
import type { ApiContext } from "../server.js";
import { pageQuery, repoParams } from "./schemas.js";

const trackBody = z.object({
  full_name: z.string().regex(/^[\w.-]+\/[\w.-]+$/, "must be OWNER/REPO"),
  depth: z.string().optional().describe('"30d" (default), "Nd", "full", or an ISO date'),
});

export function repoRoutes({ database, runner }: ApiContext): FastifyPluginAsyncZod {
  const db = database.db;
  return async (app) => {
    app.post(
      "/api/repos",
      { schema: { body: trackBody, description: "Track a repository and queue its backfill." } },
      async (request, reply) => {
        const depth = parseDepth(request.body.depth ?? "30d");
        const access = { db, queue: runner.queue };
        const existing = await findRepositoryByName(db, request.body.full_name);
        let result;
        if (existing) {
          // Never lower the depth label of a repository mirrored in full.
          const deeper = existing.syncDepth !== "full" && existing.syncDepth !== depth.label;
          await setTracked(db, existing.id, true, existing.syncDepth === "full" ? undefined : depth.label);
          const type = deeper || (await needsBackfill(db, existing.id)) ? "backfill" : "incremental";
          result = await enqueueSync(access, { type, repositoryId: existing.id });
        } else {
          result = await enqueueSync(access, {
            type: "backfill",
            target: request.body.full_name,
            params: { depth: depth.label, track: true },
          });
        }
        return reply.status(202).send({
          job_id: result.job.id,
          status: result.job.status,
          joined: result.joined,
          full_name: existing?.fullName ?? request.body.full_name,
          depth: existing?.syncDepth === "full" ? "full" : depth.label,
        });
      },
    );

    app.get(
      "/api/repos",
      {
        schema: {
          querystring: pageQuery,
          description: "Tracked repositories with state, counts and coverage.",
        },
      },
      async (request) => {
        const limit = request.query.limit ?? 100;
        const items = await trackedOverview(db, { after: request.query.cursor, limit });
        const last = items.at(-1);
        return { items, next_cursor: items.length >= limit && last ? last.full_name : null };
      },
    );

    app.delete(
      "/api/repos/:owner/:repo",
      { schema: { params: repoParams, description: "Untrack a repository (its mirrored rows are kept)." } },
      async (request, reply) => {
        const fullName = `${request.params.owner}/${request.params.repo}`;
        const repo = await findRepositoryByName(db, fullName);
        if (!repo?.tracked) throw new GhsyncError("not_found", `${fullName} is not tracked`, { status: 404 });
        await setTracked(db, repo.id, false);
        await cancelPendingJobs(db, repo.id);
        return reply.status(204).send();
      },
    );
  };
}
