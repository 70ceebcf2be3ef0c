/**
 * Input checked by the same zod schema whichever side it came from: the API declares the schema on
 * its route (so /api/docs shows it), the CLI's flags are checked here with it, so a value one side
 * refuses the other refuses too, with a message naming the field.
 */
import type { z } from "zod";
import { GhsyncError } from "../util/errors.js";

export function checked<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  // The API's wording for a body it refuses (api/server.ts), so both sides say the same.
  const detail = parsed.error.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`);
  throw new GhsyncError("invalid_request", detail.join("; "), { status: 400 });
}
