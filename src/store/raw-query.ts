/** Raw SQL for the queries drizzle's builder cannot say well; both drivers return `{ rows }`. */
import type { SQL } from "drizzle-orm";
import type { Db } from "./database.js";

export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
