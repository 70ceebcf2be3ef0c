/** Column builders every schema file uses, so a type is spelled one way across the tables. */
import { bigint, customType, timestamp } from "drizzle-orm/pg-core";

// GitHub ids fit in 2^53: read as numbers, not as the strings node-postgres gives for bigint.
export const id = (name: string) => bigint(name, { mode: "number" });
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });
