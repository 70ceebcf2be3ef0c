/** GitHub timestamps are ISO strings; webhook payloads sometimes send epoch seconds (push). */
export function toDate(value: string | number | null | undefined): Date | null {
  if (value === null || value === undefined || value === "") return null;
  const date = typeof value === "number" ? new Date(value * 1_000) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function requireDate(value: string | number | null | undefined, what: string): Date {
  const date = toDate(value);
  if (!date) throw new Error(`GitHub sent no valid ${what}: ${String(value)}`);
  return date;
}

/** PostgreSQL text cannot hold NUL; GitHub bodies occasionally contain it. */
export function cleanText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return value.includes("\u0000") ? value.replaceAll("\u0000", "") : value;
}
