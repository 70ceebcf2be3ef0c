/**
 * The people of the emulated world: the organization, ~12 humans (members and outside
 * contributors), the bots GitHub really has (real ids), `web-flow` (committer of merges made on
 * github.com) and a few git identities whose email matches no account (`author: null` in the API).
 */
import type { Account, AccountType, Identity } from "./world-types.js";
import type { IdSequences } from "./ids.js";
import type { Rng } from "./prng.js";
import { DAY } from "./time.js";

const HUMANS: readonly (readonly [login: string, name: string, member: boolean])[] = [
  ["alice-chen", "Alice Chen", true],
  ["bkowalski", "Bartek Kowalski", true],
  ["carol-ops", "Carol Nguyen", true],
  ["dmitri-v", "Dmitri Volkov", true],
  ["erin-sec", "Erin O'Brien", true],
  ["fatima-z", "Fatima Zahra", true],
  ["gustavo-m", "Gustavo Martins", true],
  ["hana-ito", "Hana Itō", true],
  ["ivan-p", "Ivan Petrov", true],
  ["jules-b", "Jules Bernard", false],
  ["kofi-a", "Kofi Asante", false],
  ["lena-x", "Lena Fischer", false],
];

const BOTS = {
  dependabot: ["dependabot[bot]", 49699333],
  actions: ["github-actions[bot]", 41898282],
  renovate: ["renovate[bot]", 29139614],
} as const;

/** Git identities that no account claims (GitHub answers `author: null` for them). */
export const STRANGERS: readonly (readonly [name: string, email: string])[] = [
  ["Alice Chen", "alice@old-laptop.local"],
  ["build", "build@ci.internal"],
  ["root", "root@localhost"],
  ["Pat Contractor", "pat@contractor.example"],
];

export interface People {
  org: Account;
  humans: Account[];
  members: Account[];
  bots: { dependabot: Account; actions: Account; renovate: Account };
  webFlow: Account;
  accounts: Map<string, Account>;
  identities: Map<Account, Identity>;
  /** Second identity of a human (GitHub noreply address), also matched to the account. */
  noreply: Map<Account, Identity>;
  strangers: Identity[];
}

/** Creates every account; `now` (epoch s) only shifts their created_at. */
export function generatePeople(orgLogin: string, ids: IdSequences, rng: Rng, now: number): People {
  const accounts = new Map<string, Account>();
  const identities = new Map<Account, Identity>();
  const noreply = new Map<Account, Identity>();
  const add = (account: Account): Account => {
    accounts.set(account.login.toLowerCase(), account);
    return account;
  };
  const org = add(
    account(ids.next("user"), orgLogin, "Organization", orgLogin.toUpperCase(), now - 2000 * DAY),
  );
  org.email = null;
  const humans = HUMANS.map(([login, name, member]) => {
    const human = add(account(ids.next("user"), login, "User", name, now - rng.int(500, 4000) * DAY));
    human.member = member;
    human.email = member
      ? `${login.split("-")[0]}@${orgLogin.toLowerCase()}.example`
      : `${login}@mail.example`;
    human.company = member ? `@${orgLogin}` : null;
    human.location = rng.pick(["Berlin", "Lisbon", "Toronto", "Osaka", null]);
    identities.set(human, { name, email: human.email, account: human });
    noreply.set(human, { name, email: `${human.id}+${login}@users.noreply.github.com`, account: human });
    return human;
  });
  const bot = ([login, id]: readonly [string, number]): Account => {
    const created = add(account(id, login, "Bot", null, now - 2500 * DAY));
    identities.set(created, {
      name: login,
      email: `${id}+${login}@users.noreply.github.com`,
      account: created,
    });
    return created;
  };
  const bots = { dependabot: bot(BOTS.dependabot), actions: bot(BOTS.actions), renovate: bot(BOTS.renovate) };
  const webFlow = add(account(19864447, "web-flow", "User", "GitHub Web Flow", now - 3000 * DAY));
  identities.set(webFlow, { name: "GitHub", email: "noreply@github.com", account: webFlow });
  const strangers = STRANGERS.map(([name, email]) => ({ name, email, account: null }));
  const members = humans.filter((human) => human.member);
  return { org, humans, members, bots, webFlow, accounts, identities, noreply, strangers };
}

export function account(
  id: number,
  login: string,
  type: AccountType,
  name: string | null,
  createdAt: number,
) {
  const created: Account = {
    id,
    login,
    type,
    name,
    email: null,
    company: null,
    location: null,
    bio: null,
    createdAt,
    member: false,
  };
  return created;
}
