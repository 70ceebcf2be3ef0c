/**
 * "Sign in with GitHub", after GitHub said who it is (api/routes/github-sign-in.ts): the person
 * is found by their linked GitHub account, or created when `mayJoin` allows (GHSYNC_OAUTH_SIGNUP,
 * a login GHSYNC_ADMINS lists, or the very first sign-in, which makes the admin); their role
 * follows GHSYNC_ADMINS, or the first person to sign in is the admin when it is empty. One sign-in
 * at a time (an advisory lock), so two first sign-ins cannot both become the admin.
 */
import { sql } from "drizzle-orm";
import type { Role } from "../contract/enums.js";
import type { GitHubUser } from "../github/oauth.js";
import type { Db } from "../store/database.js";
import {
  adminExists,
  findPersonByAccount,
  learnAccountId,
  personRole,
  recordSignIn,
  type PersonRole,
} from "../store/sign-ins.js";
import { createUser, linkAccount, requireUser, type UserRow } from "../store/users.js";
import { GhsyncError } from "../util/errors.js";
import type { SecretBox } from "../util/secret-box.js";

/** The role a person signs in with (pure: the rule of docs/security.md, "Roles"). */
export function roleAtSignIn(input: {
  admins: readonly string[];
  login: string;
  current: Role | null;
  adminExists: boolean;
}): Role {
  if (input.admins.length > 0)
    return input.admins.some((admin) => admin.toLowerCase() === input.login.toLowerCase())
      ? "admin"
      : "member";
  if (input.current !== null) return input.current;
  return input.adminExists ? "member" : "admin";
}

export interface SignInPolicy {
  admins: readonly string[];
  signup: boolean;
  /** Seals the person's OAuth token at rest (GHSYNC_SECRET_KEY); none: stored as is. */
  secrets: SecretBox | undefined;
}

const SIGN_IN_LOCK = 0x6768_7369; // "ghsi"

export async function signInWithGitHub(
  db: Db,
  policy: SignInPolicy,
  github: GitHubUser,
  githubToken: string,
): Promise<PersonRole> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SIGN_IN_LOCK})`);
    const found = await findPersonByAccount(tx, github);
    const anyAdmin = await adminExists(tx);
    if (!found && !mayJoin(policy, github.login, anyAdmin))
      throw new GhsyncError(
        "sign_up_closed",
        `GitHub account ${github.login} is not linked to anyone here, and GHSYNC_OAUTH_SIGNUP is off: ask an admin to link it to your person`,
        { status: 403 },
      );
    const user = found ?? (await newPerson(tx, github));
    const role = roleAtSignIn({
      admins: policy.admins,
      login: github.login,
      current: found ? (found.role === "admin" ? "admin" : "member") : null,
      adminExists: anyAdmin,
    });
    const sealed = policy.secrets ? policy.secrets.seal(githubToken) : githubToken;
    await recordSignIn(tx, user.id, { role, githubToken: sealed, accountId: github.id, login: github.login });
    return { id: user.id, login: user.login, role };
  });
}

/**
 * A signed-in person links another GitHub account by signing in to GitHub with it (`GET
 * /api/auth/github?link=1`): GitHub's word that the account is theirs, which members need (an
 * admin links by login alone). 409 when the account is linked to someone else.
 */
export async function linkWithGitHub(db: Db, userId: number, github: GitHubUser): Promise<PersonRole> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SIGN_IN_LOCK})`);
    const person = await personRole(tx, userId);
    if (!person)
      throw new GhsyncError("unauthorized", "the person signed in no longer exists", { status: 401 });
    const owner = await findPersonByAccount(tx, github);
    if (owner && owner.id !== userId)
      throw new GhsyncError(
        "account_taken",
        `GitHub account ${github.login} is already linked to ${owner.login}: an admin unlinks it there first`,
        { status: 409 },
      );
    await linkAccount(tx, await requireUser(tx, person.login), github.login);
    await learnAccountId(tx, github);
    return person;
  });
}

/**
 * Whether someone not linked to a person yet gets one (pure): with sign-up on; a login
 * GHSYNC_ADMINS lists; or, with no admin named or made yet, the first to sign in (who becomes it).
 */
export function mayJoin(
  policy: Pick<SignInPolicy, "signup" | "admins">,
  login: string,
  adminExists: boolean,
): boolean {
  if (policy.signup) return true;
  if (policy.admins.length > 0)
    return policy.admins.some((admin) => admin.toLowerCase() === login.toLowerCase());
  return !adminExists;
}

async function newPerson(db: Db, github: GitHubUser): Promise<UserRow> {
  const user = await createUser(db, github.login, { name: github.name, email: github.email }).catch(
    (error: unknown) => {
      if (error instanceof GhsyncError && error.code === "user_exists")
        throw new GhsyncError(
          "account_not_linked",
          `a person ${github.login} exists without GitHub account ${github.login} linked: an admin links it (ghsync users link) before you sign in`,
          { status: 403 },
        );
      throw error;
    },
  );
  await linkAccount(db, user, github.login);
  return user;
}
