/**
 * "New goal" for the chosen person: what to count, over which period (this week, this month, or
 * dates), the target, and optionally one repository → POST /api/goals.
 */
import { useState } from "preact/hooks";
import { ApiError, api } from "../api.js";
import { metricWords } from "../format.js";
import { GOAL_METRICS, GOAL_WINDOWS, type GoalMetric, type GoalWindow } from "../../contract/enums.js";
import type { NewGoal } from "../../contract/goals.js";
import type { Page } from "../../contract/page.js";
import type { Repository } from "../../contract/repositories.js";
import { useResource } from "../use-resource.js";

const WINDOW_WORDS: Record<GoalWindow, string> = {
  weekly: "Every week (Monday to Sunday)",
  monthly: "Every month",
  custom: "Between two dates",
};

interface GoalFields {
  metric: GoalMetric;
  window: GoalWindow;
  start: string;
  end: string;
  target: string;
  repository: string;
  title: string;
}

const EMPTY: GoalFields = {
  metric: "commits",
  window: "weekly",
  start: "",
  end: "",
  target: "5",
  repository: "",
  title: "",
};

export function GoalForm({
  user,
  onCreated,
}: {
  user: string;
  onCreated: (text: string, error?: boolean) => void;
}) {
  const [form, setForm] = useState(EMPTY);
  const [busy, setBusy] = useState(false);
  const repos = useResource(() => api.get<Page<Repository>>("/api/repos?limit=500"), "goal-repos");
  // Metric and window come from selects whose options are the contract's values.
  const set = (key: keyof GoalFields) => (event: { currentTarget: { value: string } }) =>
    setForm({ ...form, [key]: event.currentTarget.value } as GoalFields);
  const custom = form.window === "custom";

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      await api.post("/api/goals", {
        user,
        metric: form.metric,
        window: form.window,
        target: Number(form.target),
        ...(custom ? { start: form.start, end: form.end } : {}),
        ...(form.repository ? { repository: form.repository } : {}),
        ...(form.title.trim() ? { title: form.title.trim() } : {}),
      } satisfies NewGoal);
      onCreated(`Goal for ${user} created: ${form.target} ${metricWords(form.metric, Number(form.target))}.`);
      setForm(EMPTY);
    } catch (reason) {
      onCreated(`Could not create the goal: ${reason instanceof ApiError ? reason.message : reason}`, true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="track-form" onSubmit={submit} aria-labelledby="new-goal-heading">
      <h2 id="new-goal-heading">New goal for {user}</h2>
      <div class="filters">
        <div class="field">
          <label for="goal-metric">Count</label>
          <select id="goal-metric" value={form.metric} onChange={set("metric")}>
            {GOAL_METRICS.map((metric) => (
              <option key={metric} value={metric}>
                {metric === "manual" ? "points set by hand" : metricWords(metric)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="goal-target">Target</label>
          <input
            id="goal-target"
            type="number"
            min={1}
            required
            value={form.target}
            onInput={set("target")}
          />
        </div>
        <div class="field">
          <label for="goal-repository">Repository</label>
          <select id="goal-repository" value={form.repository} onChange={set("repository")}>
            <option value="">Every repository</option>
            {repos.data?.items.map((repo) => (
              <option key={repo.full_name} value={repo.full_name}>
                {repo.full_name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="goal-title">Title (optional)</label>
          <input id="goal-title" maxLength={200} value={form.title} onInput={set("title")} />
        </div>
      </div>
      <fieldset>
        <legend>Period</legend>
        {GOAL_WINDOWS.map((window) => (
          <label class="choice" key={window}>
            <input
              type="radio"
              name="goal-window"
              value={window}
              checked={form.window === window}
              onChange={set("window")}
            />
            {WINDOW_WORDS[window]}
          </label>
        ))}
        {custom && (
          <div class="filters">
            <div class="field">
              <label for="goal-start">From</label>
              <input id="goal-start" type="date" required value={form.start} onInput={set("start")} />
            </div>
            <div class="field">
              <label for="goal-end">To (included)</label>
              <input
                id="goal-end"
                type="date"
                required
                min={form.start}
                value={form.end}
                onInput={set("end")}
              />
            </div>
          </div>
        )}
      </fieldset>
      <button type="submit" disabled={busy}>
        {busy ? "Creating…" : "Create goal"}
      </button>
    </form>
  );
}
