/**
 * Tracked repositories: `POST /api/repos` tracks one and queues its backfill (answering at once
 * with the job id; the repository is read from GitHub by the job), `GET /api/repos` lists them
 * with state, counts, last synced and coverage (`GET /api/repos/:owner/:repo` one of them), `DELETE /api/repos/:owner/:repo` untracks.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { RepoVisibility } from "../../app/repo-visibility.js";
import { trackRepository, untrackRepository } from "../../app/tracking.js";
import { noContent, repoParams } from "../../contract/common.js";
import { trackAnswer, trackBody } from "../../contract/jobs.js";
import { namePageQuery, page, pageOf } from "../../contract/page.js";
import { purgeAnswer, repository } from "../../contract/repositories.js";
import { enqueueSync } from "../../jobs/enqueue.js";
import { trackedOverview } from "../../store/repository-overview.js";
import { findRepositoryByName } from "../../store/tracking.js";
import { parseDepth } from "../../sync/depth.js";
import { GhsyncError } from "../../util/errors.js";
import type { ApiContext } from "../server.js";

export function repoRoutes(
  { database, runner }: ApiContext,
  visibility: RepoVisibility,
): FastifyPluginAsyncZod {
  const db = database.db;
  return async (app) => {
    app.post(
      "/api/repos",
      {
        schema: {
          body: trackBody,
          response: { 202: trackAnswer },
          description: "Track a repository and queue its backfill.",
        },
      },
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
          querystring: namePageQuery(),
          response: { 200: page(repository) },
          description: "Tracked repositories with state, counts and coverage.",
        },
      },
      async (request) => {
        const limit = request.query.limit ?? 100;
        const rows = await trackedOverview(db, { after: request.query.cursor, limit: limit + 1 });
        const { items, next_cursor } = pageOf(
          rows,
          limit,
          (row) => row,
          (row) => row.full_name,
        );
        // Paged before hiding, so the cursor stays right when a member's page comes out shorter.
        return {
          items: await visibility.filter(request.principal, items, (row) => row.full_name),
          next_cursor,
        };
      },
    );

    app.get(
      "/api/repos/:owner/:repo",
      {
        schema: {
          params: repoParams,
          response: { 200: repository },
          description:
            "One tracked repository with state, counts, coverage and last verification (404 when not tracked).",
        },
      },
      async (request) => {
        const fullName = `${request.params.owner}/${request.params.repo}`;
        const [found] = await trackedOverview(db, { only: fullName, limit: 1 });
        if (!found)
          throw new GhsyncError("not_tracked", `${fullName} is not tracked: ghsync track ${fullName}`, {
            status: 404,
          });
        return found;
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
          response: { 200: purgeAnswer, 204: noContent },
          description:
            "Untrack a repository: its pending syncs are cancelled; its mirrored rows are kept (204), or deleted with ?purge=true (200 with the counts deleted).",
        },
      },
      async (request, reply) => {
        const { fullName, purged } = await untrackRepository(
          db,
          `${request.params.owner}/${request.params.repo}`,
          { purge: request.query.purge === "true" },
        );
        if (!purged) return reply.status(204).send(null);
        return reply.status(200).send({ full_name: fullName, purged });
      },
    );
  };
}
