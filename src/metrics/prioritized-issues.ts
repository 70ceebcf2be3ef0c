/**
 * `GET /api/repos/:owner/:repo/issues?sort=priority`: a repository's issues with their triage
 * (issue-priority.ts), highest priority first, then oldest first. Priority depends on age, so it
 * is computed at request time over the repository's issues of the requested state; the cursor is
 * the last item's (priority, number), and a page boundary may shift as issues age between pages.
 */
import { and, eq, gte, isNull, lt, sql } from "drizzle-orm";
import type { Severity } from "../contract/enums.js";
import type { Db } from "../store/database.js";
import { issues } from "../store/schema.js";
import { GhsyncError } from "../util/errors.js";
import { triageIssue, type IssueTriage } from "./issue-priority.js";
import { findRepository } from "./repo-metrics.js";

export type IssueState = "open" | "closed" | "all";

export interface PrioritizedIssue extends IssueTriage {
  number: number;
  title: string;
  state: string;
  labels: string[];
  assignees: string[];
  author_login: string | null;
  created_at: string;
  closed_at: string | null;
}

/** Narrowing of the list (contract/lists.ts): rows by author and time, triage by severity and flags. */
export interface IssueFilters {
  author?: string | undefined;
  /** Included. */
  since?: Date | null;
  /** Excluded. */
  until?: Date | null;
  date?: "created" | "closed";
  severity?: Severity | undefined;
  slaBreached?: boolean | undefined;
  blocker?: boolean | undefined;
}

export interface IssuePage {
  items: PrioritizedIssue[];
  next_cursor: string | null;
}

function parseCursor(cursor: string): { priority: number; number: number } {
  const match = /^(\d{1,3})\.(\d+)$/.exec(cursor);
  if (!match)
    throw new GhsyncError("invalid_cursor", `cursor "${cursor}" is not one this API returned`, {
      status: 400,
    });
  return { priority: Number(match[1]), number: Number(match[2]) };
}

/** Higher priority first; equal priority: lower number (older) first. */
function compare(a: PrioritizedIssue, b: { priority: number; number: number }): number {
  return b.priority - a.priority || a.number - b.number;
}

export async function prioritizedIssues(
  db: Db,
  fullName: string,
  options: { state: IssueState; limit: number; cursor?: string | undefined; now?: Date },
  filters: IssueFilters = {},
): Promise<IssuePage> {
  const repo = await findRepository(db, fullName);
  const now = options.now ?? new Date();
  const stateCondition = options.state === "all" ? undefined : eq(issues.state, options.state);
  const dated = filters.date === "closed" ? issues.closedAt : issues.createdAt;
  const rows = await db
    .select()
    .from(issues)
    .where(
      and(
        eq(issues.repositoryId, repo.id),
        isNull(issues.deletedAt),
        stateCondition,
        filters.author === undefined
          ? undefined
          : sql`lower(${issues.authorLogin}) = lower(${filters.author})`,
        filters.since ? gte(dated, filters.since) : undefined,
        filters.until ? lt(dated, filters.until) : undefined,
      ),
    );
  const all = rows
    .map((row) => ({
      number: row.number,
      title: row.title,
      state: row.state,
      labels: row.labels,
      assignees: row.assignees,
      author_login: row.authorLogin,
      created_at: row.createdAt.toISOString(),
      closed_at: row.closedAt?.toISOString() ?? null,
      ...triageIssue({ labels: row.labels, createdAt: row.createdAt, closedAt: row.closedAt }, now),
    }))
    .filter(
      (item) =>
        (filters.severity === undefined || item.severity === filters.severity) &&
        (filters.slaBreached === undefined || item.sla_breached === filters.slaBreached) &&
        (filters.blocker === undefined || item.blocker === filters.blocker),
    )
    .sort(compare);
  const after = options.cursor === undefined ? undefined : parseCursor(options.cursor);
  const start = after === undefined ? 0 : all.findIndex((item) => compare(item, after) > 0);
  const items = start < 0 ? [] : all.slice(start, start + options.limit);
  const last = items.at(-1);
  const more = start >= 0 && start + options.limit < all.length;
  return { items, next_cursor: more && last ? `${last.priority}.${last.number}` : null };
}
