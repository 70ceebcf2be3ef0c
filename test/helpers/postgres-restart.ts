/**
 * `pg_ctl restart -m immediate` on a PostgreSQL server of the caller's own (the embedded binaries,
 * held by a `joinEmbeddedServer`): SIGQUIT to the postmaster — every backend ends at once, no
 * checkpoint — then wait until the holder has started a new one on the same socket.
 */
import { isAlive, readPostmaster } from "../../src/store/embedded/postmaster.js";
import { eventually } from "./settled.js";

export async function restartImmediately(clusterDir: string): Promise<void> {
  const before = readPostmaster(clusterDir);
  if (!before || !isAlive(before.pid)) throw new Error("no PostgreSQL server to restart");
  process.kill(before.pid, "SIGQUIT");
  await eventually(async () => (isAlive(before.pid) ? undefined : true), 30_000, "the postmaster to exit");
  await eventually(
    async () => {
      const after = readPostmaster(clusterDir);
      return after && after.pid !== before.pid && isAlive(after.pid) ? true : undefined;
    },
    60_000,
    "PostgreSQL to be started again",
  );
}
