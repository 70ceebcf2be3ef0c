/** `ghsync users add|list|show|remove|link|unlink`: people and their linked GitHub accounts. */
import type { Person } from "../../contract/people.js";
import {
  createUser,
  deleteUser,
  linkAccount,
  listUsers,
  requireUser,
  unlinkAccount,
  userView,
} from "../../store/users.js";
import { withRuntime } from "../open-runtime.js";
import { printResult } from "../output.js";

type Json = { json?: boolean };
const PAGE = 500;

function describe(user: Person): string[] {
  const accounts = user.accounts.map((a) => a.login + (a.account_id === null ? " (not mirrored yet)" : ""));
  return [
    `${user.login}${user.name ? ` (${user.name})` : ""}${user.public ? "  public" : ""}`,
    `  timezone ${user.timezone}${user.email ? `, email ${user.email}` : ""}`,
    `  GitHub accounts: ${accounts.join(", ") || "none"}`,
    ...(user.commit_emails.length ? [`  commit emails: ${user.commit_emails.join(", ")}`] : []),
  ];
}

export async function runUsersAdd(
  login: string,
  flags: Json & {
    name?: string;
    email?: string;
    timezone?: string;
    public?: boolean;
    commitEmail?: string[];
  },
): Promise<void> {
  await withRuntime(async ({ database: { db } }) => {
    const user = await createUser(db, login, {
      name: flags.name,
      email: flags.email,
      timezone: flags.timezone,
      public: flags.public ?? false,
      commit_emails: flags.commitEmail ?? [],
    });
    const view = await userView(db, user);
    printResult(flags.json, view, () => describe(view));
  });
}

export async function runUsersList(flags: Json): Promise<void> {
  await withRuntime(async ({ database: { db } }) => {
    const views: Person[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await listUsers(db, { after, limit: PAGE });
      for (const row of page) views.push(await userView(db, row));
      if (page.length < PAGE) break;
      after = page.at(-1)?.login;
    }
    printResult(flags.json, { items: views, next_cursor: null }, () =>
      views.length ? views.flatMap(describe) : ["no users; add one with `ghsync users add <login>`"],
    );
  });
}

export async function runUsersShow(login: string, flags: Json): Promise<void> {
  await withRuntime(async ({ database: { db } }) => {
    const view = await userView(db, await requireUser(db, login));
    printResult(flags.json, view, () => describe(view));
  });
}

export async function runUsersRemove(login: string): Promise<void> {
  await withRuntime(async ({ database: { db } }) => {
    await deleteUser(db, login);
    process.stdout.write(`removed user ${login}\n`);
  });
}

export async function runUsersLink(login: string, githubLogin: string, flags: Json): Promise<void> {
  await withRuntime(async ({ database: { db } }) => {
    const user = await requireUser(db, login);
    await linkAccount(db, user, githubLogin);
    const view = await userView(db, user);
    printResult(flags.json, view, () => describe(view));
  });
}

export async function runUsersUnlink(login: string, githubLogin: string): Promise<void> {
  await withRuntime(async ({ database: { db } }) => {
    await unlinkAccount(db, await requireUser(db, login), githubLogin);
    process.stdout.write(`unlinked ${githubLogin} from ${login}\n`);
  });
}
