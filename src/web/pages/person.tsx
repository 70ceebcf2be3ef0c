/**
 * A person's page (`/people/:login`): cycle, pickup and review time, PR size, throughput, streak,
 * achievements and goals with their history, over a chosen period; every count opens the rows
 * behind it (with CSV and JSON export), and the person's GitHub accounts are linked here.
 */
import { useState } from "preact/hooks";
import { api } from "../api.js";
import { DrillFigures, type DrillFigure } from "../components/drill-figures.js";
import { PeriodSelect, usePeriod } from "../components/period-select.js";
import { RowList, type DrillDown } from "../components/row-list.js";
import { Failure, Loading } from "../components/states.js";
import { formatCount, formatWeek } from "../format.js";
import type { UserMetrics } from "../../contract/metrics.js";
import type { Person } from "../../contract/people.js";
import { useResource } from "../use-resource.js";
import {
  commitsDrill,
  pullCountFigures,
  pullTimingFigures,
  pullsDrill,
  reviewsDrill,
  within,
} from "./drill-downs.js";
import { PersonAccounts } from "./person-accounts.js";
import { PersonGoals } from "./person-goals.js";
import { Throughput } from "./throughput.js";

function figuresOf(report: UserMetrics, base: string): DrillFigure[] {
  const range = within(report);
  return [
    {
      name: "Commits",
      value: formatCount(report.commits),
      drill: commitsDrill(base, "Commits", { ...range, date: "authored" }),
    },
    ...pullCountFigures(report, base),
    {
      name: "Reviews given",
      value: formatCount(report.reviews_given),
      drill: reviewsDrill(base, "Reviews of others' pull requests", { ...range, others_only: "true" }),
    },
    ...pullTimingFigures(report, base),
    { name: "Streak (days)", value: formatCount(report.streak.current) },
    { name: "Longest streak", value: formatCount(report.streak.longest) },
  ];
}

/** The person's own record (name, accounts) once the metrics said who `/people/:login` is. */
function PersonRecord(props: { login: string; onOpen: (drill: DrillDown) => void; onChanged: () => void }) {
  const person = useResource(
    () => api.get<Person>(`/api/users/${encodeURIComponent(props.login)}`),
    props.login,
  );
  if (person.error)
    return <Failure what={`${props.login}'s record`} error={person.error} onRetry={person.reload} />;
  if (!person.data) return <Loading what={`${props.login}'s goals and accounts`} />;
  return (
    <>
      {person.data.name && <p class="muted">{person.data.name}</p>}
      <PersonGoals login={person.data.login} timeZone={person.data.timezone} onOpen={props.onOpen} />
      <PersonAccounts
        person={person.data}
        onChanged={() => {
          person.reload();
          props.onChanged();
        }}
      />
    </>
  );
}

/** `:login` is a ghsync login or a GitHub login linked to the person (the metrics find either). */
export function PersonPage({ params }: { params: readonly string[] }) {
  const asked = params[0] ?? "";
  const period = usePeriod();
  const [drill, setDrill] = useState<DrillDown | null>(null);
  const report = useResource(
    () => api.get<UserMetrics>(`/api/metrics/users/${encodeURIComponent(asked)}?from=${period.from}`),
    `${asked}:${period.from}`,
  );
  const data = report.data;
  const login = data?.login ?? asked;
  const base = `/api/users/${encodeURIComponent(login)}`;
  return (
    <>
      <h1>{login}</h1>
      <div class="filters page-period">
        <PeriodSelect id="person-period" days={period.days} onChange={period.choose} />
      </div>
      {report.error && <Failure what={`${login}'s numbers`} error={report.error} onRetry={report.reload} />}
      {!data && !report.error && <Loading what={`${login}'s numbers`} />}
      {data && (
        <section aria-labelledby="person-numbers">
          <h2 id="person-numbers">
            Last {period.days} days <span class="muted">({data.time_zone})</span>
          </h2>
          <DrillFigures figures={figuresOf(data, base)} onOpen={setDrill} />
        </section>
      )}
      {drill && <RowList drill={drill} onClose={() => setDrill(null)} />}
      {data && (
        <Throughput
          weeks={data.throughput}
          window={data}
          onOpen={(week, since, until) =>
            setDrill(
              pullsDrill(base, `Merged in the week of ${formatWeek(week)}`, {
                since,
                until,
                state: "merged",
                date: "merged",
              }),
            )
          }
        />
      )}
      {data && (
        <section aria-labelledby="achievements-heading">
          <h2 id="achievements-heading">Achievements</h2>
          <ul class="badges-list">
            {data.achievements.map((achievement) => (
              <li key={achievement.id}>
                <strong>{achievement.title}</strong>{" "}
                <span class="muted">
                  {achievement.achieved_on ? `on ${achievement.achieved_on}` : "not yet"}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {data && <PersonRecord login={data.login} onOpen={setDrill} onChanged={report.reload} />}
    </>
  );
}
