/**
 * Errors as the log shows them: pino's standard form, without the values bound to a failed query.
 * drizzle's query errors carry them in `params` and in their message and stack ("params: …"):
 * a webhook's whole payload, a sealed secret, a token hash — too large and too sensitive for a log
 * line. The SQL text and the cause (PostgreSQL's code and message) stay.
 */
import { pino } from "pino";

const PARAMS = /\nparams: [\s\S]*?(?=\n\s+at |$)/;

type Serialized = Record<string, unknown> & { message?: string; stack?: string };

function serialize(error: Error, depth: number): Serialized {
  const { params: _params, ...rest } = pino.stdSerializers.err(error) as unknown as Serialized;
  const out: Serialized = { ...rest };
  if (typeof out.message === "string") out.message = out.message.replace(PARAMS, "");
  if (typeof out.stack === "string") out.stack = out.stack.replace(PARAMS, "");
  // The cause as an object of its own, so its code (PostgreSQL's, the network's) is a field.
  if (error.cause instanceof Error && depth < 5) out.cause = serialize(error.cause, depth + 1);
  return out;
}

export function serializeError(error: unknown): unknown {
  return error instanceof Error ? serialize(error, 0) : error;
}
