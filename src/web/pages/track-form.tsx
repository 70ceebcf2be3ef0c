/** "Track a repository": OWNER/REPO and the depth of its first backfill → POST /api/repos. */
import { useState } from "preact/hooks";
import { ApiError, api } from "../api.js";
import type { TrackAnswer, TrackBody } from "../../contract/jobs.js";
import { depthWords } from "./repository-progress.js";

type DepthChoice = "30d" | "full" | "since";

export function TrackForm({ onTracked }: { onTracked: (text: string, error?: boolean) => void }) {
  const [fullName, setFullName] = useState("");
  const [choice, setChoice] = useState<DepthChoice>("30d");
  const [since, setSince] = useState("");
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      const depth = choice === "since" ? since : choice;
      const answer = await api.post<TrackAnswer>("/api/repos", {
        full_name: fullName.trim(),
        depth,
      } satisfies TrackBody);
      onTracked(
        `Tracking ${answer.full_name} (${depthWords(answer.depth)}): ${answer.joined ? "joined the pending" : "queued a"} sync, job ${answer.job_id}.`,
      );
      setFullName("");
    } catch (reason) {
      onTracked(`Could not track ${fullName}: ${reason instanceof ApiError ? reason.message : reason}`, true);
    } finally {
      setBusy(false);
    }
  };

  const radio = (value: DepthChoice, words: string) => (
    <label class="choice">
      <input
        type="radio"
        name="depth"
        value={value}
        checked={choice === value}
        onChange={() => setChoice(value)}
      />
      {words}
    </label>
  );

  return (
    <form class="track-form" onSubmit={submit} aria-labelledby="track-heading">
      <h2 id="track-heading">Track a repository</h2>
      <div class="field">
        <label for="full-name">Repository (OWNER/REPO)</label>
        <input
          id="full-name"
          name="full_name"
          required
          pattern="[\w.\-]+/[\w.\-]+"
          placeholder="acme/web"
          autocomplete="off"
          value={fullName}
          onInput={(event) => setFullName(event.currentTarget.value)}
        />
      </div>
      <fieldset>
        <legend>History to mirror first</legend>
        {radio("30d", "Last 30 days")}
        {radio("full", "Full history")}
        {radio("since", "Since a date")}
        <label for="since-date" class={choice === "since" ? "" : "visually-hidden"}>
          Since
        </label>
        <input
          id="since-date"
          type="date"
          required={choice === "since"}
          disabled={choice !== "since"}
          hidden={choice !== "since"}
          max={new Date().toISOString().slice(0, 10)}
          value={since}
          onInput={(event) => setSince(event.currentTarget.value)}
        />
      </fieldset>
      <button type="submit" disabled={busy}>
        {busy ? "Tracking…" : "Track"}
      </button>
    </form>
  );
}
