/**
 * The definitions of `ghsync users …` and `ghsync goals …`; their work is in commands/users.ts
 * and commands/goals.ts, imported only when one runs.
 */
import type { Command } from "commander";
import { integer } from "./arguments.js";

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerPeopleCommands(program: Command): void {
  const users = program.command("users").description("people using ghsync and their linked GitHub accounts");
  const run = async () => import("./commands/users.js");
  // The same fields as POST and PATCH /api/users (app/people.ts checks them for both).
  const userOptions = (command: Command, verb: string) =>
    command
      .option("--name <name>", "display name")
      .option("--email <email>", "where notifications go")
      .option("--timezone <zone>", "IANA timezone of weekly/monthly periods and streaks (default UTC)")
      .option("--public", "show a public profile at /api/public/<login>")
      .option("--no-public", "no public profile")
      .option(
        "--commit-email <email>",
        `a commit author email that is this person's (repeatable; ${verb})`,
        collect,
      )
      .option("--notify-sync", "tell this person (email, chat, webhooks) when a backfill finishes")
      .option("--no-notify-sync", "do not tell this person when a backfill finishes")
      .option("--json", "print one JSON document");
  userOptions(
    users.command("add").description("add a person").argument("<login>", "the person's ghsync login"),
    "the list",
  ).action(async (login: string, options) => (await run()).runUsersAdd(login, options));
  userOptions(
    users
      .command("set")
      .description("change a person's details (what is not given stays)")
      .argument("<login>"),
    "replaces the list",
  ).action(async (login: string, options) => (await run()).runUsersSet(login, options));
  users
    .command("list")
    .description("list people")
    .option("--json", "print one JSON document")
    .action(async (options) => (await run()).runUsersList(options));
  users
    .command("show")
    .description("one person with their linked accounts")
    .argument("<login>")
    .option("--json", "print one JSON document")
    .action(async (login: string, options) => (await run()).runUsersShow(login, options));
  users
    .command("remove")
    .description("remove a person with their links, goals and notifications")
    .argument("<login>")
    .action(async (login: string) => (await run()).runUsersRemove(login));
  users
    .command("link")
    .description("link a GitHub account to a person")
    .argument("<login>")
    .argument("<github-login>")
    .option("--json", "print one JSON document")
    .action(async (login: string, github: string, options) =>
      (await run()).runUsersLink(login, github, options),
    );
  users
    .command("unlink")
    .description("unlink a GitHub account from a person")
    .argument("<login>")
    .argument("<github-login>")
    .action(async (login: string, github: string) => (await run()).runUsersUnlink(login, github));

  const goals = program.command("goals").description("people's goals, with progress counted from the mirror");
  const runGoals = async () => import("./commands/goals.js");
  goals
    .command("add")
    .description("set a goal")
    .requiredOption("--user <login>", "whose goal")
    .requiredOption(
      "--metric <metric>",
      "commits | pull_requests_opened | pull_requests_merged | reviews_submitted | issues_opened | issues_closed | manual",
    )
    .requiredOption("--target <n>", "the number to reach", integer("--target", 1))
    .option("--window <window>", "weekly | monthly | custom", "weekly")
    .option("--start <date>", "custom window: first day (or ISO date-time)")
    .option("--end <date>", "custom window: last day, included (or ISO date-time, excluded)")
    .option("--repository <owner/name>", "count only this repository")
    .option("--title <title>", "what the goal is called")
    .option("--current <n>", "manual goals: the starting value", integer("--current", 0))
    .option("--json", "print one JSON document")
    .action(async (options) => (await runGoals()).runGoalsAdd(options));
  goals
    .command("list")
    .description("goals with their progress")
    .option("--user <login>", "only this person's")
    .option("--json", "print one JSON document")
    .action(async (options) => (await runGoals()).runGoalsList(options));
  goals
    .command("show")
    .description("one goal with its finished periods")
    .argument("<id>", "goal id", integer("<id>", 1))
    .option("--json", "print one JSON document")
    .action(async (id: number, options) => (await runGoals()).runGoalsShow(id, options));
  goals
    .command("set")
    .description("change a goal (manual goals: also its current value)")
    .argument("<id>", "goal id", integer("<id>", 1))
    .option("--target <n>", "the number to reach", integer("--target", 1))
    .option("--current <n>", "manual goals: the value now", integer("--current", 0))
    .option("--title <title>", "what the goal is called")
    .option("--json", "print one JSON document")
    .action(async (id: number, options) => (await runGoals()).runGoalsSet(id, options));
  goals
    .command("remove")
    .description("remove a goal and its history")
    .argument("<id>", "goal id", integer("<id>", 1))
    .action(async (id: number) => (await runGoals()).runGoalsRemove(id));
}
