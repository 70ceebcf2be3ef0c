#!/usr/bin/env node
/**
 * The `ghsync` command: a thin shell over the modules. Each command's module is imported only
 * when it runs, so start-up stays well under a second.
 */
import { Command, InvalidArgumentError, Option } from "commander";
import { API_CHOICES } from "../config/settings.js";
import { MAX_REPOS } from "../emulator/options.js";
import { integer } from "./arguments.js";
import { registerPeopleCommands } from "./people-commands.js";
import { reportFailure } from "./report-failure.js";

function fraction(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0 || parsed > 1)
    throw new InvalidArgumentError("must be between 0 and 1");
  return parsed;
}

function limitStatus(value: string): 403 | 429 {
  if (value !== "403" && value !== "429") throw new InvalidArgumentError("must be 403 or 429");
  return value === "403" ? 403 : 429;
}

const program = new Command("ghsync")
  .description("Mirror GitHub activity into PostgreSQL and keep it current.")
  .showHelpAfterError();

program
  .command("emulator")
  .description("serve a deterministic GitHub REST API emulator (for tests, demos and dry runs)")
  .option("--port <n>", "port to listen on", integer("--port", 0, 65535), 3901)
  .option("--host <host>", "address to listen on", "127.0.0.1")
  .option("--seed <s>", "seed of the generated data", "1")
  .option("--org <org>", "organization name", "acme")
  .option("--repos <n>", "number of repositories", integer("--repos", 1, MAX_REPOS), 3)
  .option("--scale <scale>", "data size per repository: tiny | small | medium | large", "small")
  .option("--pulls <n>", "pull requests per repository (instead of the scale's)", integer("--pulls", 0))
  .option("--latency-ms <n>", "added latency per API request", integer("--latency-ms", 0), 0)
  .option(
    "--fault-rate <f>",
    "fraction of API requests failing with 5xx or a dropped connection",
    fraction,
    0,
  )
  .option("--rate-limit <n>", "requests per token per window", integer("--rate-limit", 1), 5000)
  .option("--rate-window-s <s>", "rate-limit window in seconds", integer("--rate-window-s", 1), 3600)
  .option(
    "--graphql-rate-limit <n>",
    "GraphQL points per token per window, apart from REST's (default: --rate-limit's)",
    integer("--graphql-rate-limit", 1),
  )
  .option(
    "--graphql-timeout-nodes <n>",
    "a GraphQL query requesting more nodes answers 502 (GitHub's 10 s timeout)",
    integer("--graphql-timeout-nodes", 1),
    50_000,
  )
  .option("--no-graphql", "answer 404 at /graphql, like a server without GraphQL")
  .option(
    "--search-lag-s <s>",
    "search's index lag: a change younger than this is not found by /search/issues yet",
    integer("--search-lag-s", 0),
    0,
  )
  .option(
    "--rate-limit-status <status>",
    "status of an exhausted rate limit: 403 or 429 (GitHub sends either)",
    limitStatus,
    403,
  )
  .option("--activity", "generate live activity (new commits, pull requests, reviews, comments)", false)
  .option(
    "--activity-per-minute <n>",
    "changes a minute --activity makes, each in a random repository of the organization",
    integer("--activity-per-minute", 1),
    30,
  )
  .option("--webhook-url <url>", "send every change as a signed GitHub webhook delivery to this URL")
  .option("--webhook-secret <secret>", "webhook secret (X-Hub-Signature-256)")
  .option("--webhook-drop-rate <f>", "fraction of deliveries never sent", fraction, 0)
  .option("--webhook-duplicate-rate <f>", "fraction of deliveries sent twice (same delivery id)", fraction, 0)
  .option(
    "--webhook-reorder <n>",
    "shuffle deliveries within windows of n",
    integer("--webhook-reorder", 1),
    1,
  )
  .option("--webhook-delay-ms <n>", "added delay before each delivery", integer("--webhook-delay-ms", 0), 0)
  .option(
    "--webhook-bad-signature-rate <f>",
    "fraction of deliveries sent with a wrong signature",
    fraction,
    0,
  )
  .option("--webhook-malformed-rate <f>", "fraction of deliveries whose body is invalid JSON", fraction, 0)
  .option("--app-id <n>", "id of the emulated GitHub App (the JWT's iss)", integer("--app-id", 1), 1)
  .option("--app-key-out <file>", "write the GitHub App's private key (PEM) to this file")
  .option(
    "--app-installation <repos>",
    'install the GitHub App on the organization: "all" or comma-separated repository names',
  )
  .action(async (options) => (await import("./commands/emulator.js")).runEmulator(options));

