/**
 * One goal: its progress bar (current of target, percent, period in words), whether it is counted
 * from the mirror ("auto-synced", last synced …) or set by hand, completed, and its actions —
 * change title and target (and, for a manual goal, its progress), or delete it.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, api, mayChange } from "../api.js";
import { ProgressBar } from "../components/progress-bar.js";
import { Time } from "../components/time.js";
import { describeGoal, formatPeriod } from "../format.js";
import type { Goal, GoalPatch } from "../../contract/goals.js";

interface CardProps {
  goal: Goal;
  timeZone: string;
  now: number;
  onDone: (text: string, error?: boolean) => void;
}

function GoalEditor({
  goal,
  onDone,
  onClose,
}: {
  goal: Goal;
  onDone: CardProps["onDone"];
  onClose: () => void;
}) {
  const [title, setTitle] = useState(goal.title);
  const [target, setTarget] = useState(String(goal.target));
  const [current, setCurrent] = useState(String(goal.current));
  const id = `goal-${goal.id}`;
  // The button that opened the editor is gone: the keyboard continues in the field it was for.
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const save = async (event: Event) => {
    event.preventDefault();
    try {
      const patch = {
        title: title.trim(),
        target: Number(target),
        ...(goal.manual ? { current: Number(current) } : {}),
      } satisfies GoalPatch;
      await api.patch(`/api/goals/${goal.id}`, patch);
      onDone(`Goal "${patch.title}" saved.`);
      onClose();
    } catch (reason) {
      onDone(`Could not save the goal: ${reason instanceof ApiError ? reason.message : reason}`, true);
    }
  };
  return (
    <form class="filters" onSubmit={save} aria-label={`Edit goal ${goal.title}`}>
      <div class="field">
        <label for={`${id}-title`}>Title</label>
        <input
          ref={goal.manual ? undefined : first}
          id={`${id}-title`}
          required
          maxLength={200}
          value={title}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for={`${id}-target`}>Target</label>
        <input
          id={`${id}-target`}
          type="number"
          min={1}
          required
          value={target}
          onInput={(e) => setTarget(e.currentTarget.value)}
        />
      </div>
      {goal.manual && (
        <div class="field">
          <label for={`${id}-current`}>Progress so far</label>
          <input
            ref={first}
            id={`${id}-current`}
            type="number"
            min={0}
            required
            value={current}
            onInput={(e) => setCurrent(e.currentTarget.value)}
          />
        </div>
      )}
      <button type="submit">Save</button>
      <button type="button" class="secondary" onClick={onClose}>
        Cancel
      </button>
    </form>
  );
}

function GoalActions({
  goal,
  onDone,
  onEdit,
}: {
  goal: Goal;
  onDone: CardProps["onDone"];
  onEdit: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const remove = async () => {
    try {
      await api.delete(`/api/goals/${goal.id}`);
      onDone(`Goal "${goal.title}" deleted.`);
    } catch (reason) {
      onDone(`Could not delete the goal: ${reason instanceof ApiError ? reason.message : reason}`, true);
      setConfirming(false);
    }
  };
  if (confirming) {
    return (
      <div class="actions" role="group" aria-label={`Delete goal ${goal.title}?`}>
        <span class="detail">Delete it and its history?</span>
        <button type="button" class="danger" onClick={remove}>
          Delete
        </button>
        <button type="button" class="secondary" onClick={() => setConfirming(false)}>
          Keep
        </button>
      </div>
    );
  }
  if (!mayChange(goal.user)) return null;
  return (
    <div class="actions">
      <button type="button" onClick={onEdit}>
        {goal.manual ? "Update progress" : "Edit"}
        <span class="visually-hidden"> {goal.title}</span>
      </button>
      <button type="button" class="secondary" onClick={() => setConfirming(true)}>
        Delete<span class="visually-hidden"> {goal.title}</span>
      </button>
    </div>
  );
}

export function GoalCard({ goal, timeZone, now, onDone }: CardProps) {
  const [editing, setEditing] = useState(false);
  const period = formatPeriod(goal.period_start, goal.period_end, timeZone);
  const completed = goal.completed_at !== null || goal.current >= goal.target;
  // A custom goal ends with its period, whether or not the list was read again since.
  const ended = goal.ended_at !== null || (goal.window === "custom" && Date.parse(goal.period_end) <= now);
  return (
    <li class={completed ? "goal completed" : "goal"}>
      <h3>{goal.title}</h3>
      <p class="badges">
        {goal.auto_synced ? (
          <span class="badge busy">Auto-synced</span>
        ) : (
          <span class="badge neutral">Set by hand</span>
        )}
        {completed && <span class="badge good">Completed</span>}
        {ended && <span class="badge neutral">Ended</span>}
      </p>
      <ProgressBar
        percent={goal.percent}
        label={`${goal.title} progress`}
        text={`${describeGoal(goal)}, ${period}`}
      />
      <p class="detail">
        {goal.repository ? `In ${goal.repository}` : "In every repository"} · {goal.window}
        {goal.auto_synced && (
          <>
            {" "}
            · updated <Time iso={goal.last_updated_at} now={now} />
          </>
        )}
      </p>
      {editing ? (
        <GoalEditor goal={goal} onDone={onDone} onClose={() => setEditing(false)} />
      ) : (
        <GoalActions goal={goal} onDone={onDone} onEdit={() => setEditing(true)} />
      )}
    </li>
  );
}
