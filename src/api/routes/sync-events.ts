/**
 * `GET /api/sync/events`: Server-Sent Events of every job in every process (`sync:start`,
 * `sync:progress`, `sync:complete`, `sync:error`, and `goals:evaluated` after goals were
 * recounted), from the database's NOTIFY channel.
 * A comment line every 15 s keeps proxies from closing an idle stream.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { streamEvent } from "../../contract/events.js";
import type { ApiContext } from "../server.js";

export function syncEventsRoute({ runner }: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/sync/events",
      {
        schema: {
          response: {
            200: streamEvent.describe(
              "text/event-stream: each message's `event:` is the type, its `data:` this object",
            ),
          },
          description: "Live job events (text/event-stream).",
        },
      },
      async (request, reply) => {
        const unsubscribe = await runner.events.subscribe((event) => {
          reply.raw.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
        });
        reply.hijack();
        reply.raw.writeHead(200, {
          "content-type": "text/event-stream; charset=utf-8",
          "cache-control": "no-cache, no-transform",
          connection: "keep-alive",
          "x-accel-buffering": "no",
        });
        reply.raw.write(": connected\n\n");
        const keepAlive = setInterval(() => reply.raw.write(": keep-alive\n\n"), 15_000);
        request.raw.on("close", () => {
          clearInterval(keepAlive);
          unsubscribe();
        });
      },
    );
  };
}
