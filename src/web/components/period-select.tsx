/** The period a person or repository page reports on: the last 7, 30 or 90 days. */
import { useMemo, useState } from "preact/hooks";

const CHOICES = [7, 30, 90] as const;
const DAY_MS = 86_400_000;

/** The chosen number of days and the window's start (fixed when chosen, so reloads agree). */
export function usePeriod(): { days: number; from: string; choose: (days: number) => void } {
  const [days, setDays] = useState(30);
  const from = useMemo(
    () => new Date(Math.floor(Date.now() / 60_000) * 60_000 - days * DAY_MS).toISOString(),
    [days],
  );
  return { days, from, choose: setDays };
}

export function PeriodSelect(props: { id: string; days: number; onChange: (days: number) => void }) {
  return (
    <div class="field">
      <label for={props.id}>Period</label>
      <select
        id={props.id}
        value={props.days}
        onChange={(event) => props.onChange(Number(event.currentTarget.value))}
      >
        {CHOICES.map((days) => (
          <option key={days} value={days}>
            Last {days} days
          </option>
        ))}
      </select>
    </div>
  );
}
