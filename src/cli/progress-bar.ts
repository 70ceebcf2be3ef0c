/** The sync's progress bar on stderr (only when stderr is a terminal: logs and pipes stay clean). */
import cliProgress from "cli-progress";
import type { Progress, ProgressSnapshot } from "../sync/progress.js";

/** "in 3 min", "in 45 s", "in 2 h 5 min". */
function inWords(seconds: number): string {
  if (seconds < 60) return `${Math.max(0, Math.round(seconds))} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return minutes % 60 === 0
    ? `${Math.floor(minutes / 60)} h`
    : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** What the bar says after its numbers: the rate-limit wait in local time, or the task at work. */
export function barStatus(
  snapshot: ProgressSnapshot,
  now: Date,
  timeZone?: string,
): { current: string; eta: string } {
  const eta = snapshot.etaSeconds === null ? "ETA unknown" : `ETA ${inWords(snapshot.etaSeconds)}`;
  if (!snapshot.waitingUntil) return { current: snapshot.current ?? "", eta };
  const clock = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone }).format(
    snapshot.waitingUntil,
  );
  const left = inWords((snapshot.waitingUntil.getTime() - now.getTime()) / 1_000);
  return { current: `waiting for the rate-limit reset until ${clock} (in ${left})`, eta };
}

export function attachProgressBar(
  progress: Progress,
  stream: NodeJS.WriteStream = process.stderr,
): () => void {
  if (!stream.isTTY) return () => undefined;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      // The bar runs over the sync's own percent, which never goes backwards (progress.ts), with
      // the requests done of those found beside it; the ETA is the sync's own (rate-limit waits
      // included), not the bar's guess from its pace.
      format: "{bar} {done}/{found} requests {percentage}% {eta_text} {current}",
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(100, 0, { current: "", eta_text: "", done: 0, found: 0 });
  const unsubscribe = progress.subscribe((snapshot) => {
    const { current, eta } = barStatus(snapshot, new Date());
    bar.update(snapshot.percent, { current, eta_text: eta, done: snapshot.done, found: snapshot.total });
  });
  return () => {
    unsubscribe();
    bar.stop();
  };
}
