/**
 * Tracked repositories: `POST /api/repos` tracks one and queues its backfill (answering at once
 * with the job id; the repository is read from GitHub by the job), `GET /api/repos` lists them
 * with state, counts, last synced and coverage, `DELETE /api/repos/:owner/:repo` untracks.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { trackRepository, untrackRepository } from "../../app/tracking.js";
import { enqueueSync } from "../../jobs/enqueue.js";
import { trackedOverview } from "../../store/repository-overview.js";
import { findRepositoryByName } from "../../store/tracking.js";
import { parseDepth } from "../../sync/depth.js";
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
        if (existing) {
          const tracked = await trackRepository(db, existing, depth.label);
          const { job, joined } = await enqueueSync(access, {
            type: tracked.syncType,
            repositoryId: tracked.id,
          });
          return reply.status(202).send({
            job_id: job.id,
            status: job.status,
            joined,
            full_name: tracked.fullName,
            depth: tracked.depth,
          });
        }
        // Not mirrored yet: the job reads it from GitHub and tracks it (the answer does not wait).
        const { job, joined } = await enqueueSync(access, {
          type: "backfill",
          target: request.body.full_name,
          params: { depth: depth.label, track: true },
        });
        return reply.status(202).send({
          job_id: job.id,
          status: job.status,
          joined,
          full_name: request.body.full_name,
          depth: depth.label,
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
      {
        schema: {
          params: repoParams,
          querystring: z.object({
            purge: z.enum(["true", "false"]).optional().describe("also delete its mirrored rows"),
          }),
          description:
            "Untrack a repository: its pending syncs are cancelled; its mirrored rows are kept (204), or deleted with ?purge=true (200 with the counts deleted).",
        },
      },
      async (request, reply) => {
        const purge = request.query.purge === "true";
        const result = await untrackRepository(db, `${request.params.owner}/${request.params.repo}`, {
          purge,
        });
        if (!purge) return reply.status(204).send();
        return reply.status(200).send({ full_name: result.fullName, purged: result.purged });
      },
    );
  };
}
