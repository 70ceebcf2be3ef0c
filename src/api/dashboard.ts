/**
 * The dashboard's pages: the single-page app Vite builds into dist/web (`npm run build`, run by
 * `npm ci`), served with @fastify/static. Every path that is not an API path gets index.html, so
 * a reload or a shared link of /sync works; /api/* and /webhooks/* keep their JSON 404s. The
 * pages are open (the login form is one of them): the data behind them is what needs a session.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";

/** dist/web from both src/api (tests, tsx) and dist/api (the built CLI). */
export const WEB_ROOT = fileURLToPath(new URL("../../dist/web/", import.meta.url));

// No inline script or style, no other origin: an API value that slipped through as markup could
// not run anyway.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data: https://avatars.githubusercontent.com",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join("; ");

function pageHeaders(reply: FastifyReply, cache: "immutable" | "revalidate"): void {
  reply.header("content-security-policy", CONTENT_SECURITY_POLICY);
  reply.header("x-content-type-options", "nosniff");
  reply.header("referrer-policy", "same-origin");
  reply.header("cache-control", cache === "immutable" ? "public, max-age=31536000, immutable" : "no-cache");
}

const isApiPath = (url: string) =>
  url.startsWith("/api/") || url.startsWith("/webhooks/") || url === "/metrics";

export function dashboardRoutes(root = WEB_ROOT): FastifyPluginAsync {
  return async (app) => {
    app.addHook("onRoute", (route) => {
      route.config = { ...route.config, open: true };
    });
    const built = existsSync(path.join(root, "index.html"));
    if (built) {
      await app.register(fastifyStatic, {
        root,
        wildcard: false,
        index: false,
        cacheControl: false,
        schemaHide: true,
        // Vite names every asset by its content hash: a name never changes meaning.
        setHeaders: (reply, file) =>
          pageHeaders(reply, file.includes(`${path.sep}assets${path.sep}`) ? "immutable" : "revalidate"),
      });
    }
    const page = async (request: FastifyRequest, reply: FastifyReply) => {
      if (isApiPath(request.url)) return reply.callNotFound();
      if (!built) {
        return reply.status(503).send({
          error: { code: "dashboard_not_built", message: "the dashboard is not built: run `npm run build`" },
        });
      }
      return reply.sendFile("index.html");
    };
    app.get("/", { schema: { hide: true } }, page);
    app.get("/*", { schema: { hide: true } }, page);
  };
}
