/**
 * People: `/api/users` (create, list, read, change, remove) and their linked GitHub accounts
 * (`/api/users/:login/accounts`). A link to an account not mirrored yet is kept by login and
 * resolved when the account appears.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
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
import { pageQuery } from "./schemas.js";

const userFields = z.object({
  name: z.string().max(200).nullable().optional(),
  email: z.email().nullable().optional(),
  timezone: z.string().min(1).optional().describe("IANA name, default UTC"),
  public: z.boolean().optional().describe("show the public profile at /api/public/:login"),
  commit_emails: z
    .array(z.email())
    .max(50)
    .optional()
    .describe("commit author emails that are this person's"),
  notify_sync: z.boolean().optional().describe("be told (email, chat, webhooks) when a backfill finishes"),
});
const loginParams = z.object({ login: z.string().min(1).max(64) });
const githubLogin = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]*(\[bot\])?$/, "must be a GitHub login");

export function userRoutes({ database }: ApiContext): FastifyPluginAsyncZod {
  const db = database.db;
  return async (app) => {
    app.post(
      "/api/users",
      {
        schema: {
          body: userFields.extend({ login: z.string().min(1).max(64) }),
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
      { schema: { querystring: pageQuery, description: "People, by login." } },
      async (request) => {
        const limit = request.query.limit ?? 100;
        const rows = await listUsers(db, { after: request.query.cursor, limit });
        const items = await Promise.all(rows.map((row) => userView(db, row)));
        const last = rows.at(-1);
        return { items, next_cursor: rows.length >= limit && last ? last.login : null };
      },
    );

    app.get(
      "/api/users/:login",
      { schema: { params: loginParams, description: "One person." } },
      async (request) => userView(db, await requireUser(db, request.params.login)),
    );

    app.patch(
      "/api/users/:login",
      { schema: { params: loginParams, body: userFields, description: "Change a person's details." } },
      async (request) => userView(db, await updateUser(db, request.params.login, request.body)),
    );

    app.delete(
      "/api/users/:login",
      {
        schema: {
          params: loginParams,
          description: "Remove a person with their links, goals and notifications.",
        },
      },
      async (request, reply) => {
        await deleteUser(db, request.params.login);
        return reply.status(204).send();
      },
    );

    app.get(
      "/api/users/:login/accounts",
      { schema: { params: loginParams, description: "The GitHub accounts linked to a person." } },
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
          description: "Unlink a GitHub account.",
        },
      },
      async (request, reply) => {
        const user = await requireUser(db, request.params.login);
        await unlinkAccount(db, user, request.params.github_login);
        return reply.status(204).send();
      },
    );
  };
}
