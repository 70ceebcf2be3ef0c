/** Filters of the Activity page: repository, person and date range (applied when sent). */
import { useState } from "preact/hooks";
import { api } from "../api.js";
import { PersonSelect, usePeople } from "../components/person-picker.js";
import type { Page } from "../../contract/page.js";
import type { Repository } from "../../contract/repositories.js";
import { useResource } from "../use-resource.js";
import { DateRangeFields } from "../components/date-range.js";

export interface ActivityFilter {
  repo: string;
  user: string;
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The last 12 weeks up to today. */
export function defaultFilter(now = Date.now()): ActivityFilter {
  return { repo: "", user: "", from: day(now - 83 * DAY_MS), to: day(now) };
}

export function ActivityFilters({
  initial,
  onApply,
}: {
  initial: ActivityFilter;
  onApply: (filter: ActivityFilter) => void;
}) {
  const [filter, setFilter] = useState(initial);
  const repos = useResource(() => api.get<Page<Repository>>("/api/repos?limit=500"), "activity-repos");
  const people = usePeople();
  const set = (key: keyof ActivityFilter) => (value: string) => setFilter({ ...filter, [key]: value });
  return (
    <form
      class="filters"
      aria-label="Filter activity"
      onSubmit={(event) => {
        event.preventDefault();
        onApply(filter);
      }}
    >
      <div class="field">
        <label for="activity-repo">Repository</label>
        <select
          id="activity-repo"
          value={filter.repo}
          onChange={(event) => set("repo")(event.currentTarget.value)}
        >
          <option value="">Every repository</option>
          {repos.data?.items.map((repo) => (
            <option key={repo.full_name} value={repo.full_name}>
              {repo.full_name}
            </option>
          ))}
        </select>
      </div>
      <PersonSelect
        id="activity-person"
        people={people.data?.items ?? []}
        value={filter.user}
        onChange={set("user")}
        everyone="Everyone"
      />
      <DateRangeFields
        idPrefix="activity"
        from={filter.from}
        to={filter.to}
        onFrom={set("from")}
        onTo={set("to")}
      />
      <button type="submit">Show activity</button>
    </form>
  );
}
