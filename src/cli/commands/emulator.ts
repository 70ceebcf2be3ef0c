/** `ghsync emulator`: the GitHub API emulator as a long-running process (DESIGN.md, Contract). */
import { writeFile } from "node:fs/promises";
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
  pulls?: number;
  latencyMs: number;
  faultRate: number;
  rateLimit: number;
  rateWindowS: number;
  graphql: boolean;
  graphqlRateLimit?: number;
  graphqlTimeoutNodes: number;
  searchLagS: number;
  rateLimitStatus: 403 | 429;
  activity: boolean;
  activityPerMinute: number;
  webhookUrl?: string;
  webhookSecret?: string;
  webhookDropRate: number;
  webhookDuplicateRate: number;
  webhookReorder: number;
  webhookDelayMs: number;
  webhookBadSignatureRate: number;
  webhookMalformedRate: number;
  appId: number;
  appKeyOut?: string;
  appInstallation?: string;
}

const scales = ["tiny", "small", "medium", "large"] as const;

function webhookOptions(flags: EmulatorFlags): EmulatorOptions["webhook"] {
  if (!flags.webhookUrl) {
    const chaos =
      flags.webhookDropRate +
      flags.webhookDuplicateRate +
      flags.webhookBadSignatureRate +
      flags.webhookMalformedRate +
      flags.webhookDelayMs;
    if (flags.webhookSecret !== undefined || chaos > 0 || flags.webhookReorder > 1)
      throw new GhsyncError("invalid_argument", "the --webhook-* options need --webhook-url");
    return undefined;
  }
  return {
    url: flags.webhookUrl,
    secret: flags.webhookSecret,
    dropRate: flags.webhookDropRate,
    duplicateRate: flags.webhookDuplicateRate,
    reorder: flags.webhookReorder,
    delayMs: flags.webhookDelayMs,
    badSignatureRate: flags.webhookBadSignatureRate,
    malformedRate: flags.webhookMalformedRate,
  };
}

/** --app-key-out and --app-installation: what a user needs to run ghsync against it as an App. */
async function setUpApp(
  emulator: Awaited<ReturnType<typeof startEmulator>>,
  flags: EmulatorFlags,
): Promise<void> {
  if (flags.appKeyOut === undefined && flags.appInstallation === undefined) return;
  const app = emulator.admin.app();
  if (flags.appKeyOut !== undefined) {
    await writeFile(flags.appKeyOut, app.private_key, { mode: 0o600 });
    process.stderr.write(
      `GitHub App id ${app.id} (${app.slug}); private key written to ${flags.appKeyOut}\n`,
    );
  }
  if (flags.appInstallation !== undefined) {
    const spec = flags.appInstallation.trim();
    const repositories =
      spec === "all"
        ? ("all" as const)
        : spec
            .split(",")
            .map((name) => name.trim())
            .filter((name) => name !== "")
            .map((name) => (name.includes("/") ? name : `${flags.org}/${name}`));
    try {
      const { id } = emulator.admin.createInstallation({ repositories });
      process.stderr.write(`GitHub App installation ${id} (${spec})\n`);
    } catch (error) {
      throw new GhsyncError(
        "invalid_argument",
        `--app-installation: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}

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
    ...(flags.pulls === undefined ? {} : { pullsPerRepo: flags.pulls }),
    latencyMs: flags.latencyMs,
    faultRate: flags.faultRate,
    rateLimit: flags.rateLimit,
    rateWindowS: flags.rateWindowS,
    graphql: flags.graphql,
    // One budget raised raises both (GitHub's defaults are 5,000 each).
    graphqlRateLimit: flags.graphqlRateLimit ?? flags.rateLimit,
    graphqlTimeoutNodes: flags.graphqlTimeoutNodes,
    searchLagS: flags.searchLagS,
    primaryStatus: flags.rateLimitStatus,
    activity: flags.activity,
    activityPerMinute: flags.activityPerMinute,
    webhook: webhookOptions(flags),
    app: { id: flags.appId },
  };
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  try {
    emulator = await startEmulator(options);
  } catch (error) {
    if (error instanceof RangeError) throw new GhsyncError("invalid_argument", error.message);
    throw error;
  }
  process.stdout.write(
    `GitHub API emulator: ${emulator.url} (org ${flags.org}, seed ${flags.seed}, ${scale})\n`,
  );
  if (options.webhook) process.stdout.write(`Webhook deliveries → ${options.webhook.url}\n`);
  try {
    await setUpApp(emulator, flags);
  } catch (error) {
    await emulator.close();
    throw error;
  }
  await waitForShutdown();
  await emulator.close();
}
