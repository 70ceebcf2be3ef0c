/**
 * What a repository's progress bar shows: while a sync runs, the live figures of its job from the
 * event stream (X of Y requests, percent, ETA); otherwise the coverage of its requested depth.
 */
import { describeProgress, relativeTime } from "../format.js";
import type { SyncEvent } from "../../contract/events.js";
import type { Repository } from "../../contract/repositories.js";

export type LiveProgress = Extract<SyncEvent, { type: "sync:progress" }> & { complete?: boolean };

export function depthWords(depth: string): string {
  if (depth === "full") return "full history";
  const days = /^(\d+)d$/.exec(depth);
  if (days) return `last ${days[1]} days`;
  return /^\d{4}-\d{2}-\d{2}/.test(depth) ? `since ${depth.slice(0, 10)}` : depth;
}

export function progressOf(
  repo: Repository,
  live: LiveProgress | undefined,
  now: number,
): { percent: number; text: string } {
  const running = repo.state === "syncing" || repo.state === "queued";
  if (live && (!live.complete || running)) {
    if (live.waiting_until) {
      return {
        percent: live.percent,
        text: `${describeProgress(live)}; paused for the rate limit, resumes ${relativeTime(live.waiting_until, now)}`,
      };
    }
    return { percent: live.percent, text: describeProgress(live) };
  }
  const percent = repo.state === "up_to_date" ? 100 : repo.coverage;
  return { percent, text: `${percent}% of ${depthWords(repo.depth)}` };
}

/** The event stream's job events keyed by repository; the latest figures of each running sync. */
export function applyEvent(
  live: ReadonlyMap<string, LiveProgress>,
  event: SyncEvent,
): Map<string, LiveProgress> {
  const next = new Map(live);
  const key = event.repository.toLowerCase();
  if (event.type === "sync:progress") next.set(key, event);
  else if (event.type === "sync:complete") {
    const last = live.get(key);
    if (last) next.set(key, { ...last, done: last.total, percent: 100, eta_s: 0, complete: true });
  } else if (event.type === "sync:error") next.delete(key);
  return next;
}
