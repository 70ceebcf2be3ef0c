/**
 * A chart of weekly series (Chart.js on a canvas: no inline script or style, so it runs under the
 * dashboard's Content-Security-Policy). The canvas is an image with a one-line summary for
 * assistive technology; the page shows the same numbers as a table.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import { useEffect, useRef, useState } from "preact/hooks";

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

export interface Series {
  label: string;
  values: (number | null)[];
  /** A CSS custom property of styles.css (`--series-1`…): light and dark mode each have theirs. */
  color: `--${string}`;
}

interface ChartProps {
  title: string;
  kind: "bar" | "line";
  labels: string[];
  series: Series[];
  /** What the y axis counts ("commits", "hours"). */
  unit: string;
  /** The chart in one sentence, for screen readers. */
  summary: string;
  /** Shown under the chart when no series has a value (a timing nobody has yet). */
  emptyNote?: string;
}

const DARK = "(prefers-color-scheme: dark)";

/** Whether the system is in dark mode now: a chart is drawn again when it switches. */
function useDarkScheme(): boolean {
  const [dark, setDark] = useState(() => matchMedia(DARK).matches);
  useEffect(() => {
    const media = matchMedia(DARK);
    const update = () => setDark(media.matches);
    media.addEventListener("change", update);
    return () => media.removeEventListener("change", update);
  }, []);
  return dark;
}

export function WeeklyChart({ title, kind, labels, series, unit, summary, emptyNote }: ChartProps) {
  const blank = series.every((entry) => entry.values.every((value) => value === null));
  const canvas = useRef<HTMLCanvasElement>(null);
  const dark = useDarkScheme();
  const data = JSON.stringify({ kind, labels, series, dark });
  useEffect(() => {
    if (!canvas.current) return;
    // A canvas cannot use CSS variables: the theme's colours are read when it is drawn.
    const style = getComputedStyle(canvas.current);
    const css = (name: string) => style.getPropertyValue(name).trim();
    const text = css("--muted");
    const grid = css("--line");
    const chart = new Chart(canvas.current, {
      type: kind,
      data: {
        labels,
        datasets: series.map((entry) => ({
          label: entry.label,
          data: entry.values,
          backgroundColor: css(entry.color),
          borderColor: css(entry.color),
          spanGaps: true,
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        color: text,
        scales: {
          x: { ticks: { color: text }, grid: { color: grid } },
          // Counts are whole numbers: no 0.5 commit on the axis.
          y: {
            beginAtZero: true,
            title: { display: true, text: unit, color: text },
            ticks: { precision: unit === "hours" ? 1 : 0, color: text },
            grid: { color: grid },
          },
        },
        plugins: { legend: { position: "bottom" } },
      },
    });
    return () => chart.destroy();
    // `data` stands for labels, series and scheme: a new chart only when one of them changes.
  }, [data]);
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <div class="chart-area">
        <canvas ref={canvas} role="img" aria-label={`${title}: ${summary}`} />
      </div>
      {blank && emptyNote && <p class="detail">{emptyNote}</p>}
    </figure>
  );
}
