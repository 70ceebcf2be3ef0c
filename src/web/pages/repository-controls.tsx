/** The repository table's search box, filter and sort, as a form whose changes apply at once. */
import { FILTERS, SORTS, type Filter, type RepositoryView, type Sort } from "./repository-view.js";

export function RepositoryControls(props: {
  view: RepositoryView;
  onChange: (view: RepositoryView) => void;
  shown: number;
  total: number;
}) {
  const { view, onChange } = props;
  return (
    <form
      class="filters"
      role="search"
      aria-label="Repositories"
      onSubmit={(event) => event.preventDefault()}
    >
      <div class="field">
        <label for="repo-search">Search by name</label>
        <input
          id="repo-search"
          type="search"
          value={view.search}
          placeholder="acme/web"
          onInput={(event) => onChange({ ...view, search: event.currentTarget.value })}
        />
      </div>
      <div class="field">
        <label for="repo-filter">Show</label>
        <select
          id="repo-filter"
          value={view.filter}
          onChange={(event) => onChange({ ...view, filter: event.currentTarget.value as Filter })}
        >
          {Object.entries(FILTERS).map(([key, words]) => (
            <option key={key} value={key}>
              {words}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="repo-sort">Sort by</label>
        <select
          id="repo-sort"
          value={view.sort}
          onChange={(event) => onChange({ ...view, sort: event.currentTarget.value as Sort })}
        >
          {Object.entries(SORTS).map(([key, words]) => (
            <option key={key} value={key}>
              {words}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="repo-order">Order</label>
        <select
          id="repo-order"
          value={view.descending ? "desc" : "asc"}
          onChange={(event) => onChange({ ...view, descending: event.currentTarget.value === "desc" })}
        >
          <option value="asc">Ascending</option>
          <option value="desc">Descending</option>
        </select>
      </div>
      <p class="detail" role="status">
        {props.shown === props.total
          ? `${props.total} repositories`
          : `${props.shown} of ${props.total} repositories`}
      </p>
    </form>
  );
}

/** A column header that sorts by its column: again to reverse (aria-sort says how it is sorted). */
export function SortHeader(props: {
  sort: Sort;
  view: RepositoryView;
  onChange: (view: RepositoryView) => void;
}) {
  const { sort, view } = props;
  const active = view.sort === sort;
  return (
    <th scope="col" aria-sort={active ? (view.descending ? "descending" : "ascending") : undefined}>
      <button
        type="button"
        class="sort"
        onClick={() => props.onChange({ ...view, sort, descending: active ? !view.descending : false })}
      >
        {SORTS[sort]}
        <span aria-hidden="true">{active ? (view.descending ? " ▼" : " ▲") : ""}</span>
      </button>
    </th>
  );
}
