/**
 * The rows behind a number (a drill-down): the list endpoint's pages in a table, "Show more" for
 * the next page, and the whole list as a CSV or JSON download (`?format=`, the same filters).
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, api, query } from "../api.js";
import type { Page } from "../../contract/page.js";
import { Empty, Failure } from "./states.js";

export interface Column {
  key: string;
  label: string;
  /** How the cell reads; default: the value as text, "—" when empty. */
  format?: (value: unknown, row: Record<string, unknown>) => string;
}

/** What a number opens: the list's API path and filters, and the columns to show. */
export interface DrillDown {
  title: string;
  path: string;
  params: Record<string, string | undefined>;
  columns: readonly Column[];
}

const PAGE_SIZE = 50;

const plain = (value: unknown) =>
  value === null || value === undefined || value === ""
    ? "—"
    : Array.isArray(value)
      ? value.join(", ")
      : String(value);

export function RowList({ drill, onClose }: { drill: DrillDown; onClose: () => void }) {
  const [rows, setRows] = useState<Record<string, unknown>[]>([]);
  const [next, setNext] = useState<string | null | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const heading = useRef<HTMLHeadingElement>(null);
  // Where the keyboard was when the list opened (the number's button): back there on Close.
  const opener = useRef<HTMLElement | null>(null);
  const url = (extra: Record<string, string | number | undefined>) =>
    `${drill.path}${query({ ...drill.params, ...extra })}`;
  const key = url({});

  const load = (cursor: string | undefined) =>
    api.get<Page<Record<string, unknown>>>(url({ limit: PAGE_SIZE, cursor })).then(
      (page) => {
        setRows((current) => (cursor === undefined ? page.items : [...current, ...page.items]));
        setNext(page.next_cursor);
        setError(undefined);
      },
      (reason: unknown) =>
        setError(reason instanceof ApiError ? reason : new ApiError(0, "client", String(reason))),
    );
  useEffect(() => {
    setRows([]);
    setNext(undefined);
    void load(undefined);
    if (document.activeElement !== heading.current)
      opener.current = document.activeElement as HTMLElement | null;
    heading.current?.focus();
  }, [key]);
  const close = () => {
    onClose();
    opener.current?.focus();
  };

  return (
    <section aria-labelledby="rows-heading" class="row-list">
      <h2 id="rows-heading" tabIndex={-1} ref={heading}>
        {drill.title}
      </h2>
      <p class="row-list-tools">
        <span role="status">
          {next === undefined
            ? "Loading…"
            : `${rows.length} ${rows.length === 1 ? "row" : "rows"}${next ? " so far" : ""}`}
        </span>
        <a class="button secondary" href={url({ format: "csv" })} download>
          Export CSV
        </a>
        <a class="button secondary" href={url({ format: "json" })} download>
          Export JSON
        </a>
        <button type="button" class="secondary" onClick={close}>
          Close
        </button>
      </p>
      {error && <Failure what="the rows" error={error} onRetry={() => void load(undefined)} />}
      {next === null && rows.length === 0 && (
        <Empty>
          <p>No rows.</p>
        </Empty>
      )}
      {rows.length > 0 && (
        <table class="cards">
          <thead>
            <tr>
              {drill.columns.map((column) => (
                <th scope="col" key={column.key}>
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index}>
                {drill.columns.map((column) => (
                  <td data-label={column.label} key={column.key}>
                    {(column.format ?? plain)(row[column.key], row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && (
        <button type="button" class="secondary" onClick={() => void load(next)}>
          Show more
        </button>
      )}
    </section>
  );
}
