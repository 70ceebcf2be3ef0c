/** Time helpers. Internally the emulator keeps timestamps as whole epoch seconds, like GitHub's JSON. */

/** Returns the current time in epoch milliseconds; injectable so tests can drive time. */
export type Clock = () => number;

export const MINUTE = 60;
export const HOUR = 3600;
export const DAY = 86400;

/** GitHub's timestamp format: ISO 8601 in UTC without fractional seconds. */
export function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Parses an ISO 8601 `since`/`until` value to epoch seconds, or null when it is not one. */
export function parseTimestamp(value: string): number | null {
  if (!ISO_8601.test(value)) return null;
  const ms = Date.parse(value.replace(" ", "T"));
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
}
