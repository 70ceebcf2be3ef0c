/**
 * One tracked repository: state, live progress, last updated, synced and verified, counts, "Sync now",
 * "Re-read from GitHub" and untrack.
 */
import { useState } from "preact/hooks";
import { ApiError, api, canManage } from "../api.js";
import { ProgressBar } from "../components/progress-bar.js";
import { StatusBadge } from "../components/status-badge.js";
import { Time } from "../components/time.js";
import { formatCount, relativeTime } from "../format.js";
import { repositoryPath } from "../paths.js";
import { Link } from "../router.js";
import type { Repository } from "../../contract/repositories.js";
import { progressOf, type LiveProgress } from "./repository-progress.js";

interface RowProps {
  repo: Repository;
  live: LiveProgress | undefined;
  now: number;
  onDone: (text: string, error?: boolean) => void;
}

function StateCell({ repo, now }: { repo: Repository; now: number }) {
  return (
    <>
      <StatusBadge status={repo.state} />
      {repo.state === "waiting" && repo.resume_at && (
        <span class="detail">resumes {relativeTime(repo.resume_at, now)}</span>
      )}
      {repo.reason && <span class="detail">{repo.reason}</span>}
    </>
  );
}

/** The last verification: when, and what it repaired (the counts in its tooltip). */
function VerifiedDetail({ repo, now }: { repo: Repository; now: number }) {
  const last = repo.last_verification;
  if (!last) return <span class="detail">never verified</span>;
  const repaired = last.deleted + last.moved + last.changed + last.missing;
  const title = `${last.checked} rows checked: ${last.missing} missing, ${last.changed} changed, ${last.deleted} deleted, ${last.moved} moved`;
  return (
    <span class="detail" title={title}>
      verified {relativeTime(last.finished_at, now)} ·{" "}
      {repaired === 0 ? "nothing to repair" : `${formatCount(repaired)} repaired`}
    </span>
  );
}

/** An action that costs something asks first, in one line with its two answers. */
const CONFIRMS = {
  untrack: { question: "Stop syncing it? Its rows are kept.", yes: "Untrack", style: "danger" },
  reread: {
    question: "Re-read everything from GitHub? It costs a request per 100 rows of its rate limit.",
    yes: "Re-read",
    style: undefined,
  },
} as const;

function RowActions({ repo, onDone }: { repo: Repository; onDone: RowProps["onDone"] }) {
  const [confirming, setConfirming] = useState<keyof typeof CONFIRMS | null>(null);
  const [owner, name] = repo.full_name.split("/").map(encodeURIComponent);
  const act = async (what: string, run: () => Promise<unknown>) => {
    try {
      await run();
      onDone(what);
    } catch (reason) {
      onDone(`${repo.full_name}: ${reason instanceof ApiError ? reason.message : reason}`, true);
    }
  };
  if (repo.id === null) return null; // still being resolved: nothing to sync or untrack yet
  if (!canManage()) return null;
  if (!confirming) {
    return (
      <>
        <button
          type="button"
          onClick={() =>
            act(`Sync of ${repo.full_name} queued.`, () => api.post(`/api/sync/repos/${owner}/${name}`))
          }
        >
          Sync now<span class="visually-hidden"> {repo.full_name}</span>
        </button>
        <button type="button" class="secondary" onClick={() => setConfirming("reread")}>
          Re-read from GitHub<span class="visually-hidden"> {repo.full_name}</span>
        </button>
        <button type="button" class="secondary" onClick={() => setConfirming("untrack")}>
          Untrack<span class="visually-hidden"> {repo.full_name}</span>
        </button>
      </>
    );
  }
  const confirm = CONFIRMS[confirming];
  const run =
    confirming === "untrack"
      ? () => act(`${repo.full_name} is no longer tracked.`, () => api.delete(`/api/repos/${owner}/${name}`))
      : () =>
          act(`Re-read of ${repo.full_name} queued.`, () =>
            api.post(`/api/sync/repos/${owner}/${name}`, { refetch: true }),
          );
  return (
    <span role="group" aria-label={`${confirm.yes} ${repo.full_name}?`}>
      <span class="detail">{confirm.question}</span>
      <button
        type="button"
        class={confirm.style}
        onClick={() => void run().finally(() => setConfirming(null))}
      >
        {confirm.yes}
      </button>
      <button type="button" class="secondary" onClick={() => setConfirming(null)}>
        Keep
      </button>
    </span>
  );
}

export function RepositoryRow({ repo, live, now, onDone }: RowProps) {
  const progress = progressOf(repo, live, now);
  const c = repo.counts;
  return (
    <tr>
      <th scope="row" data-label="Repository">
        {repo.id === null ? (
          repo.full_name
        ) : (
          <Link href={repositoryPath(repo.full_name)}>{repo.full_name}</Link>
        )}
      </th>
      <td data-label="State">
        <StateCell repo={repo} now={now} />
      </td>
      <td data-label="Progress" class="wide">
        <ProgressBar
          percent={progress.percent}
          label={`${repo.full_name} sync progress`}
          text={progress.text}
        />
      </td>
      <td data-label="Last updated">
        {/* When data last arrived (a row or a webhook delivery), not when a sync last ran. */}
        <Time iso={repo.last_updated_at} now={now} />
        <span class="detail">
          {repo.last_synced_at ? `synced ${relativeTime(repo.last_synced_at, now)}` : "never synced"}
        </span>
        <VerifiedDetail repo={repo} now={now} />
      </td>
      <td data-label="Rows" class="counts">
        {formatCount(c.commits)} commits · {formatCount(c.pull_requests)} PRs · {formatCount(c.reviews)}{" "}
        reviews · {formatCount(c.issues)} issues · {formatCount(c.comments)} comments
      </td>
      <td data-label="Actions" class="actions">
        <RowActions repo={repo} onDone={onDone} />
      </td>
    </tr>
  );
}
