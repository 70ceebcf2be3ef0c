/**
 * Goals: `/api/goals` (create, list with progress, read, change, remove) and a goal's finished
 * periods (`/api/goals/:id/history`). Progress is counted from the mirror on every read. Members
 * set, change and remove their own goals (not on a private repository hidden from them: 404);
 * admins anyone's.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { idParams, noContent } from "../../contract/common.js";
import { goal, goalPatch, goalPeriod, goalsQuery, newGoal } from "../../contract/goals.js";
import { page } from "../../contract/page.js";
import { addGoal, goalHistory, listGoalViews, removeGoal, setGoal, showGoal } from "../../app/goals.js";
import type { RepoVisibility } from "../../app/repo-visibility.js";
import { GhsyncError } from "../../util/errors.js";
import { requireSelfOrAdmin, type Principal } from "../auth.js";
import type { ApiContext } from "../server.js";

export function goalRoutes(
  { database, settings }: ApiContext,
  visibility: RepoVisibility,
): FastifyPluginAsyncZod {
  const env = { db: database.db, botLogins: settings.botLogins, now: () => new Date() };
  /** 403 unless the goal is the caller's (or the caller an admin). */
  const requireOwnGoal = async (principal: Principal, id: number) =>
    requireSelfOrAdmin(principal, (await showGoal(env, id)).user);
  return async (app) => {
    app.post(
      "/api/goals",
      {
        config: { member: true },
        schema: {
          body: newGoal,
          response: { 201: goal },
          description: "Set a goal for a person (a member: for themselves).",
        },
      },
      async (request, reply) => {
        const { principal } = request;
        requireSelfOrAdmin(principal, request.body.user);
        const repository = request.body.repository;
        if (repository && !(await visibility.canSee(principal, repository)))
          throw new GhsyncError("repository_not_found", `no repository ${repository} here`, { status: 404 });
        return reply.status(201).send(await addGoal(env, request.body));
      },
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
        config: { member: true },
        schema: {
          params: idParams,
          body: goalPatch,
          response: { 200: goal },
          description: "Change a goal (manual goals: also current); a member: their own.",
        },
      },
      async (request) => {
        await requireOwnGoal(request.principal, request.params.id);
        return setGoal(env, request.params.id, request.body);
      },
    );

    app.delete(
      "/api/goals/:id",
      {
        config: { member: true },
        schema: {
          params: idParams,
          response: { 204: noContent },
          description: "Remove a goal and its history; a member: their own.",
        },
      },
      async (request, reply) => {
        await requireOwnGoal(request.principal, request.params.id);
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
        if (request.principal.role !== "admin") await requireOwnGoal(request.principal, request.params.id);
        return { items: await goalHistory(env, request.params.id), next_cursor: null };
      },
    );
  };
}
