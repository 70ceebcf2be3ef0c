/**
 * A held lock's connection breaking (PostgreSQL restarted, a network cut) must not crash the
 * process: a checked-out pg client has no pool error listener, so its "Connection terminated
 * unexpectedly" was an uncaught exception (seen in CI while the health test cut its proxy).
 */
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/database.js";
import { watchLostConnections } from "../helpers/lost-connections.js";
import { postgresBehindProxy } from "../helpers/tcp-proxy.js";

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

describe("locks on PostgreSQL", () => {
  it("survive their connection being cut: the lock is lost, the process is not", async () => {
    const { proxy, url } = await postgresBehindProxy(cleanups);
    const connections = watchLostConnections();
    const database = await openDatabase(
      { kind: "postgres", url, poolSize: 4 },
      { migrate: false, log: connections.log },
    );
    cleanups.push(() => database.close());

    const uncaught: unknown[] = [];
    const record = (error: unknown) => uncaught.push(error);
    process.on("uncaughtException", record);
    cleanups.push(async () => void process.off("uncaughtException", record));

    const lock = await database.tryLock("repository:1");
    expect(lock).toBeDefined();
    await proxy.cut();
    // The lock's client (the pool's only connection) has seen its connection end.
    await connections.lost;
    await lock?.release();
    await proxy.restore();
    expect(uncaught).toEqual([]);
    // The server released the lock with the session: it can be taken again.
    const again = await database.tryLock("repository:1");
    expect(again).toBeDefined();
    await again?.release();
  });
});
