/**
 * API authentication (DESIGN.md, Contract): `Authorization: Bearer <token>` with GHSYNC_API_TOKEN
 * or a token from `ghsync token create`. Checked in `onRequest`, before the body is read or
 * validated, so a request without credentials gets 401 whatever it sends. Routes marked `open`
 * skip it; routes marked `cron` also take GHSYNC_CRON_SECRET (header `X-Cron-Secret` or Bearer).
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { findApiToken } from "../store/api-tokens.js";
import type { Db } from "../store/database.js";
import { GhsyncError } from "../util/errors.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** No authentication (health, docs, public profile, webhooks). */
    open?: boolean;
    /** Also accepts the cron secret. */
    cron?: boolean;
  }
}

function sameSecret(given: string, expected: string): boolean {
  // Compare digests: equal length whatever was sent, so the comparison time says nothing.
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

export function authenticate(
  db: Db,
  secrets: { apiToken: string | undefined; cronSecret: string | undefined },
) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const config = request.routeOptions.config;
    if (config.open) return;
    const bearer = bearerOf(request);
    if (config.cron && secrets.cronSecret) {
      const cronHeader = request.headers["x-cron-secret"];
      const given = typeof cronHeader === "string" ? cronHeader : bearer;
      if (given !== undefined && sameSecret(given, secrets.cronSecret)) return;
    }
    if (bearer !== undefined) {
      if (secrets.apiToken && sameSecret(bearer, secrets.apiToken)) return;
      if (await findApiToken(db, bearer)) return;
    }
    throw new GhsyncError(
      "unauthorized",
      bearer === undefined
        ? "authentication required: send Authorization: Bearer <token> (GHSYNC_API_TOKEN, or a token from `ghsync token create`)"
        : "the API token is not valid",
      { status: 401 },
    );
  };
}
