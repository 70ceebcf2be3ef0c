/**
 * Goals: `/api/goals` (create, list with progress, read, change, remove) and a goal's finished
 * periods (`/api/goals/:id/history`). Progress is counted from the mirror on every read.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  addGoal,
  goalHistory,
  goalPatch,
  listGoalViews,
  newGoal,
  removeGoal,
  setGoal,
  showGoal,
} from "../../app/goals.js";
import type { ApiContext } from "../server.js";

const idParams = z.object({ id: z.coerce.number().int().positive() });
const listQuery = z.object({
  user: z.string().optional().describe("only this person's goals"),
  cursor: z.string().regex(/^\d+$/).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export function goalRoutes({ database, settings }: ApiContext): FastifyPluginAsyncZod {
  const env = { db: database.db, botLogins: settings.botLogins, now: () => new Date() };
  return async (app) => {
    app.post(
      "/api/goals",
      { schema: { body: newGoal, description: "Set a goal for a person." } },
      async (request, reply) => reply.status(201).send(await addGoal(env, request.body)),
    );

    app.get(
      "/api/goals",
      { schema: { querystring: listQuery, description: "Goals with their progress, by id." } },
      async (request) =>
        listGoalViews(env, {
          user: request.query.user,
          after: request.query.cursor === undefined ? undefined : Number(request.query.cursor),
          limit: request.query.limit ?? 100,
        }),
    );

    app.get("/api/goals/:id", { schema: { params: idParams, description: "One goal." } }, async (request) =>
      showGoal(env, request.params.id),
    );

    app.patch(
      "/api/goals/:id",
      {
        schema: {
          params: idParams,
          body: goalPatch,
          description: "Change a goal (manual goals: also current).",
        },
      },
      async (request) => setGoal(env, request.params.id, request.body),
    );

    app.delete(
      "/api/goals/:id",
      { schema: { params: idParams, description: "Remove a goal and its history." } },
      async (request, reply) => {
        await removeGoal(env, request.params.id);
        return reply.status(204).send();
      },
    );

    app.get(
      "/api/goals/:id/history",
      { schema: { params: idParams, description: "A goal's finished periods, newest first." } },
      async (request) => ({ items: await goalHistory(env, request.params.id), next_cursor: null }),
    );
  };
}
