/**
 * `GET /api/sync/events`: Server-Sent Events of every job in every process (`sync:start`,
 * `sync:progress`, `sync:complete`, `sync:error`, and `goals:evaluated` after goals were
 * recounted), from the database's NOTIFY channel.
 * A comment line every 15 s keeps proxies from closing an idle stream. A member gets no event of
 * a private repository their GitHub token cannot read (what is hidden is asked again after a
 * minute, so access granted or lost shows without reconnecting).
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { FastifyRequest } from "fastify";
import type { RepoVisibility } from "../../app/repo-visibility.js";
import { streamEvent, type StreamEvent } from "../../contract/events.js";
import type { ApiContext } from "../server.js";

const HIDDEN_TTL_MS = 60_000;

/** Whether an event may go to the caller: those naming a repository hidden from them may not. */
function eventFilter(visibility: RepoVisibility, request: FastifyRequest) {
  if (request.principal.role === "admin") return async () => true;
  let hidden: { names: Set<string>; at: number } | undefined;
  return async (event: StreamEvent): Promise<boolean> => {
    if (!("repository" in event)) return true;
    if (!hidden || Date.now() - hidden.at > HIDDEN_TTL_MS) {
      const repos = await visibility.hiddenFrom(request.principal);
      hidden = { names: new Set(repos.map((repo) => repo.fullName.toLowerCase())), at: Date.now() };
    }
    return !hidden.names.has(event.repository.toLowerCase());
  };
}

export function syncEventsRoute({ runner }: ApiContext, visibility: RepoVisibility): FastifyPluginAsyncZod {
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
        const shown = eventFilter(visibility, request);
        // One event after the other, in the order published, whatever the filter waits for.
        let sending = Promise.resolve();
        const unsubscribe = await runner.events.subscribe((event) => {
          sending = sending
            .then(async () => {
              if (await shown(event))
                reply.raw.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
            })
            .catch((error: unknown) => request.log.warn({ err: error }, "sync event not sent"));
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
