/**
 * The world the CLI tests run `ghsync` in: an emulator (seed 31, two small repositories) and the
 * environment pointing the CLI at it, on the embedded database of `dataDir`.
 */
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";

export async function startCliWorld(
  dataDir: string | undefined,
): Promise<{ emulator: RunningEmulator; env: NodeJS.ProcessEnv }> {
  const emulator = await startEmulator({ port: 0, seed: 31, repos: 2, scale: "small" });
  return {
    emulator,
    env: {
      GITHUB_API_URL: emulator.url,
      GITHUB_TOKEN: "cli-token",
      GHSYNC_DATA_DIR: dataDir,
      DATABASE_URL: "",
    },
  };
}
