/**
 * API tokens: `POST /api/tokens` creates one (its value is in this answer only), `GET` lists them
 * without values, `DELETE /api/tokens/:id` revokes one (app/api-tokens.ts, as `ghsync token`).
 * A signed-in person's token acts as them; members create, see and revoke only their own.
 */
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { createToken, listTokens, revokeToken } from "../../app/api-tokens.js";
import { idParams, noContent } from "../../contract/common.js";
import { page } from "../../contract/page.js";
import { apiToken, createdToken, newToken } from "../../contract/tokens.js";
import type { ApiContext } from "../server.js";

/** The person whose tokens a member is limited to; undefined for an admin (every token). */
function ownOnly(request: FastifyRequest): number | undefined {
  return request.principal.role === "admin" ? undefined : (request.principal.userId ?? -1);
}

export function tokenRoutes({ database }: ApiContext): FastifyPluginAsyncZod {
  const db = database.db;
  return async (app) => {
    app.post(
      "/api/tokens",
      {
        config: { member: true },
        schema: {
          body: newToken,
          response: { 201: createdToken },
          description: "Create an API token; the answer holds its value, shown this once.",
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createToken(db, request.body.name, request.principal.userId)),
    );

    app.get(
      "/api/tokens",
      {
        schema: {
          response: { 200: page(apiToken) },
          description: "The stored API tokens, without their values.",
        },
      },
      async (request) => ({ items: await listTokens(db, ownOnly(request)), next_cursor: null }),
    );

    app.delete(
      "/api/tokens/:id",
      {
        config: { member: true },
        schema: {
          params: idParams,
          response: { 204: noContent },
          description: "Revoke an API token (its dashboard sessions end).",
        },
      },
      async (request, reply) => {
        await revokeToken(db, request.params.id, ownOnly(request));
        return reply.status(204).send(null);
      },
    );
  };
}
