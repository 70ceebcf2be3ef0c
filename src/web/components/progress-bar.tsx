/**
 * A labelled progress bar: the native <progress> (role progressbar, its value read by assistive
 * technology) with the same words visible beside it. Goals use it as repositories do.
 */
interface ProgressBarProps {
  /** 0–100 */
  percent: number;
  /** What it measures, for assistive technology ("acme/web sync progress"). */
  label: string;
  /** The visible words ("120 of 265 requests (45%), about 12 s left"). */
  text: string;
}

export function ProgressBar({ percent, label, text }: ProgressBarProps) {
  const value = Math.max(0, Math.min(100, Math.floor(percent)));
  return (
    <div class="progress">
      <progress max={100} value={value} aria-label={label} aria-valuetext={text} />
      <span class="progress-text">{text}</span>
    </div>
  );
}
