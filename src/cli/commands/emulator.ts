/** `ghsync emulator`: the GitHub API emulator as a long-running process (DESIGN.md, Contract). */
import { GhsyncError } from "../../util/errors.js";
import { startEmulator, type EmulatorOptions } from "../../emulator/index.js";
import { waitForShutdown } from "../shutdown.js";

interface EmulatorFlags {
  port: number;
  host: string;
  seed: string;
  org: string;
  repos: number;
  scale: string;
  latencyMs: number;
  faultRate: number;
  rateLimit: number;
  rateWindowS: number;
  activity: boolean;
}

const scales = ["small", "medium", "large"] as const;

export async function runEmulator(flags: EmulatorFlags): Promise<void> {
  const scale = scales.find((s) => s === flags.scale);
  if (!scale) throw new GhsyncError("invalid_argument", `--scale must be one of ${scales.join(", ")}`);
  const options: EmulatorOptions = {
    port: flags.port,
    host: flags.host,
    seed: flags.seed,
    org: flags.org,
    repos: flags.repos,
    scale,
    latencyMs: flags.latencyMs,
    faultRate: flags.faultRate,
    rateLimit: flags.rateLimit,
    rateWindowS: flags.rateWindowS,
    activity: flags.activity,
  };
  const emulator = await startEmulator(options);
  process.stdout.write(
    `GitHub API emulator: ${emulator.url} (org ${flags.org}, seed ${flags.seed}, ${scale})\n`,
  );
  await waitForShutdown();
  await emulator.close();
}
