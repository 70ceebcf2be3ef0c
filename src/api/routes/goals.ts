/**
 * Goals: `/api/goals` (create, list with progress, read, change, remove) and a goal's finished
 * periods (`/api/goals/:id/history`). Progress is counted from the mirror on every read.
 */
import { GOAL_METRICS, GOAL_WINDOWS } from "../../contract/enums.js";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { changeGoal, createGoal } from "../../metrics/goal-changes.js";
import { goalView, historyView } from "../../metrics/goal-view.js";
import { deleteGoal, historyOf, listGoals, requireGoal } from "../../store/goals.js";
import { requireUser } from "../../store/users.js";
import type { ApiContext } from "../server.js";

const count = z.number().int().min(0);
const newGoal = z.object({
  user: z.string().min(1).describe("the person's login"),
  title: z.string().max(200).optional(),
  metric: z.enum(GOAL_METRICS),
  window: z.enum(GOAL_WINDOWS).describe("weekly (Monday start) or monthly in the user's timezone, or custom"),
  start: z.string().optional().describe("custom window: ISO date or date-time"),
  end: z.string().optional().describe("custom window: ISO date (included) or date-time (excluded)"),
  target: z.number().int().positive(),
  repository: z
    .string()
    .regex(/^[\w.-]+\/[\w.-]+$/, "must be OWNER/NAME")
    .nullable()
    .optional(),
  current: count.optional().describe("manual goals only"),
});
const goalPatch = z.object({
  title: z.string().min(1).max(200).optional(),
  target: z.number().int().positive().optional(),
  current: count.optional().describe("manual goals only"),
});
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
      async (request, reply) =>
        reply.status(201).send(await goalView(env, await createGoal(env, request.body))),
    );

    app.get(
      "/api/goals",
      { schema: { querystring: listQuery, description: "Goals with their progress, by id." } },
      async (request) => {
        const limit = request.query.limit ?? 100;
        const userId = request.query.user ? (await requireUser(env.db, request.query.user)).id : undefined;
        const after = request.query.cursor === undefined ? undefined : Number(request.query.cursor);
        const records = await listGoals(env.db, { userId, after, limit });
        const items = [];
        for (const record of records) items.push(await goalView(env, record));
        const last = records.at(-1);
        return { items, next_cursor: records.length >= limit && last ? String(last.goal.id) : null };
      },
    );

    app.get("/api/goals/:id", { schema: { params: idParams, description: "One goal." } }, async (request) =>
      goalView(env, await requireGoal(env.db, request.params.id)),
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
      async (request) => goalView(env, await changeGoal(env, request.params.id, request.body)),
    );

    app.delete(
      "/api/goals/:id",
      { schema: { params: idParams, description: "Remove a goal and its history." } },
      async (request, reply) => {
        await deleteGoal(env.db, request.params.id);
        return reply.status(204).send();
      },
    );

    app.get(
      "/api/goals/:id/history",
      { schema: { params: idParams, description: "A goal's finished periods, newest first." } },
      async (request) => {
        const { goal } = await requireGoal(env.db, request.params.id);
        return { items: (await historyOf(env.db, goal.id)).map(historyView), next_cursor: null };
      },
    );
  };
}
