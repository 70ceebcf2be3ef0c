/**
 * Releases (drafts included when the token can see them). `tag_sha` is not in the release object:
 * it is left out here and written from the tag list where the collector reads it.
 */
import { toId, toOptionalId } from "./ids.js";
import type { releases } from "../store/schema.js";
import { cleanText, requireDate, toDate } from "./dates.js";
import type { GitHubRelease } from "./github-delivery-types.js";

export type ReleaseRow = typeof releases.$inferInsert;

export function normalizeRelease(repositoryId: number, release: GitHubRelease): ReleaseRow {
  return {
    id: toId(release.id),
    repositoryId,
    tagName: release.tag_name,
    targetCommitish: release.target_commitish ?? null,
    name: cleanText(release.name),
    draft: release.draft ?? false,
    prerelease: release.prerelease ?? false,
    authorId: toOptionalId(release.author?.id),
    authorLogin: release.author?.login ?? null,
    createdAt: requireDate(release.created_at, "release created_at"),
    publishedAt: toDate(release.published_at),
    // REST sends `updated_at`; webhook payloads do not: then arrival order decides, and neither
    // `updated_at` nor `deleted_at` is written, so a late delivery never revives a deleted release.
    ...(release.updated_at ? { updatedAt: toDate(release.updated_at), deletedAt: null } : {}),
  };
}
