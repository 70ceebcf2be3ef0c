/**
 * API tokens: `POST /api/tokens` creates one (its value is in this answer only), `GET` lists them
 * without values, `DELETE /api/tokens/:id` revokes one (app/api-tokens.ts, as `ghsync token`).
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { createToken, listTokens, revokeToken } from "../../app/api-tokens.js";
import { idParams, noContent } from "../../contract/common.js";
import { page } from "../../contract/page.js";
import { apiToken, createdToken, newToken } from "../../contract/tokens.js";
import type { ApiContext } from "../server.js";

export function tokenRoutes({ database }: ApiContext): FastifyPluginAsyncZod {
  const db = database.db;
  return async (app) => {
    app.post(
      "/api/tokens",
      {
        schema: {
          body: newToken,
          response: { 201: createdToken },
          description: "Create an API token; the answer holds its value, shown this once.",
        },
      },
      async (request, reply) => reply.status(201).send(await createToken(db, request.body.name)),
    );

    app.get(
      "/api/tokens",
      {
        schema: {
          response: { 200: page(apiToken) },
          description: "The stored API tokens, without their values.",
        },
      },
      async () => ({ items: await listTokens(db), next_cursor: null }),
    );

    app.delete(
      "/api/tokens/:id",
      {
        schema: {
          params: idParams,
          response: { 204: noContent },
          description: "Revoke an API token (its dashboard sessions end).",
        },
      },
      async (request, reply) => {
        await revokeToken(db, request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
