/**
 * People: `/api/users` (create, list, read, change, remove) and their linked GitHub accounts
 * (`/api/users/:login/accounts`). A link to an account not mirrored yet is kept by login and
 * resolved when the account appears.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { loginParams, noContent } from "../../contract/common.js";
import { namePageQuery, page } from "../../contract/page.js";
import {
  githubLogin,
  linkedAccount,
  linkedPerson,
  newPerson,
  person,
  personFields,
} from "../../contract/people.js";
import {
  addUser,
  changeUser,
  linkGitHubAccount,
  listGitHubAccounts,
  listPeople,
  removeUser,
  showUser,
  unlinkGitHubAccount,
} from "../../app/people.js";
import { GhsyncError } from "../../util/errors.js";
import { requireSelfOrAdmin } from "../auth.js";
import type { ApiContext } from "../server.js";

/** A person's fields only an admin changes (members: the rest of their own). */
const ADMIN_FIELDS = ["commit_emails", "streak_freezes"] as const;

export function userRoutes({ database, settings }: ApiContext): FastifyPluginAsyncZod {
  const db = database.db;
  return async (app) => {
    app.post(
      "/api/users",
      {
        schema: {
          body: newPerson,
          response: { 201: person },
          description: "Add a person.",
        },
      },
      async (request, reply) => {
        const { login, ...fields } = request.body;
        return reply.status(201).send(await addUser(db, login, fields));
      },
    );

    app.get(
      "/api/users",
      {
        schema: {
          querystring: namePageQuery(),
          response: { 200: page(person) },
          description: "People, by login.",
        },
      },
      async (request) => listPeople(db, { after: request.query.cursor, limit: request.query.limit ?? 100 }),
    );

    app.get(
      "/api/users/:login",
      { schema: { params: loginParams, response: { 200: person }, description: "One person." } },
      async (request) => showUser(db, request.params.login),
    );

    app.patch(
      "/api/users/:login",
      {
        // A member changes their own details, but not what decides whose activity counts (commit
        // emails) or how far their streak is protected (freezes): an admin's.
        config: { member: true },
        schema: {
          params: loginParams,
          body: personFields,
          response: { 200: person },
          description:
            "Change a person's details (a member: their own name, email, timezone, public profile, leaderboard and notify_sync).",
        },
      },
      async (request) => {
        const { principal } = request;
        requireSelfOrAdmin(principal, request.params.login);
        const adminOnly = ADMIN_FIELDS.filter((field) => request.body[field] !== undefined);
        if (principal.role !== "admin" && adminOnly.length > 0)
          throw new GhsyncError("forbidden", `only an admin may change ${adminOnly.join(" and ")}`, {
            status: 403,
          });
        return changeUser(db, request.params.login, request.body);
      },
    );

    app.delete(
      "/api/users/:login",
      {
        schema: {
          params: loginParams,
          response: { 204: noContent },
          description: "Remove a person with their links, goals and notifications.",
        },
      },
      async (request, reply) => {
        await removeUser(db, request.params.login);
        return reply.status(204).send(null);
      },
    );

    app.get(
      "/api/users/:login/accounts",
      {
        schema: {
          params: loginParams,
          response: { 200: page(linkedAccount) },
          description: "The GitHub accounts linked to a person.",
        },
      },
      async (request) => {
        return { items: await listGitHubAccounts(db, request.params.login), next_cursor: null };
      },
    );

    app.post(
      "/api/users/:login/accounts",
      {
        schema: {
          params: loginParams,
          body: z.object({ login: githubLogin }),
          response: { 200: linkedPerson, 201: linkedPerson },
          description:
            "Link a GitHub account (409 when it is linked to someone else); `warning` says when it is a bot account, whose activity is never counted.",
        },
      },
      async (request, reply) => {
        const { user, created, warning } = await linkGitHubAccount(
          db,
          request.params.login,
          request.body.login,
          settings.botLogins,
        );
        return reply.status(created ? 201 : 200).send({ ...user, warning });
      },
    );

    app.delete(
      "/api/users/:login/accounts/:github_login",
      {
        // A member unlinks their own accounts (linking one is GitHub's word: GET /api/auth/github?link=1).
        config: { member: true },
        schema: {
          params: loginParams.extend({ github_login: githubLogin }),
          response: { 204: noContent },
          description:
            "Unlink a GitHub account (a member: their own, but not the last one, which they sign in with).",
        },
      },
      async (request, reply) => {
        const { principal } = request;
        requireSelfOrAdmin(principal, request.params.login);
        await unlinkGitHubAccount(db, request.params.login, request.params.github_login, {
          keepOne: principal.role !== "admin",
        });
        return reply.status(204).send(null);
      },
    );
  };
}
