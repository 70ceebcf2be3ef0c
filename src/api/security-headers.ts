/**
 * Headers on every answer of the API and the webhook receiver (issue 20, finding 6): a JSON answer
 * is data, never a page — no MIME sniffing, no framing, no script or style of its own, not kept in
 * a shared cache. The dashboard's pages set their own policy (dashboard.ts) and the OpenAPI
 * explorer at /api/docs, a page with scripts, keeps Fastify's defaults.
 */
import type { FastifyReply, FastifyRequest } from "fastify";

const API_PATH = /^\/(api|webhooks)\/|^\/metrics$/;

export async function apiSecurityHeaders(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const path = request.url.split("?")[0] ?? "";
  if (!API_PATH.test(path) || path.startsWith("/api/docs")) return;
  reply.header("x-content-type-options", "nosniff");
  reply.header("content-security-policy", "default-src 'none'; frame-ancestors 'none'");
  reply.header("referrer-policy", "no-referrer");
  if (!reply.hasHeader("cache-control")) reply.header("cache-control", "no-store");
}
