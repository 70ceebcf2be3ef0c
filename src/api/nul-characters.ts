/**
 * PostgreSQL's text and jsonb cannot hold U+0000: a NUL in a parameter, query or JSON body would
 * reach the database as an error, a 500. It is refused at the edge instead, with a 400 that says
 * where (issue 20: `/api/users/%00`, `?org=%00`, `?event=%00`…).
 */
import type { FastifyRequest } from "fastify";
import { GhsyncError } from "../util/errors.js";

/** The dotted path of the first string holding a NUL, or null. */
export function nulPath(value: unknown, path: string): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (value === null || typeof value !== "object" || Buffer.isBuffer(value)) return null;
  for (const [key, inner] of Object.entries(value)) {
    const found = nulPath(key, `${path}.${key}`) ?? nulPath(inner, `${path}.${key}`);
    if (found) return found;
  }
  return null;
}

export async function refuseNulCharacters(request: FastifyRequest): Promise<void> {
  const found =
    nulPath(request.params, "params") ?? nulPath(request.query, "query") ?? nulPath(request.body, "body");
  if (found) {
    throw new GhsyncError("invalid_request", `${found}: the NUL character (U+0000) is not accepted`, {
      status: 400,
    });
  }
}
