/**
 * The reads that follow a REST backfill's pull request list, one pull request at a time (reviews,
 * then details): reserved in the run's progress as soon as the list's size is estimated, released
 * by each collector once it has counted its own work (progress.ts: the percent never goes back).
 */
import type { RepositoryRef } from "../context.js";

/** Requests per PR when nothing needs a second page: detail, commits, timeline. */
export const DETAIL_REQUESTS_PER_PULL = 3;

export const reviewsAhead = (repo: RepositoryRef) => `${repo.fullName} reviews ahead`;
export const detailsAhead = (repo: RepositoryRef) => `${repo.fullName} pull request details ahead`;
