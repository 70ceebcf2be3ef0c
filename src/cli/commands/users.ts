/** `ghsync users add|list|show|set|remove|link|unlink`: people and their linked GitHub accounts (app/people.ts). */
import {
  addUser,
  changeUser,
  linkGitHubAccount,
  listPeople,
  removeUser,
  showUser,
  unlinkGitHubAccount,
  type UserFields,
} from "../../app/people.js";
import type { Person } from "../../contract/people.js";
import { withRuntime } from "../open-runtime.js";
import { printResult } from "../output.js";

type Json = { json?: boolean };
const PAGE = 500;

export interface UserFlags extends Json {
  name?: string;
  email?: string;
  timezone?: string;
  public?: boolean;
  commitEmail?: string[];
  notifySync?: boolean;
}

/** The flags as the API's fields (a flag not given leaves the field as it is). */
function fieldsOf(flags: UserFlags): UserFields {
  return {
    name: flags.name,
    email: flags.email,
    timezone: flags.timezone,
    public: flags.public,
    commit_emails: flags.commitEmail,
    notify_sync: flags.notifySync,
  };
}

function describe(user: Person): string[] {
  const accounts = user.accounts.map((a) => a.login + (a.account_id === null ? " (not mirrored yet)" : ""));
  return [
    `${user.login}${user.name ? ` (${user.name})` : ""}${user.public ? "  public" : ""}`,
    `  timezone ${user.timezone}${user.email ? `, email ${user.email}` : ""}${user.notify_sync ? ", told when a backfill finishes" : ""}`,
    `  GitHub accounts: ${accounts.join(", ") || "none"}`,
    ...(user.commit_emails.length ? [`  commit emails: ${user.commit_emails.join(", ")}`] : []),
  ];
}

const print = (flags: Json, view: Person) => printResult(flags.json, view, () => describe(view));

export async function runUsersAdd(login: string, flags: UserFlags): Promise<void> {
  await withRuntime(async ({ database: { db } }) => print(flags, await addUser(db, login, fieldsOf(flags))));
}

export async function runUsersSet(login: string, flags: UserFlags): Promise<void> {
  await withRuntime(async ({ database: { db } }) =>
    print(flags, await changeUser(db, login, fieldsOf(flags))),
  );
}

export async function runUsersList(flags: Json): Promise<void> {
  await withRuntime(async ({ database: { db } }) => {
    const views: Person[] = [];
    let after: string | undefined;
    do {
      const page = await listPeople(db, { after, limit: PAGE });
      views.push(...page.items);
      after = page.next_cursor ?? undefined;
    } while (after !== undefined);
    printResult(flags.json, { items: views, next_cursor: null }, () =>
      views.length ? views.flatMap(describe) : ["no users; add one with `ghsync users add <login>`"],
    );
  });
}

export async function runUsersShow(login: string, flags: Json): Promise<void> {
  await withRuntime(async ({ database: { db } }) => print(flags, await showUser(db, login)));
}

export async function runUsersRemove(login: string): Promise<void> {
  await withRuntime(async ({ database: { db } }) => {
    await removeUser(db, login);
    process.stdout.write(`removed user ${login}\n`);
  });
}

export async function runUsersLink(login: string, githubLogin: string, flags: Json): Promise<void> {
  await withRuntime(async ({ settings, database: { db } }) => {
    const { user, warning } = await linkGitHubAccount(db, login, githubLogin, settings.botLogins);
    // On stderr, so that --json's stdout stays one document.
    if (warning) process.stderr.write(`warning: ${warning}\n`);
    print(flags, user);
  });
}

export async function runUsersUnlink(login: string, githubLogin: string): Promise<void> {
  await withRuntime(async ({ database: { db } }) => {
    await unlinkGitHubAccount(db, login, githubLogin);
    process.stdout.write(`unlinked ${githubLogin} from ${login}\n`);
  });
}
