/**
 * Pages of mirrored rows for the list endpoints (contract/lists.ts). Each query reads one page
 * (`limit` rows, the caller asks one more to know a next page exists), newest first, after a
 * keyset cursor, under conditions the caller writes over fixed aliases: `r` the repository, and
 * `c` a commit, `p` a pull request, `rv` a review (with its pull request `p`), `ic` a comment.
 * Rows of deleted repositories and tombstoned rows are never listed; commits are those on the
 * default branch (as `ghsync stats` counts them).
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "./database.js";
import { queryRows } from "./raw-query.js";

export interface RowsPage {
  where: SQL;
  limit: number;
}

type Stamp = Date | string | null;

export interface CommitRow {
  repository: string;
  sha: string;
  author_login: string | null;
  author_name: string | null;
  authored_at: Stamp;
  committed_at: Stamp;
  message: string;
  additions: number | null;
  deletions: number | null;
  /** The keyset position: commit time to the microsecond (UTC), as the cursor carries it. */
  sort_key: string;
}

/** Commits by commit time, newest first; `after` is a previous row's (sort_key, sha). */
export function commitRows(
  db: Db,
  page: RowsPage & { after?: { sortKey: string; sha: string } | undefined },
): Promise<CommitRow[]> {
  const at = sql`coalesce(c.committed_at, timestamptz 'epoch')`;
  const after = page.after
    ? sql`and (${at}, c.sha) < ((${page.after.sortKey}::timestamp at time zone 'UTC'), ${page.after.sha})`
    : sql``;
  return queryRows<CommitRow>(
    db,
    sql`select r.full_name as repository, c.sha, a.login as author_login, c.author_name,
          c.authored_at, c.committed_at, c.message, c.additions, c.deletions,
          to_char(${at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as sort_key
        from commits c
        join repositories r on r.id = c.repository_id and r.deleted_at is null
        left join accounts a on a.id = c.author_id
        where c.on_default_branch and ${page.where} ${after}
        order by ${at} desc, c.sha desc
        limit ${page.limit}`,
  );
}

export interface PullRow {
  repository: string;
  id: string | number;
  number: number;
  title: string;
  author_login: string | null;
  state: string;
  draft: boolean;
  merged: boolean;
  created_at: Stamp;
  merged_at: Stamp;
  closed_at: Stamp;
}

/** Pull requests by id (creation order), newest first. */
export function pullRows(db: Db, page: RowsPage & { afterId?: number | undefined }): Promise<PullRow[]> {
  const after = page.afterId === undefined ? sql`` : sql`and p.id < ${page.afterId}`;
  return queryRows<PullRow>(
    db,
    sql`select r.full_name as repository, p.id, p.number, p.title, p.author_login, p.state, p.draft,
          p.merged, p.created_at, p.merged_at, p.closed_at
        from pull_requests p
        join repositories r on r.id = p.repository_id and r.deleted_at is null
        where p.deleted_at is null and ${page.where} ${after}
        order by p.id desc
        limit ${page.limit}`,
  );
}

export interface ReviewRow {
  repository: string;
  id: string | number;
  pull_number: number;
  pull_title: string;
  author_login: string | null;
  state: string;
  submitted_at: Stamp;
}

/** Reviews by id, newest first; reviews of tombstoned pull requests are gone with them. */
export function reviewRows(db: Db, page: RowsPage & { afterId?: number | undefined }): Promise<ReviewRow[]> {
  const after = page.afterId === undefined ? sql`` : sql`and rv.id < ${page.afterId}`;
  return queryRows<ReviewRow>(
    db,
    sql`select r.full_name as repository, rv.id, p.number as pull_number, p.title as pull_title,
          rv.author_login, rv.state, rv.submitted_at
        from pull_request_reviews rv
        join pull_requests p on p.id = rv.pull_request_id and p.deleted_at is null
        join repositories r on r.id = rv.repository_id and r.deleted_at is null
        where rv.deleted_at is null and ${page.where} ${after}
        order by rv.id desc
        limit ${page.limit}`,
  );
}

export interface CommentRow {
  repository: string;
  id: string | number;
  issue_number: number;
  author_login: string | null;
  created_at: Stamp;
  updated_at: Stamp;
  body: string | null;
}

/** Issue and pull request conversation comments by id, newest first. */
export function commentRows(
  db: Db,
  page: RowsPage & { afterId?: number | undefined },
): Promise<CommentRow[]> {
  const after = page.afterId === undefined ? sql`` : sql`and ic.id < ${page.afterId}`;
  return queryRows<CommentRow>(
    db,
    sql`select r.full_name as repository, ic.id, ic.issue_number, ic.author_login, ic.created_at,
          ic.updated_at, ic.body
        from issue_comments ic
        join repositories r on r.id = ic.repository_id and r.deleted_at is null
        where ic.deleted_at is null and ${page.where} ${after}
        order by ic.id desc
        limit ${page.limit}`,
  );
}
