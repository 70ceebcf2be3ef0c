/**
 * Named figures, as `Figures` shows them, where a figure with rows behind it is a button that
 * opens them (the person and repository pages' drill-down).
 */
import type { DrillDown } from "./row-list.js";

export interface DrillFigure {
  name: string;
  value: string;
  /** What the number counts; none: a figure without rows (a score, a streak). */
  drill?: DrillDown | undefined;
}

export function DrillFigures(props: { figures: readonly DrillFigure[]; onOpen: (drill: DrillDown) => void }) {
  return (
    <dl class="figures">
      {props.figures.map((figure) => (
        <div key={figure.name}>
          <dt>{figure.name}</dt>
          <dd>
            {figure.drill ? (
              <button
                type="button"
                class="figure-link"
                onClick={() => figure.drill && props.onOpen(figure.drill)}
                aria-label={`${figure.name}: ${figure.value}, show the rows`}
              >
                {figure.value}
              </button>
            ) : (
              figure.value
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
