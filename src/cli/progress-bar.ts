/** The sync's progress bar on stderr (only when stderr is a terminal: logs and pipes stay clean). */
import cliProgress from "cli-progress";
import type { Progress } from "../sync/progress.js";

export function attachProgressBar(
  progress: Progress,
  stream: NodeJS.WriteStream = process.stderr,
): () => void {
  if (!stream.isTTY) return () => undefined;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: "{bar} {value}/{total} requests {percentage}% ETA {eta_formatted} {current}",
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(1, 0, { current: "" });
  const unsubscribe = progress.subscribe((snapshot) => {
    const current = snapshot.waitingUntil
      ? `waiting for rate limit until ${snapshot.waitingUntil.toISOString()}`
      : (snapshot.current ?? "");
    bar.setTotal(Math.max(1, snapshot.total));
    bar.update(snapshot.done, { current });
  });
  return () => {
    unsubscribe();
    bar.stop();
  };
}
