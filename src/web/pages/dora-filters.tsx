/** Filters of the Delivery page: the scope (organization, repository or team) and the days. */
import { useEffect, useState } from "preact/hooks";
import { api } from "../api.js";
import type { Page } from "../../contract/page.js";
import type { Repository } from "../../contract/repositories.js";
import { useResource } from "../use-resource.js";
import { DateRangeFields } from "../components/date-range.js";

export type ScopeKind = "org" | "repo" | "team";

export interface DoraFilter {
  kind: ScopeKind;
  value: string;
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The last 30 days up to today (UTC), the command's default; no scope yet. */
export function defaultDoraFilter(now = Date.now()): DoraFilter {
  return { kind: "org", value: "", from: day(now - 29 * DAY_MS), to: day(now) };
}

const PLACEHOLDER: Record<ScopeKind, string> = { org: "acme", repo: "acme/web", team: "acme/platform" };

/** Repositories of the mirror, and a scope to start from: the first repository's organization. */
export function useRepositories() {
  return useResource(() => api.get<Page<Repository>>("/api/repos?limit=500"), "dora-repos");
}

export function DoraFilters({
  initial,
  repositories,
  onApply,
}: {
  initial: DoraFilter;
  repositories: readonly Repository[];
  onApply: (filter: DoraFilter) => void;
}) {
  const [filter, setFilter] = useState(initial);
  useEffect(() => setFilter(initial), [initial]);
  const set = (key: keyof DoraFilter) => (value: string) => setFilter({ ...filter, [key]: value });
  const owners = [...new Set(repositories.map((repo) => repo.full_name.split("/")[0] ?? ""))];
  const suggestions =
    filter.kind === "org" ? owners : filter.kind === "repo" ? repositories.map((r) => r.full_name) : [];
  return (
    <form
      class="filters"
      aria-label="Filter delivery"
      onSubmit={(event) => {
        event.preventDefault();
        onApply(filter);
      }}
    >
      <div class="field">
        <label for="dora-kind">Scope</label>
        <select
          id="dora-kind"
          value={filter.kind}
          onChange={(event) =>
            setFilter({ ...filter, kind: event.currentTarget.value as ScopeKind, value: "" })
          }
        >
          <option value="org">Organization</option>
          <option value="repo">Repository</option>
          <option value="team">Team</option>
        </select>
      </div>
      <div class="field">
        <label for="dora-value">
          {filter.kind === "org" ? "Organization" : filter.kind === "repo" ? "Repository" : "Team (org/team)"}
        </label>
        <input
          id="dora-value"
          required
          list="dora-suggestions"
          placeholder={PLACEHOLDER[filter.kind]}
          value={filter.value}
          onInput={(event) => set("value")(event.currentTarget.value.trim())}
        />
        <datalist id="dora-suggestions">
          {suggestions.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      </div>
      <DateRangeFields
        idPrefix="dora"
        from={filter.from}
        to={filter.to}
        onFrom={set("from")}
        onTo={set("to")}
      />
      <button type="submit">Show delivery</button>
    </form>
  );
}
