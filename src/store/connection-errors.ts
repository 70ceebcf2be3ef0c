/**
 * Whether an error means the database could not be reached or dropped the connection (as opposed
 * to a query that was wrong): those answer 503 `database_unavailable` and are worth retrying.
 * PostgreSQL's codes: class 08 (connection exception), 57P01–57P03 (shutdown, cannot connect
 * now), 53300 (too many connections). https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EHOSTUNREACH",
]);
const SERVER_CODES = new Set(["57P01", "57P02", "57P03", "53300"]);
const MESSAGES = [
  "Connection terminated",
  "connection timeout",
  "timeout exceeded when trying to connect",
  "Client has encountered a connection error",
  "Connection ended unexpectedly",
];

export function isConnectionError(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (
      typeof code === "string" &&
      (NETWORK_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith("08"))
    )
      return true;
    if (typeof message === "string" && MESSAGES.some((text) => message.includes(text))) return true;
    // A server reached through a Unix socket (the embedded one) that is down has no socket file.
    if (code === "ENOENT" && typeof message === "string" && message.includes(".s.PGSQL.")) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
