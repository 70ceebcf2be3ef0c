/** What a verification found and repaired, per repository and in total (DESIGN.md, `ghsync verify`). */
export interface VerifyCounts {
  /** Rows compared with GitHub (those mirrored, and those found missing). */
  checked: number;
  /** Rows GitHub no longer has (confirmed by a 404, a 410 or a move elsewhere): tombstoned. */
  deleted: number;
  /** Repositories found under another name or owner (followed by id): renamed in the mirror. */
  moved: number;
  /** Rows whose `updated_at` differs from GitHub's: rewritten. */
  changed: number;
  /** Rows GitHub has and the mirror lacked (a page shift, a dropped delivery): written. */
  missing: number;
}

export function emptyVerifyCounts(): VerifyCounts {
  return { checked: 0, deleted: 0, moved: 0, changed: 0, missing: 0 };
}
