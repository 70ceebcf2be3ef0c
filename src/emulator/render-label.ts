/** Labels and reaction roll-ups, embedded in issues, pull requests and comments. */
import type { Label, RepoRecord } from "./world-types.js";
import type { RenderContext } from "./render-context.js";
import { repoApiUrl } from "./render-context.js";
import { nodeId } from "./ids.js";
import { rngFor } from "./prng.js";

export function renderLabel(ctx: RenderContext, repo: RepoRecord, label: Label): Record<string, unknown> {
  return {
    id: label.id,
    node_id: nodeId("Label", label.id),
    url: `${repoApiUrl(ctx, repo)}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: label.default,
    description: label.description,
  };
}

const REACTIONS = ["+1", "-1", "laugh", "hooray", "confused", "heart", "rocket", "eyes"] as const;

/** Reaction counts derived from the subject's id (reactions are not mutable in the emulator). */
export function reactions(url: string, subjectId: number): Record<string, unknown> {
  const rng = rngFor("reactions", subjectId);
  const counts = Object.fromEntries(REACTIONS.map((name) => [name, rng.chance(0.15) ? rng.int(1, 5) : 0]));
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  return { url: `${url}/reactions`, total_count: total, ...counts };
}
