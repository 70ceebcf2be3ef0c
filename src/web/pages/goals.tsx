/**
 * Goals: the chosen person's goals with live progress, a form for a new one, and — when nobody is
 * set up yet — how to add a person with their GitHub logins. Progress is counted by the server at
 * every read; the page reads again whenever the event stream says the goals were re-evaluated
 * (after a sync or a webhook delivery was applied), and every 30 s in case an event was missed.
 */
import { useEffect, useState } from "preact/hooks";
import { api, query, canManage, mayChange } from "../api.js";
import { PersonSelect, useChosenPerson, usePeople } from "../components/person-picker.js";
import { Empty, Failure, Loading, Notice } from "../components/states.js";
import { useGoalEvents } from "../sync-events.js";
import type { Goal } from "../../contract/goals.js";
import type { Page } from "../../contract/page.js";
import type { Person } from "../../contract/people.js";
import { useNow, useResource } from "../use-resource.js";
import { personPath } from "../paths.js";
import { Link } from "../router.js";
import { GoalCard } from "./goal-card.js";
import { GoalForm } from "./goal-form.js";
import { PersonForm } from "./person-form.js";
import { LeaderboardPanel } from "./leaderboard-panel.js";
import { StreakPanel } from "./streak-panel.js";

const FALLBACK_REFRESH_MS = 30_000;

/**
 * Reads the goals again the moment the first open period ends: a weekly goal then shows its next
 * week, a custom one its end (issue 19), not at the next periodic refresh.
 */
function useReloadAtPeriodEnd(goals: Goal[] | undefined, reload: () => void): void {
  const next = Math.min(
    ...(goals ?? []).filter((goal) => goal.ended_at === null).map((goal) => Date.parse(goal.period_end)),
  );
  useEffect(() => {
    // Only ends still ahead (a clock behind the server's must not reload in a loop); setTimeout's
    // longest delay is about 24.8 days, a later end waits for a later read.
    const delay = next - Date.now() + 1_000;
    if (!Number.isFinite(delay) || delay <= 1_000 || delay > 2 ** 31 - 1) return undefined;
    const timer = setTimeout(reload, delay);
    return () => clearTimeout(timer);
  }, [next, reload]);
}

function GoalList({ person, onDone }: { person: Person; onDone: (text: string, error?: boolean) => void }) {
  const now = useNow(5_000);
  const goals = useResource(
    () => api.get<Page<Goal>>(`/api/goals${query({ user: person.login, limit: 200 })}`),
    person.login,
    FALLBACK_REFRESH_MS,
  );
  useGoalEvents(goals.reload);
  useReloadAtPeriodEnd(goals.data?.items, goals.reload);
  const done = (text: string, error?: boolean) => {
    onDone(text, error);
    goals.reload();
  };
  return (
    <>
      <section aria-labelledby="goals-heading">
        <h2 id="goals-heading">Goals of {person.login}</h2>
        <p>
          <Link href={personPath(person.login)}>{person.login}'s page</Link>: cycle time, streak and the rows
          behind every number.
        </p>
        {goals.error && <Failure what="the goals" error={goals.error} onRetry={goals.reload} />}
        {!goals.data && !goals.error && <Loading what="goals" />}
        {goals.data?.items.length === 0 && (
          <Empty>
            <p>
              {person.login} has no goal yet.{" "}
              {mayChange(person.login)
                ? "Set one below: its progress is counted from the mirror."
                : "An admin sets goals: their progress is counted from the mirror."}
            </p>
          </Empty>
        )}
        {goals.data && goals.data.items.length > 0 && (
          <ul class="goal-list">
            {goals.data.items.map((goal) => (
              <GoalCard key={goal.id} goal={goal} timeZone={person.timezone} now={now} onDone={done} />
            ))}
          </ul>
        )}
      </section>
      {mayChange(person.login) && <GoalForm user={person.login} onCreated={done} />}
      <StreakPanel person={person} onDone={onDone} />
    </>
  );
}

export function GoalsPage() {
  const people = usePeople();
  const [login, choose, canChoose] = useChosenPerson(people.data?.items);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const added = (who: string, text: string, error?: boolean) => {
    setMessage({ text, error });
    if (!error) choose(who);
    people.reload();
  };
  const person = people.data?.items.find((entry) => entry.login === login);
  return (
    <>
      <h1>Goals</h1>
      <Notice message={message} />
      {people.error && <Failure what="the people" error={people.error} onRetry={people.reload} />}
      {!people.data && !people.error && <Loading what="people" />}
      {people.data?.items.length === 0 && (
        <Empty>
          <p>
            Goals belong to a person, and nobody is set up yet. Add one below with the GitHub logins that are
            theirs (or run <code>ghsync users add LOGIN</code> and{" "}
            <code>ghsync users link LOGIN GITHUB_LOGIN</code>).
          </p>
        </Empty>
      )}
      {people.data && people.data.items.length > 0 && canChoose && (
        <div class="filters">
          <PersonSelect id="goals-person" people={people.data.items} value={login} onChange={choose} />
        </div>
      )}
      {person && (
        <GoalList key={person.login} person={person} onDone={(text, error) => setMessage({ text, error })} />
      )}
      {people.data && canManage() && <PersonForm onAdded={added} />}
      {people.data && people.data.items.length > 0 && <LeaderboardPanel />}
    </>
  );
}
