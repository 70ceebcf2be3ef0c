/**
 * The contributors list as GitHub serves it: a cached copy that "may be a few hours old"
 * (https://docs.github.com/rest/repos/repos#list-repository-contributors). A repository's list is
 * recomputed only once the copy is `world.contributorsDelayS` old; 0 serves it live.
 */
import { contributions, type Contribution } from "./world-queries.js";
import type { RepoRecord, World } from "./world-types.js";

const served = new WeakMap<RepoRecord, { list: Contribution[]; atS: number }>();

export function servedContributions(world: World, repo: RepoRecord): Contribution[] {
  const nowS = world.now();
  const copy = served.get(repo);
  if (copy && nowS - copy.atS < world.contributorsDelayS) return copy.list;
  const list = contributions(repo);
  served.set(repo, { list, atS: nowS });
  return list;
}
