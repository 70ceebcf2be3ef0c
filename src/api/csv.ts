/**
 * CSV for the list exports (RFC 4180): a header row of the item's keys, CRLF line ends, a field
 * quoted when it holds a comma, a quote or a line break (quotes doubled). Cells are data from
 * GitHub (titles, messages, comments) that anyone can write, and a spreadsheet runs a cell that
 * starts with = + - @ (or a tab or carriage return) as a formula: such a cell gets a leading
 * apostrophe (OWASP, "CSV Injection"), which the spreadsheet shows as text.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = Array.isArray(value) ? value.join(";") : String(value);
  const guarded = typeof value === "string" && FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/** The rows as CSV under the header `columns` (numbers and booleans as JavaScript writes them). */
export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const lines = [columns.map(cell).join(",")];
  for (const row of rows) lines.push(columns.map((column) => cell(row[column])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
