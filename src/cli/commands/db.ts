/**
 * `ghsync db status|stop`: the embedded PostgreSQL server of GHSYNC_DATA_DIR. It starts with the
 * first ghsync command on the directory and stops when the last one exits normally; `stop` is for
 * a server left running by a killed process (it refuses while ghsync processes use it).
 */
import { loadSettings } from "../../config/settings.js";
import { embeddedStatus, stopEmbedded, type EmbeddedStatus } from "../../store/embedded/status.js";
import { GhsyncError } from "../../util/errors.js";
import { printResult } from "../output.js";

function embeddedDataDir(): string {
  const settings = loadSettings();
  if (settings.databaseUrl)
    throw new GhsyncError(
      "not_embedded",
      "DATABASE_URL is set: ghsync uses that PostgreSQL server, not an embedded one (unset it to manage the embedded server of GHSYNC_DATA_DIR)",
    );
  return settings.dataDir;
}

const STATES: Record<EmbeddedStatus["state"], string> = {
  not_created: "not created yet (the first ghsync command creates it)",
  old_format: "holds a database of an earlier ghsync (PGlite) that this version cannot read",
  stopped: "stopped (the next ghsync command starts it)",
  running: "running",
};

function lines(status: EmbeddedStatus): string[] {
  const out = [`data directory: ${status.data_dir}`, `server: ${STATES[status.state]}`];
  if (status.cluster_dir) out.push(`cluster: ${status.cluster_dir} (PostgreSQL ${status.postgres_version})`);
  if (status.pid !== null) out.push(`pid: ${status.pid}`, `listening: ${status.listening}`);
  if (status.state === "running") {
    out.push(`used by: ${status.members.length === 0 ? "no ghsync process" : ""}`);
    for (const member of status.members) out.push(`  pid ${member.pid}: ghsync ${member.command}`);
  }
  return out;
}

export async function runDbStatus(flags: { json?: boolean }): Promise<void> {
  const status = await embeddedStatus(embeddedDataDir());
  printResult(flags.json, status, () => lines(status));
}

export async function runDbStop(flags: { json?: boolean }): Promise<void> {
  const dataDir = embeddedDataDir();
  const before = await embeddedStatus(dataDir);
  const after = await stopEmbedded(dataDir);
  const stopped = before.state === "running" && after.state !== "running";
  printResult(flags.json, { ...after, stopped }, () => [
    stopped
      ? `stopped the embedded PostgreSQL server (pid ${before.pid})`
      : `nothing to stop: ${STATES[after.state]}`,
  ]);
}
