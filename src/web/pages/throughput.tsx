/** Merged pull requests per week, each count opening the week's pull requests. */
import { formatWeek } from "../format.js";

/** The Sunday of a week given by its Monday (both YYYY-MM-DD; calendar arithmetic, no zone). */
function sundayOf(monday: string): string {
  const at = new Date(`${monday}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + 6);
  return at.toISOString().slice(0, 10);
}

/**
 * The first and last weeks are cut at the report's window, as the counts are: their lists go
 * from the window's start and to its end instead of the whole week.
 */
export function Throughput(props: {
  weeks: readonly { week: string; merged: number }[];
  window: { from: string; to: string };
  onOpen: (week: string, since: string, until: string) => void;
}) {
  const last = props.weeks.length - 1;
  return (
    <section aria-labelledby="throughput-heading">
      <h2 id="throughput-heading">Throughput: pull requests merged per week</h2>
      <ul class="week-counts">
        {props.weeks.map((week, index) => (
          <li key={week.week}>
            <span class="muted">{formatWeek(week.week)}</span>{" "}
            <button
              type="button"
              class="figure-link"
              aria-label={`${week.merged} merged in the week of ${formatWeek(week.week)}, show them`}
              onClick={() =>
                props.onOpen(
                  week.week,
                  index === 0 ? props.window.from : week.week,
                  index === last ? props.window.to : sundayOf(week.week),
                )
              }
            >
              {week.merged}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
