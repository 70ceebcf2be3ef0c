/**
 * Goals: `/api/goals` (create, list with progress, read, change, remove) and a goal's finished
 * periods (`/api/goals/:id/history`). Progress is counted from the mirror on every read.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { idParams, noContent } from "../../contract/common.js";
import { goal, goalPatch, goalPeriod, goalsQuery, newGoal } from "../../contract/goals.js";
import { page, pageOf } from "../../contract/page.js";
import { changeGoal, createGoal } from "../../metrics/goal-changes.js";
import { goalView, historyView } from "../../metrics/goal-view.js";
import { deleteGoal, historyOf, listGoals, requireGoal } from "../../store/goals.js";
import { requireUser } from "../../store/users.js";
import type { ApiContext } from "../server.js";

export function goalRoutes({ database, settings }: ApiContext): FastifyPluginAsyncZod {
  const env = { db: database.db, botLogins: settings.botLogins, now: () => new Date() };
  return async (app) => {
    app.post(
      "/api/goals",
      {
        schema: { body: newGoal, response: { 201: goal }, description: "Set a goal for a person." },
      },
      async (request, reply) =>
        reply.status(201).send(await goalView(env, await createGoal(env, request.body))),
    );

    app.get(
      "/api/goals",
      {
        schema: {
          querystring: goalsQuery,
          response: { 200: page(goal) },
          description: "Goals with their progress, by id.",
        },
      },
      async (request) => {
        const limit = request.query.limit ?? 100;
        const userId = request.query.user ? (await requireUser(env.db, request.query.user)).id : undefined;
        const records = await listGoals(env.db, { userId, after: request.query.cursor, limit: limit + 1 });
        const { items, next_cursor } = pageOf(
          records,
          limit,
          (record) => record,
          (record) => record.goal.id,
        );
        // One at a time: each view runs its own counting queries.
        const views = [];
        for (const record of items) views.push(await goalView(env, record));
        return { items: views, next_cursor };
      },
    );

    app.get(
      "/api/goals/:id",
      { schema: { params: idParams, response: { 200: goal }, description: "One goal." } },
      async (request) => goalView(env, await requireGoal(env.db, request.params.id)),
    );

    app.patch(
      "/api/goals/:id",
      {
        schema: {
          params: idParams,
          body: goalPatch,
          response: { 200: goal },
          description: "Change a goal (manual goals: also current).",
        },
      },
      async (request) => goalView(env, await changeGoal(env, request.params.id, request.body)),
    );

    app.delete(
      "/api/goals/:id",
      {
        schema: {
          params: idParams,
          response: { 204: noContent },
          description: "Remove a goal and its history.",
        },
      },
      async (request, reply) => {
        await deleteGoal(env.db, request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      "/api/goals/:id/history",
      {
        schema: {
          params: idParams,
          response: { 200: page(goalPeriod) },
          description: "A goal's finished periods, newest first.",
        },
      },
      async (request) => {
        const { goal } = await requireGoal(env.db, request.params.id);
        return { items: (await historyOf(env.db, goal.id)).map(historyView), next_cursor: null };
      },
    );
  };
}
