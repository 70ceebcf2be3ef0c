/**
 * The query root: `repository`, `node`, `nodes`, `viewer` and `rateLimit`. Global ids are the
 * REST `node_id`s (ids.ts: base64 of "0<length>:<Type><id>"), so an id read from either API
 * finds the same object.
 */
import type { RepoRecord } from "../world-types.js";
import { workflowRun } from "./checks.js";
import {
  actor,
  comment,
  notFound,
  repository,
  repositoryByName,
  review,
  threadObject,
  visible,
  type Scope,
} from "./objects.js";

/** What `rateLimit` reports for the query being answered. */
export interface RateLimitView {
  limit: number;
  cost: number;
  remaining: number;
  used: number;
  resetAt: string;
  nodeCount: number;
}

function decodeId(id: string): { type: string; key: string } | null {
  const match = /^0(\d+):(.*)$/s.exec(Buffer.from(id, "base64").toString("utf8"));
  if (!match) return null;
  const length = Number(match[1]);
  const rest = match[2] ?? "";
  return { type: rest.slice(0, length), key: rest.slice(length) };
}

function findNode(scope: Scope, id: string): Record<string, unknown> | null {
  const decoded = decodeId(id);
  if (!decoded) return null;
  const { world } = scope.ctx;
  const number = Number(decoded.key);
  const repos = world.repos.filter((repo) => visible(scope, repo));
  const inThreads = <T>(find: (repo: RepoRecord) => T | undefined): T | undefined => {
    for (const repo of repos) {
      const found = find(repo);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  switch (decoded.type) {
    case "Repository": {
      const repo = repos.find((candidate) => candidate.id === number);
      return repo ? repository(scope, repo) : null;
    }
    case "PullRequest":
    case "Issue":
      return (
        inThreads((repo) => {
          const thread = repo.threads.find(
            (candidate) =>
              !candidate.deleted &&
              (decoded.type === "PullRequest"
                ? candidate.pull?.id === number
                : !candidate.pull && candidate.id === number),
          );
          return thread ? threadObject(scope, repo, thread) : undefined;
        }) ?? null
      );
    case "PullRequestReview":
      return (
        inThreads((repo) => {
          for (const thread of repo.threads) {
            const found = thread.pull?.reviews.find((candidate) => candidate.id === number);
            if (found && !thread.deleted) return review(scope, repo, thread, found);
          }
          return undefined;
        }) ?? null
      );
    case "IssueComment":
      return (
        inThreads((repo) => {
          const found = repo.comments.find((candidate) => candidate.id === number);
          const thread = found ? repo.threads[found.issueNumber - 1] : undefined;
          return found && thread && !thread.deleted ? comment(scope, repo, thread, found) : undefined;
        }) ?? null
      );
    case "WorkflowRun":
      return (
        inThreads((repo) => {
          const run = repo.runs.find((candidate) => candidate.id === number);
          return run ? workflowRun(scope, repo, run) : undefined;
        }) ?? null
      );
    case "User":
    case "Bot":
    case "Organization": {
      const account = [...world.accounts.values()].find((candidate) => candidate.id === number);
      return account ? actor(scope, account) : null;
    }
    default:
      return null;
  }
}

const unresolved = (id: string) => notFound(`Could not resolve to a node with the global id of '${id}'`);

export function queryRoot(
  scope: Scope,
  rateLimit: (dryRun: boolean) => RateLimitView,
): Record<string, unknown> {
  return {
    repository: (args: { owner: string; name: string }) => repositoryByName(scope, args.owner, args.name),
    node: (args: { id: string }) => {
      const found = findNode(scope, args.id);
      if (!found) throw unresolved(args.id);
      return found;
    },
    // An id that resolves to nothing is null in its place, with an error naming it.
    nodes: (args: { ids: string[] }) => args.ids.map((id) => findNode(scope, id) ?? unresolved(id)),
    viewer: () => actor(scope, scope.ctx.viewer),
    rateLimit: (args: { dryRun?: boolean | null }) => rateLimit(args.dryRun === true),
  };
}