program
  .command("sync")
  .description("mirror repositories into the database: a backfill the first time, incremental after")
  .argument("[repositories...]", "OWNER/REPO names (none: the tracked repositories)")
  .option("--org <org>", "every repository of an organization (forks and archived included)")
  .option("--installation <id>", "every repository of a GitHub App installation")
  .option("--since <depth>", "depth of a first backfill: 30d (default), 90d, or a date like 2026-01-31")
  .option("--full", "backfill the whole history")
  .option("--refetch", "re-read everything at the stored depth, ignoring ETags and high-water marks")
  .addOption(
    new Option("--api <api>", "the API that collects pull requests with their reviews and details")
      .choices(API_CHOICES)
      .default(undefined, "auto, or GHSYNC_API"),
  )
  .option("--json", "print the summary as one JSON document")
  .action(async (repositories: string[], options) =>
    (await import("./commands/sync.js")).runSyncCommand(repositories, options),
  );

program
  .command("verify")
  .description("check the mirrored rows against GitHub and repair them: deletions, transfers, drift")
  .argument("[repositories...]", "OWNER/REPO names in the mirror")
  .option("--org <org>", "every mirrored repository of an organization (also those that left it)")
  .option("--json", "print the report as one JSON document")
  .action(async (repositories: string[], options) =>
    (await import("./commands/verify.js")).runVerifyCommand(repositories, options),
  );

program
  .command("stats")
  .description("counts of the mirrored rows (reads the database only)")
  .argument("[repositories...]", "OWNER/REPO names")
  .option("--org <org>", "only this organization's repositories")
  .option("--json", "print one JSON document")
  .action(async (repositories: string[], options) =>
    (await import("./commands/stats.js")).runStatsCommand(repositories, options),
  );

const metrics = program
  .command("metrics")
  .description("developer and repository metrics from the mirror (reads the database only)");
for (const [name, argument, what] of [
  ["user", "<login>", "a person's metrics (ghsync login or a linked GitHub login)"],
  ["repo", "<repository>", "a repository's metrics and health (OWNER/REPO)"],
] as const) {
  metrics
    .command(name)
    .description(what)
    .argument(argument)
    .option("--from <date>", "start: a date (whole day) or an ISO date-time; default 30 days before --to")
    .option("--to <date>", "end: a date (included) or an ISO date-time (excluded); default now")
    .option("--json", "print one JSON document")
    .action(async (subject: string, options) => {
      const commands = await import("./commands/metrics.js");
      await (name === "user" ? commands.runUserMetrics : commands.runRepoMetrics)(subject, options);
    });
}

metrics
  .command("dora")
  .description("the four DORA keys and CI health of repositories, an organization or a team (docs/dora.md)")
  .argument("[repositories...]", "OWNER/REPO names")
  .option("--org <org>", "every repository of an organization in the mirror")
  .option("--team <org/team>", "the changes a team's members authored, in its organization's repositories")
  .option("--from <date>", "first day (UTC, included); default 29 days before --to")
  .option("--to <date>", "last day (UTC, included); default today")
  .option("--json", "print one JSON document")
  .action(async (repositories: string[], options) =>
    (await import("./commands/metrics.js")).runDoraMetrics(repositories, options),
  );

program
  .command("track")
  .description("keep a repository current (synced by `ghsync sync` with no names, and by the server)")
  .argument("<repository>", "OWNER/REPO")
  .option("--since <depth>", "depth of its first backfill: 30d (default), 90d, or a date")
  .option("--full", "backfill its whole history")
  .action(async (repository: string, options) =>
    (await import("./commands/track.js")).runTrack(repository, options),
  );

program
  .command("untrack")
  .description("stop keeping a repository current (its mirrored rows are kept, its pending syncs cancelled)")
  .argument("<repository>", "OWNER/REPO")
  .option("--purge", "also delete its mirrored rows (needs --yes)")
  .option("--yes", "confirm --purge")
  .action(async (repository: string, options) =>
    (await import("./commands/track.js")).runUntrack(repository, options),
  );

