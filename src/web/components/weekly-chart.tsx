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
import { useEffect, useRef } from "preact/hooks";

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
  color: string;
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
}

export function WeeklyChart({ title, kind, labels, series, unit, summary }: ChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const data = JSON.stringify({ kind, labels, series });
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: kind,
      data: {
        labels,
        datasets: series.map((entry) => ({
          label: entry.label,
          data: entry.values,
          backgroundColor: entry.color,
          borderColor: entry.color,
          spanGaps: true,
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { y: { beginAtZero: true, title: { display: true, text: unit } } },
        plugins: { legend: { position: "bottom" } },
      },
    });
    return () => chart.destroy();
    // `data` stands for labels and series: a new chart only when the numbers change.
  }, [data]);
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <div class="chart-area">
        <canvas ref={canvas} role="img" aria-label={`${title}: ${summary}`} />
      </div>
    </figure>
  );
}
