/**
 * A person's streak on the Goals page (seed asks, issue 19): the current streak with the days
 * streak freezes protected, and the person's settings for it — freezes a month, and whether they
 * are on the public leaderboard (which needs a public profile).
 */
import { useState } from "preact/hooks";
import { ApiError, api, canManage, mayChange } from "../api.js";
import { Figures } from "../components/figures.js";
import { Failure, Loading } from "../components/states.js";
import { formatCount } from "../format.js";
import type { Person } from "../../contract/people.js";
import type { UserMetrics } from "../../contract/metrics.js";
import { useResource } from "../use-resource.js";

function days(count: number): string {
  return `${formatCount(count)} ${count === 1 ? "day" : "days"}`;
}

export function StreakPanel({
  person,
  onDone,
}: {
  person: Person;
  onDone: (text: string, error?: boolean) => void;
}) {
  const metrics = useResource(
    () => api.get<UserMetrics>(`/api/metrics/users/${encodeURIComponent(person.login)}`),
    `streak ${person.login}`,
  );
  const admin = canManage();
  const [freezes, setFreezes] = useState(String(person.streak_freezes));
  const [listed, setListed] = useState(person.leaderboard && person.public);
  const [busy, setBusy] = useState(false);
  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      // Being on the leaderboard shows the person's public profile too.
      await api.patch(`/api/users/${encodeURIComponent(person.login)}`, {
        ...(admin ? { streak_freezes: Number(freezes) } : {}),
        leaderboard: listed,
        ...(listed ? { public: true } : {}),
      });
      onDone(`Saved ${person.login}'s streak settings.`);
      metrics.reload();
    } catch (reason) {
      onDone(`Could not save: ${reason instanceof ApiError ? reason.message : String(reason)}`, true);
    } finally {
      setBusy(false);
    }
  };
  const streak = metrics.data?.streak;
  return (
    <section aria-labelledby="streak-heading">
      <h2 id="streak-heading">Streak of {person.login}</h2>
      {metrics.error && <Failure what="the streak" error={metrics.error} onRetry={metrics.reload} />}
      {!streak && !metrics.error && <Loading what="the streak" />}
      {streak && (
        <Figures
          figures={[
            ["Current streak", days(streak.current)],
            ["Protected by freezes", streak.frozen_days.length ? streak.frozen_days.join(", ") : "none"],
            ["Longest", days(streak.longest)],
            ["Freezes a month", formatCount(person.streak_freezes)],
          ]}
        />
      )}
      {/* The person chooses the leaderboard; how many freezes they get is an admin's to say. */}
      {mayChange(person.login) && (
        <form
          class="track-form"
          onSubmit={(event) => void save(event)}
          aria-label={`Streak settings of ${person.login}`}
        >
          {admin && (
            <div class="field">
              <label for="streak-freezes">Streak freezes a month</label>
              <input
                id="streak-freezes"
                type="number"
                min={0}
                max={31}
                required
                value={freezes}
                onInput={(event) => setFreezes(event.currentTarget.value)}
              />
            </div>
          )}
          <div class="field">
            <label>
              <input
                type="checkbox"
                checked={listed}
                onChange={(event) => setListed(event.currentTarget.checked)}
              />{" "}
              On the public leaderboard (public repositories only)
            </label>
          </div>
          <button type="submit" disabled={busy}>
            {busy ? "Saving…" : "Save"}
          </button>
        </form>
      )}
    </section>
  );
}
