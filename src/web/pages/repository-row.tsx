/** One tracked repository: state, live progress, last synced, counts, "Sync now" and untrack. */
import { useState } from "preact/hooks";
import { ApiError, api } from "../api.js";
import { ProgressBar } from "../components/progress-bar.js";
import { StatusBadge } from "../components/status-badge.js";
import { Time } from "../components/time.js";
import { formatCount, relativeTime } from "../format.js";
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

function RowActions({ repo, onDone }: { repo: Repository; onDone: RowProps["onDone"] }) {
  const [confirming, setConfirming] = useState(false);
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
        <button type="button" class="secondary" onClick={() => setConfirming(true)}>
          Untrack<span class="visually-hidden"> {repo.full_name}</span>
        </button>
      </>
    );
  }
  const untrack = () =>
    act(`${repo.full_name} is no longer tracked.`, () => api.delete(`/api/repos/${owner}/${name}`)).finally(
      () => setConfirming(false),
    );
  return (
    <span role="group" aria-label={`Untrack ${repo.full_name}?`}>
      <span class="detail">Stop syncing it? Its rows are kept.</span>
      <button type="button" class="danger" onClick={untrack}>
        Untrack
      </button>
      <button type="button" class="secondary" onClick={() => setConfirming(false)}>
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
        {repo.full_name}
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
      <td data-label="Last synced">
        <Time iso={repo.last_synced_at} now={now} />
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
