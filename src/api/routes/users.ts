/**
 * People: `/api/users` (create, list, read, change, remove) and their linked GitHub accounts
 * (`/api/users/:login/accounts`). A link to an account not mirrored yet is kept by login and
 * resolved when the account appears.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { loginParams, noContent } from "../../contract/common.js";
import { namePageQuery, page, pageOf } from "../../contract/page.js";
import { githubLogin, linkedAccount, newPerson, person, personFields } from "../../contract/people.js";
import {
  createUser,
  deleteUser,
  linkAccount,
  listAccounts,
  listUsers,
  requireUser,
  unlinkAccount,
  updateUser,
  userView,
} from "../../store/users.js";
import type { ApiContext } from "../server.js";

export function userRoutes({ database }: ApiContext): FastifyPluginAsyncZod {
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
        return reply.status(201).send(await userView(db, await createUser(db, login, fields)));
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
      async (request) => {
        const limit = request.query.limit ?? 100;
        const rows = await listUsers(db, { after: request.query.cursor, limit: limit + 1 });
        const { items, next_cursor } = pageOf(
          rows,
          limit,
          (row) => userView(db, row),
          (row) => row.login,
        );
        return { items: await Promise.all(items), next_cursor };
      },
    );

    app.get(
      "/api/users/:login",
      { schema: { params: loginParams, response: { 200: person }, description: "One person." } },
      async (request) => userView(db, await requireUser(db, request.params.login)),
    );

    app.patch(
      "/api/users/:login",
      {
        schema: {
          params: loginParams,
          body: personFields,
          response: { 200: person },
          description: "Change a person's details.",
        },
      },
      async (request) => userView(db, await updateUser(db, request.params.login, request.body)),
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
        await deleteUser(db, request.params.login);
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
        const user = await requireUser(db, request.params.login);
        return { items: await listAccounts(db, user.id), next_cursor: null };
      },
    );

    app.post(
      "/api/users/:login/accounts",
      {
        schema: {
          params: loginParams,
          body: z.object({ login: githubLogin }),
          response: { 200: person, 201: person },
          description: "Link a GitHub account (409 when it is linked to someone else).",
        },
      },
      async (request, reply) => {
        const user = await requireUser(db, request.params.login);
        const created = await linkAccount(db, user, request.body.login);
        return reply.status(created ? 201 : 200).send(await userView(db, user));
      },
    );

    app.delete(
      "/api/users/:login/accounts/:github_login",
      {
        schema: {
          params: loginParams.extend({ github_login: githubLogin }),
          response: { 204: noContent },
          description: "Unlink a GitHub account.",
        },
      },
      async (request, reply) => {
        const user = await requireUser(db, request.params.login);
        await unlinkAccount(db, user, request.params.github_login);
        return reply.status(204).send(null);
      },
    );
  };
}
