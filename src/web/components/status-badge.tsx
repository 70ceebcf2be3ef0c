/** A state in plain words, coloured by what it means (good, busy, waiting, bad, neutral). */
type Tone = "good" | "busy" | "wait" | "bad" | "neutral";

const WORDS: Record<string, [string, Tone]> = {
  up_to_date: ["Up to date", "good"],
  not_synced: ["Not synced yet", "neutral"],
  syncing: ["Syncing", "busy"],
  running: ["Running", "busy"],
  queued: ["Queued", "neutral"],
  waiting: ["Waiting for rate limit", "wait"],
  failed: ["Failed", "bad"],
  completed: ["Completed", "good"],
  cancelled: ["Cancelled", "neutral"],
  received: ["Received", "busy"],
  processed: ["Processed", "good"],
  rejected: ["Rejected", "bad"],
  ignored: ["Ignored", "neutral"],
  valid: ["Valid", "good"],
  invalid: ["Invalid", "bad"],
};

export function StatusBadge({ status }: { status: string }) {
  const [words, tone] = WORDS[status] ?? [status.replaceAll("_", " "), "neutral"];
  return <span class={`badge ${tone}`}>{words}</span>;
}
