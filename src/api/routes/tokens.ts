/**
 * API tokens: `POST /api/tokens` creates one (its value is in this answer only), `GET` lists them
 * without values, `DELETE /api/tokens/:id` revokes one (app/api-tokens.ts, as `ghsync token`).
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { createToken, listTokens, newToken, revokeToken } from "../../app/api-tokens.js";
import type { ApiContext } from "../server.js";

const idParams = z.object({ id: z.coerce.number().int().positive() });

export function tokenRoutes({ database }: ApiContext): FastifyPluginAsyncZod {
  const db = database.db;
  return async (app) => {
    app.post(
      "/api/tokens",
      {
        schema: {
          body: newToken,
          description: "Create an API token; the answer holds its value, shown this once.",
        },
      },
      async (request, reply) => reply.status(201).send(await createToken(db, request.body.name)),
    );

    app.get(
      "/api/tokens",
      { schema: { description: "The stored API tokens, without their values." } },
      async () => ({
        items: await listTokens(db),
        next_cursor: null,
      }),
    );

    app.delete(
      "/api/tokens/:id",
      { schema: { params: idParams, description: "Revoke an API token (its dashboard sessions end)." } },
      async (request, reply) => {
        await revokeToken(db, request.params.id);
        return reply.status(204).send();
      },
    );
  };
}
