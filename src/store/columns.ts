/** Column builders every schema file uses, so a type is spelled one way across the tables. */
import { sql } from "drizzle-orm";
import { bigint, check, customType, timestamp, type AnyPgColumn } from "drizzle-orm/pg-core";

// GitHub ids fit in 2^53: read as numbers, not as the strings node-postgres gives for bigint.
export const id = (name: string) => bigint(name, { mode: "number" });
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * The database's half of an enum column (`text(name, { enum })` is TypeScript's): a CHECK that
 * refuses any other value, whoever writes it. Named `<table>_<column>_check`, PostgreSQL's own
 * naming. The values are our constants, inlined as literals so the generated migration holds them.
 */
export function oneOf(table: string, column: AnyPgColumn, values: readonly string[]) {
  const literals = values.map((value) => `'${value.replaceAll("'", "''")}'`).join(", ");
  return check(`${table}_${column.name}_check`, sql`${column} in (${sql.raw(literals)})`);
}
