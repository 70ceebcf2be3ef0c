/** Filters of the job history: type, status and repository (applied when the form is sent). */
import { useState } from "preact/hooks";
import { JOB_STATUSES, JOB_TYPES } from "../../contract/enums.js";

export interface JobFilter {
  type: string;
  status: string;
  repo: string;
}

export const NO_FILTER: JobFilter = { type: "", status: "", repo: "" };

const words = (value: string) => value.replaceAll("_", " ");

export function JobFilters({ onApply }: { onApply: (filter: JobFilter) => void }) {
  const [filter, setFilter] = useState<JobFilter>(NO_FILTER);
  const set = (key: keyof JobFilter) => (event: { currentTarget: { value: string } }) =>
    setFilter({ ...filter, [key]: event.currentTarget.value });
  return (
    <form
      class="filters"
      aria-label="Filter jobs"
      onSubmit={(event) => {
        event.preventDefault();
        onApply({ ...filter, repo: filter.repo.trim() });
      }}
    >
      <div class="field">
        <label for="job-type">Type</label>
        <select id="job-type" value={filter.type} onChange={set("type")}>
          <option value="">All types</option>
          {JOB_TYPES.map((type) => (
            <option key={type} value={type}>
              {words(type)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="job-status">Status</label>
        <select id="job-status" value={filter.status} onChange={set("status")}>
          <option value="">All statuses</option>
          {JOB_STATUSES.map((status) => (
            <option key={status} value={status}>
              {words(status)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="job-repo">Repository</label>
        <input id="job-repo" placeholder="acme/web" value={filter.repo} onInput={set("repo")} />
      </div>
      <button type="submit">Apply filters</button>
    </form>
  );
}
