/**
 * Delivery data verification checks (verify-list.ts): deployments and releases, the two whose
 * deletions no webhook or list walk reliably shows (a deleted deployment sends nothing; a missed
 * `release` `deleted` is never repeated). Workflow runs and checks are not verified: runs are
 * re-read until finished and checks follow the heads (docs/sync.md, "Delivery data").
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { GitHubDeployment, GitHubRelease } from "../../normalize/github-delivery-types.js";
import { toId } from "../../normalize/ids.js";
import { applyDeployments, applyReleases } from "../../mirror/apply-delivery.js";
import { deployments, releases } from "../../store/schema.js";
import { markDeleted } from "../../store/tombstones.js";
import type { RepositoryRef } from "../context.js";
import type { ListCheck } from "./verify-list.js";

/** Whether an object's API `url` is under this repository (a transferred repository's answers move). */
function underRepository(url: string | undefined, repo: RepositoryRef): boolean {
  return (url ?? "").toLowerCase().includes(`/repos/${repo.fullName.toLowerCase()}/`);
}

export const deploymentsCheck: ListCheck<GitHubDeployment> = {
  entity: "deployments",
  listUrl: (repo) => `/repos/${repo.fullName}/deployments?per_page=100`,
  owns: () => true,
  idOf: (item) => toId(item.id),
  updatedAtOf: (item) => item.updated_at,
  stored: (db, repo) =>
    db
      .select({ id: deployments.id, updatedAt: deployments.updatedAt })
      .from(deployments)
      .where(and(eq(deployments.repositoryId, repo.id), isNull(deployments.deletedAt))),
  itemUrl: (repo, row) => `/repos/${repo.fullName}/deployments/${row.id}`,
  isHere: (item, repo) => underRepository(item.url, repo),
  write: (tx, repo, items) => applyDeployments(tx, repo.id, items),
  tombstone: (tx, ids) => markDeleted(tx, deployments, ids, new Date()),
};

/** Releases carry `updated_at` in REST only where GitHub sends it; their creation stands in. */
export const releasesCheck: ListCheck<GitHubRelease> = {
  entity: "releases",
  listUrl: (repo) => `/repos/${repo.fullName}/releases?per_page=100`,
  owns: () => true,
  idOf: (item) => item.id,
  updatedAtOf: (item) => item.updated_at ?? item.created_at,
  stored: (db, repo) =>
    db
      .select({
        id: releases.id,
        updatedAt: sql<Date>`coalesce(${releases.updatedAt}, ${releases.createdAt})`.mapWith(
          releases.createdAt,
        ),
      })
      .from(releases)
      .where(and(eq(releases.repositoryId, repo.id), isNull(releases.deletedAt))),
  itemUrl: (repo, row) => `/repos/${repo.fullName}/releases/${row.id}`,
  isHere: (item, repo) => underRepository(item.url, repo),
  write: (tx, repo, items) => applyReleases(tx, repo.id, items),
  tombstone: (tx, ids) => markDeleted(tx, releases, ids, new Date()),
};
