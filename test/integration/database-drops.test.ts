/**
 * PostgreSQL dropping ghsync's connections (FAULTS.md #15, #24): a backend terminated while its
 * client is checked out for a transaction does not stop the process, the pool recovers, and the
 * API answers 503 `database_unavailable` (not 500) while the database is out of reach.
 */
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/database.js";
import { queryRows } from "../../src/store/raw-query.js";
import { adminUrl } from "../helpers/postgres-url.js";
import { freshPostgres } from "../helpers/databases.js";
import { eventually, startTestServer } from "../helpers/server-harness.js";
import { watchLostConnections } from "../helpers/lost-connections.js";
import { postgresBehindProxy } from "../helpers/tcp-proxy.js";

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

describe("database connections dropped", () => {
  it("survives a backend terminated between the statements of a transaction", async () => {
    const fresh = await freshPostgres();
    cleanups.push(fresh.drop);
    const connections = watchLostConnections();
    const database = await openDatabase(
      { kind: "postgres", url: fresh.url, poolSize: 2 },
      { migrate: false, log: connections.log },
    );
    cleanups.push(() => database.close());
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    cleanups.push(() => admin.end());

    const transaction = database.db.transaction(async (tx) => {
      const [row] = await queryRows<{ pid: number }>(tx, sql`select pg_backend_pid() as pid`);
      // Idle in the transaction while the server ends the session: the client emits "error".
      await admin.query("select pg_terminate_backend($1)", [row?.pid]);
      await connections.lost;
      await tx.execute(sql`select 1`);
    });
    await expect(transaction).rejects.toThrow();
    // The process is still here, and the pool hands out a fresh connection.
    const { rows } = await database.executeSql("select 1 as one");
    expect(rows[0]?.one).toBe(1);
  });

  it("answers 503 database_unavailable while PostgreSQL is out of reach, and 200 after", async () => {
    const { proxy, url } = await postgresBehindProxy(cleanups);
    const database = await openDatabase({ kind: "postgres", url, poolSize: 4 }, { migrate: false });
    const server = await startTestServer({}, database);
    cleanups.push(async () => {
      await server.close();
      await database.close();
    });
    expect((await server.api("/api/repos")).status).toBe(200);
    await proxy.cut();
    const down = await server.api("/api/repos");
    expect(down.status).toBe(503);
    expect(down.headers.get("retry-after")).toBe("5");
    expect(await down.json()).toEqual({
      error: { code: "database_unavailable", message: "the database is unavailable; try again shortly" },
    });
    await proxy.restore();
    await eventually(async () => ((await server.api("/api/repos")).status === 200 ? true : undefined));
  });
});
