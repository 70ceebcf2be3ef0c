/**
 * Goals: `/api/goals` (create, list with progress, read, change, remove) and a goal's finished
 * periods (`/api/goals/:id/history`). Progress is counted from the mirror on every read.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { idParams, noContent } from "../../contract/common.js";
import { goal, goalPatch, goalPeriod, goalsQuery, newGoal } from "../../contract/goals.js";
import { page } from "../../contract/page.js";
import { addGoal, goalHistory, listGoalViews, removeGoal, setGoal, showGoal } from "../../app/goals.js";
import { requireSelfOrAdmin } from "../auth.js";
import type { ApiContext } from "../server.js";

export function goalRoutes({ database, settings }: ApiContext): FastifyPluginAsyncZod {
  const env = { db: database.db, botLogins: settings.botLogins, now: () => new Date() };
  return async (app) => {
    app.post(
      "/api/goals",
      {
        schema: { body: newGoal, response: { 201: goal }, description: "Set a goal for a person." },
      },
      async (request, reply) => reply.status(201).send(await addGoal(env, request.body)),
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
        // A member's list is their own goals.
        const { principal } = request;
        const user =
          principal.role === "admin" ? request.query.user : (request.query.user ?? principal.login ?? "");
        requireSelfOrAdmin(principal, user ?? "");
        return listGoalViews(env, {
          user,
          after: request.query.cursor,
          limit: request.query.limit ?? 100,
        });
      },
    );

    app.get(
      "/api/goals/:id",
      { schema: { params: idParams, response: { 200: goal }, description: "One goal." } },
      async (request) => {
        const view = await showGoal(env, request.params.id);
        requireSelfOrAdmin(request.principal, view.user);
        return view;
      },
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
      async (request) => setGoal(env, request.params.id, request.body),
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
        await removeGoal(env, request.params.id);
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
        if (request.principal.role !== "admin")
          requireSelfOrAdmin(request.principal, (await showGoal(env, request.params.id)).user);
        return { items: await goalHistory(env, request.params.id), next_cursor: null };
      },
    );
  };
}
