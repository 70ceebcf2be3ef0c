/**
 * A person's goals on their page: progress now, the finished periods (history) and the trend
 * against the period before, and the rows a goal's count is made of.
 */
import { api, query } from "../api.js";
import type { DrillDown } from "../components/row-list.js";
import { Empty, Failure, Loading } from "../components/states.js";
import { describeGoal, formatPeriod } from "../format.js";
import type { Goal, GoalPeriod } from "../../contract/goals.js";
import type { Page } from "../../contract/page.js";
import { useResource } from "../use-resource.js";
import { commitsDrill, pullsDrill, reviewsDrill } from "./drill-downs.js";

/** The rows a goal's count is made of, for the metrics a person's lists cover. */
export function goalDrill(goal: Goal, base: string): DrillDown | undefined {
  // A period still running has no rows after now: its end is left open (lists refuse far futures).
  const until = Date.parse(goal.period_end) > Date.now() ? undefined : goal.period_end;
  const params = { since: goal.period_start, until, repo: goal.repository ?? undefined };
  const title = `${goal.title}: the rows counted`;
  switch (goal.metric) {
    case "commits":
      return commitsDrill(base, title, { ...params, date: "authored" });
    case "pull_requests_opened":
      return pullsDrill(base, title, { ...params, date: "created" });
    case "pull_requests_merged":
      return pullsDrill(base, title, { ...params, state: "merged", date: "merged" });
    case "reviews_submitted":
      return reviewsDrill(base, title, { ...params, others_only: "true" });
    default:
      return undefined;
  }
}

function trendWords(periods: readonly GoalPeriod[], current: number): string {
  const last = periods[0];
  if (!last) return "First period: no trend yet.";
  const change = current - last.current;
  if (change === 0) return `Same as the period before (${last.current}).`;
  return `${change > 0 ? "Up" : "Down"} ${Math.abs(change)} from the period before (${last.current}).`;
}

function GoalHistory({ goal, timeZone, base, onOpen }: GoalRowProps) {
  const history = useResource(
    () => api.get<Page<GoalPeriod>>(`/api/goals/${goal.id}/history`),
    `${goal.id}:${goal.current}`,
  );
  const drill = goalDrill(goal, base);
  const progress = describeGoal(goal);
  return (
    <li class="goal">
      <h3>{goal.title}</h3>
      <p>
        {drill ? (
          <button type="button" class="figure-link" onClick={() => onOpen(drill)}>
            {progress}
          </button>
        ) : (
          progress
        )}{" "}
        <span class="muted">{formatPeriod(goal.period_start, goal.period_end, timeZone)}</span>
      </p>
      {history.error && <Failure what="the goal's history" error={history.error} onRetry={history.reload} />}
      {history.data && (
        <>
          <p class="muted">{goal.window === "custom" ? "" : trendWords(history.data.items, goal.current)}</p>
          {history.data.items.length > 0 && (
            <table class="cards">
              <caption class="visually-hidden">Finished periods of {goal.title}</caption>
              <thead>
                <tr>
                  <th scope="col">Period</th>
                  <th scope="col">Reached</th>
                  <th scope="col">Of target</th>
                </tr>
              </thead>
              <tbody>
                {history.data.items.map((period) => (
                  <tr key={period.period_start}>
                    <td data-label="Period">
                      {formatPeriod(period.period_start, period.period_end, timeZone)}
                    </td>
                    <td data-label="Reached">
                      {period.current} of {period.target}
                    </td>
                    <td data-label="Of target">{Math.round(period.percent_uncapped)}%</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </li>
  );
}

interface GoalRowProps {
  goal: Goal;
  timeZone: string;
  base: string;
  onOpen: (drill: DrillDown) => void;
}

export function PersonGoals(props: { login: string; timeZone: string; onOpen: (drill: DrillDown) => void }) {
  const base = `/api/users/${encodeURIComponent(props.login)}`;
  const goals = useResource(
    () => api.get<Page<Goal>>(`/api/goals${query({ user: props.login, limit: 200 })}`),
    props.login,
    30_000,
  );
  return (
    <section aria-labelledby="person-goals-heading">
      <h2 id="person-goals-heading">Goals</h2>
      {goals.error && <Failure what="the goals" error={goals.error} onRetry={goals.reload} />}
      {!goals.data && !goals.error && <Loading what="goals" />}
      {goals.data?.items.length === 0 && (
        <Empty>
          <p>No goal yet: set one on the Goals page.</p>
        </Empty>
      )}
      {goals.data && goals.data.items.length > 0 && (
        <ul class="goal-list">
          {goals.data.items.map((goal) => (
            <GoalHistory
              key={goal.id}
              goal={goal}
              timeZone={props.timeZone}
              base={base}
              onOpen={props.onOpen}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
