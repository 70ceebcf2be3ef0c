/**
 * Goal progress equals a brute-force count over the emulator's truth, on both databases: an
 * organization is synced in full, people are linked to emulator accounts (one of them before the
 * accounts are mirrored, so the link is resolved by login), and goals with random windows,
 * timezones, metrics and repository filters are compared with a count in JavaScript. The public
 * profile's totals are compared the same way, over public repositories only.
 */
import { AUTO_METRICS } from "../../src/contract/enums.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { createGoal } from "../../src/app/goal-changes.js";
import { periodContaining } from "../../src/metrics/goal-periods.js";
import { goalView } from "../../src/metrics/goal-view.js";
import { publicProfile } from "../../src/metrics/public-profile.js";
import type { Database } from "../../src/store/database.js";
import { createUser, linkAccount, requireUser, updateUser } from "../../src/store/users.js";
import { freshDatabase } from "../helpers/databases.js";
import { readTruth, truthCount, type TruthPerson, type TruthRepo } from "../helpers/goal-truth.js";
import { syncOrg, testClient } from "../helpers/sync-harness.js";

const ZONES = ["UTC", "Europe/Berlin", "America/Los_Angeles", "Asia/Kolkata", "Pacific/Auckland"];
const GOALS = 24;

/** The most active human logins of the truth (commits, pull requests, reviews), busiest first. */
function activeLogins(truth: TruthRepo[]): string[] {
  const score = new Map<string, number>();
  const add = (login: string | null) => {
    if (login && !login.endsWith("[bot]")) score.set(login, (score.get(login) ?? 0) + 1);
  };
  for (const repo of truth) {
    repo.commits.forEach((c) => add(c.author_login));
    repo.pulls.forEach((p) => add(p.author_login));
    repo.reviews.forEach((r) => add(r.user_login));
    repo.issues.forEach((i) => add(i.author_login));
  }
  return [...score.entries()].sort((a, b) => b[1] - a[1]).map(([login]) => login);
}

describe("goal progress against the emulator's truth", () => {
  let emulator: RunningEmulator;
  let database: Database;
  let truth: TruthRepo[];
  const people: Record<string, TruthPerson> = {};

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 606, repos: 3, scale: "small" });
    database = await freshDatabase();
    const db = database.db;
    truth = readTruth(emulator.admin);
    const [first, second, third, fourth] = activeLogins(truth);
    if (!first || !second || !third || !fourth) throw new Error("the emulator has too few people");
    // Strangers' commits have no GitHub author: only a listed email ties them to a person.
    const strangerEmail = truth.flatMap((r) => r.commits).find((c) => c.author_login === null)?.author_email;
    people.ada = { logins: [first, second], commitEmails: strangerEmail ? [strangerEmail] : [] };
    people.bo = { logins: [third], commitEmails: [] };
    people.cy = { logins: [fourth], commitEmails: [] };
    // Ada is linked before anything is mirrored (account ids unknown), the others after.
    const ada = await createUser(db, "ada", {
      timezone: "Europe/Berlin",
      public: true,
      commit_emails: people.ada.commitEmails,
    });
    for (const login of people.ada.logins) await linkAccount(db, ada, login);
    await syncOrg(db, testClient(emulator.url), "acme");
    for (const [login, person] of Object.entries(people)) {
      if (login === "ada") continue;
      const user = await createUser(db, login, { timezone: "America/Los_Angeles" });
      for (const github of person.logins) await linkAccount(db, user, github);
    }
  }, 120_000);
  afterAll(async () => {
    await database?.close();
    await emulator?.close();
  });

  it(`${GOALS} goals with random windows, timezones, metrics and filters count what the truth holds`, async () => {
    let seed = 11;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const everyone = Object.values(people);
    const now = emulator.admin.now().getTime();
    const span = { from: now - 120 * 86_400_000, to: now };
    const nonZero = { count: 0 };
    for (let i = 0; i < GOALS; i++) {
      const login = pick(Object.keys(people));
      const person = people[login] as TruthPerson;
      const metric = AUTO_METRICS[i % AUTO_METRICS.length] ?? "commits";
      const at = new Date(span.from + random() * (span.to - span.from));
      const window = pick(["weekly", "monthly", "custom"] as const);
      const repository = random() < 0.3 ? pick(truth).repo : null;
      const user = await requireUser(database.db, login);
      // The goal's period is the one containing `at` in a random zone (set on the user).
      const zone = pick(ZONES);
      await updateUser(database.db, user.login, { timezone: zone });
      const custom = {
        start: new Date(at.getTime() - random() * 40 * 86_400_000).toISOString(),
        end: at.toISOString(),
      };
      const env = { db: database.db, botLogins: [], now: () => at };
      const record = await createGoal(env, {
        user: login,
        metric,
        window,
        target: 5,
        repository: repository?.full_name ?? null,
        ...(window === "custom" ? custom : {}),
      });
      const period =
        window === "custom"
          ? { start: new Date(custom.start), end: new Date(custom.end) }
          : periodContaining(window, zone, at);
      expect(record.goal.periodStart.toISOString()).toBe(period.start.toISOString());
      const view = await goalView(env, record);
      const expected = truthCount(truth, metric, person, everyone, {
        ...period,
        repositoryId: repository?.id,
      });
      expect({ i, login, metric, window, zone, current: view.current }).toEqual({
        i,
        login,
        metric,
        window,
        zone,
        current: expected,
      });
      if (expected > 0) nonZero.count++;
    }
    // The comparison means something only if many windows hold activity.
    expect(nonZero.count).toBeGreaterThan(GOALS / 3);
  });

  it("the public profile counts public repositories only, over all time", async () => {
    const ada = await requireUser(database.db, "ada");
    const profile = await publicProfile(
      { db: database.db, botLogins: [], now: () => emulator.admin.now() },
      ada,
    );
    const all = { start: new Date(0), end: new Date(8.64e15), publicOnly: true };
    const everyone = Object.values(people);
    for (const metric of AUTO_METRICS) {
      expect({ metric, n: profile.totals[metric] }).toEqual({
        metric,
        n: truthCount(truth, metric, people.ada as TruthPerson, everyone, all),
      });
    }
    expect(truth.some((r) => r.repo.private)).toBe(true);
    expect(profile.totals.commits).toBeGreaterThan(0);
  });
});
