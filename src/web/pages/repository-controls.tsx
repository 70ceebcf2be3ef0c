/** The repository table's search box, filter and sort, as a form whose changes apply at once. */
import { FILTERS, SORTS, type RepositoryView, type Sort } from "./repository-view.js";

const ORDERS = { asc: "Ascending", desc: "Descending" } as const;

/** A labelled select of `choices` (value → words). */
function Choice<K extends string>(props: {
  id: string;
  label: string;
  choices: Record<K, string>;
  value: K;
  onChange: (value: K) => void;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={props.value}
        onChange={(event) => props.onChange(event.currentTarget.value as K)}
      >
        {(Object.entries(props.choices) as [K, string][]).map(([key, words]) => (
          <option key={key} value={key}>
            {words}
          </option>
        ))}
      </select>
    </div>
  );
}

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
      <Choice
        id="repo-filter"
        label="Show"
        choices={FILTERS}
        value={view.filter}
        onChange={(filter) => onChange({ ...view, filter })}
      />
      <Choice
        id="repo-sort"
        label="Sort by"
        choices={SORTS}
        value={view.sort}
        onChange={(sort) => onChange({ ...view, sort })}
      />
      <Choice
        id="repo-order"
        label="Order"
        choices={ORDERS}
        value={view.descending ? "desc" : "asc"}
        onChange={(order) => onChange({ ...view, descending: order === "desc" })}
      />
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
