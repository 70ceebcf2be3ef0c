/**
 * How far back a first backfill goes: `30d` (default), `full`, a number of days (`90d`) or an ISO
 * date. Parsed once into the date to stop at (null: all history).
 */
import { GhsyncError } from "../util/errors.js";

export interface Depth {
  /** null: full history. */
  since: Date | null;
  /** As the user wrote it, normalized: "full", "30d", or an ISO date. */
  label: string;
}

export function parseDepth(value: string | undefined, now: Date = new Date()): Depth {
  const text = (value ?? "30d").trim();
  if (text === "full") return { since: null, label: "full" };
  const days = /^(\d+)d$/.exec(text);
  if (days) {
    const count = Number(days[1]);
    if (count < 1) throw invalid(text);
    return { since: new Date(now.getTime() - count * 86_400_000), label: `${count}d` };
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
    const date = new Date(text);
    if (!Number.isNaN(date.getTime()) && date <= now) return { since: date, label: date.toISOString() };
  }
  throw invalid(text);
}

function invalid(text: string): GhsyncError {
  return new GhsyncError(
    "invalid_argument",
    `depth "${text}" is not understood: use a number of days like 30d, full, or a past ISO date like 2026-01-31`,
    { status: 400 },
  );
}
