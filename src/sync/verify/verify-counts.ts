/** What a verification found and repaired, per repository and in total (DESIGN.md, `ghsync verify`). */
import type { VerifyCounts } from "../../contract/jobs.js";

export type { VerifyCounts };

export function emptyVerifyCounts(): VerifyCounts {
  return { checked: 0, deleted: 0, moved: 0, changed: 0, missing: 0 };
}