program
  .command("apply")
  .description(
    "track the organizations and repositories a file lists, at their depths (also done at `serve` start)",
  )
  .argument("[file]", "the tracking file (default GHSYNC_TRACKING_FILE, else ./ghsync.yaml)")
  .option("--prune", "untrack tracked repositories the file does not name (their rows are kept)")
  .option("--dry-run", "say what would change, change nothing")
  .option("--json", "print the result as one JSON document")
  .action(async (file: string | undefined, options) =>
    (await import("./commands/apply.js")).runApply(file, options),
  );

program
  .command("cancel")
  .description("cancel a queued or waiting job (see `ghsync status` for their ids)")
  .argument("<job-id>", "the job's id", integer("<job-id>", 1))
  .option("--json", "print the job as one JSON document")
  .action(async (id: number, options) => (await import("./commands/cancel.js")).runCancel(id, options));

program
  .command("status")
  .description(
    "tracked repositories, credentials and their rate limits, recent jobs (reads the database only)",
  )
  .option("--json", "print one JSON document")
  .action(async (options) => (await import("./commands/status.js")).runStatus(options));

program
  .command("serve")
  .description("the API, scheduler and workers in one process")
  .option("--port <n>", "port to listen on (default 3000, or PORT)", integer("--port", 0, 65535))
  .option("--host <host>", "address to listen on", "127.0.0.1")
  .option("--concurrency <n>", "sync jobs at once in this process", integer("--concurrency", 1, 32), 3)
  .action(async (options) => (await import("./commands/serve.js")).runServe(options));

program
  .command("worker")
  .description("workers only, sharing the jobs of the database with `ghsync serve` and other workers")
  .option("--concurrency <n>", "sync jobs at once in this process", integer("--concurrency", 1, 32), 3)
  .action(async (options) => (await import("./commands/serve.js")).runWorker(options));

const db = program
  .command("db")
  .description("the embedded PostgreSQL server of GHSYNC_DATA_DIR (when DATABASE_URL is unset)");
db.command("status")
  .description("whether it runs, where it listens, which ghsync processes use it")
  .option("--json", "print one JSON document")
  .action(async (options) => (await import("./commands/db.js")).runDbStatus(options));
db.command("stop")
  .description("stop it now (it stops by itself when the last ghsync process using it exits)")
  .option("--json", "print one JSON document")
  .action(async (options) => (await import("./commands/db.js")).runDbStop(options));

const token = program.command("token").description("API tokens (the same as /api/tokens)");
token
  .command("create")
  .description("create an API token and print it (shown once)")
  .option("--name <name>", "what the token is for", "api")
  .option("--json", "print {id, name, token} as one JSON document")
  .action(async (options) => (await import("./commands/token.js")).runTokenCreate(options));
token
  .command("list")
  .description("the stored API tokens (ids, names, last use; never their values)")
  .option("--json", "print one JSON document")
  .action(async (options) => (await import("./commands/token.js")).runTokenList(options));
token
  .command("revoke")
  .description("revoke an API token (its dashboard sessions end)")
  .argument("<id>", "the token's id (see `ghsync token list`)", integer("<id>", 1))
  .action(async (id: number) => (await import("./commands/token.js")).runTokenRevoke(id));

program
  .command("secrets")
  .description("secrets at rest (outgoing targets' URLs and signing secrets, under GHSYNC_SECRET_KEY)")
  .command("rotate")
  .description(
    "seal every stored secret again under GHSYNC_SECRET_KEY, opening them with it or GHSYNC_PREVIOUS_SECRET_KEY",
  )
  .option("--json", "print {targets, plain_urls, github_tokens} as one JSON document")
  .action(async (options) => (await import("./commands/secrets.js")).runSecretsRotate(options));

program
  .command("demo")
  .description(
    "offline try-out: an emulated GitHub organization with live activity, synced and served on the dashboard",
  )
  .option(
    "--port <n>",
    "port of the dashboard (default 3000, or any free port if taken; 0 = any)",
    integer("--port", 0, 65535),
    3000,
  )
  .option("--host <host>", "address to listen on", "127.0.0.1")
  .action(async (options) => (await import("./commands/demo.js")).runDemo(options));

registerPeopleCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.exitCode = reportFailure(error);
});
