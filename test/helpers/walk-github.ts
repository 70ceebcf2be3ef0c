/**
 * An independent paginated walk of a GitHub-compatible API with plain fetch and `Link` headers —
 * the yardstick the mirror is compared with (it shares no code with src/github or src/sync).
 */
import type { MirrorCounts } from "../../src/contract/repositories.js";

interface Item {
  id?: number;
  sha?: string;
  number?: number;
  pull_request?: unknown;
  full_name?: string;
  default_branch?: string;
  head?: { sha: string };
  state?: string;
  updated_at?: string;
}

/** `member`: lists GitHub answers as an object (`{total_count, workflow_runs}`) hold the items there. */
async function walk(baseUrl: string, path: string, member?: string): Promise<Item[]> {
  const items: Item[] = [];
  let url: string | undefined = `${baseUrl}${path}`;
  while (url) {
    const response = await fetch(url, { headers: { authorization: "token walker" } });
    if (response.status === 204) break;
    // A ref GitHub cannot resolve (a force-pushed pull-request head) has no checks.
    if (response.status === 422 && member === "check_runs") break;
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    const body = (await response.json()) as Item[] | Record<string, Item[]>;
    items.push(...(member ? ((body as Record<string, Item[]>)[member] ?? []) : (body as Item[])));
    url = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get("link") ?? "")?.[1];
  }
  return items;
}

export interface WalkResult {
  counts: MirrorCounts;
  pullIds: Set<number>;
  issueIds: Set<number>;
  commentIds: Set<number>;
  reviewIds: Set<number>;
  reviewCommentIds: Set<number>;
  commitShas: Set<string>;
  workflowRunIds: Set<number>;
  deploymentIds: Set<number>;
  releaseIds: Set<number>;
  checkRunIds: Set<number>;
}

export async function walkOrganization(baseUrl: string, org: string): Promise<WalkResult> {
  const result: WalkResult = {
    counts: {
      repositories: 0,
      commits: 0,
      pull_requests: 0,
      reviews: 0,
      issues: 0,
      comments: 0,
      contributors: 0,
      workflow_runs: 0,
      check_runs: 0,
      deployments: 0,
      releases: 0,
      review_comments: 0,
    },
    pullIds: new Set(),
    issueIds: new Set(),
    commentIds: new Set(),
    reviewIds: new Set(),
    reviewCommentIds: new Set(),
    commitShas: new Set(),
    workflowRunIds: new Set(),
    deploymentIds: new Set(),
    releaseIds: new Set(),
    checkRunIds: new Set(),
  };
  const repos = await walk(baseUrl, `/orgs/${org}/repos?per_page=100`);
  result.counts.repositories = repos.length;
  for (const repo of repos) {
    const name = repo.full_name as string;
    const commits = await walk(baseUrl, `/repos/${name}/commits?sha=${repo.default_branch}&per_page=100`);
    for (const commit of commits) result.commitShas.add(`${name}@${commit.sha}`);
    const pulls = await walk(baseUrl, `/repos/${name}/pulls?state=all&per_page=100`);
    // Check runs of the commits the mirror covers: the default branch's head and the heads of pull
    // requests open or updated in the last 30 days.
    const recent = Date.now() - 30 * 86_400_000;
    const covered = pulls.filter(
      (pull) => pull.state === "open" || Date.parse(pull.updated_at ?? "") >= recent,
    );
    const checked = new Set([
      repo.default_branch as string,
      ...covered.flatMap((pull) => pull.head?.sha ?? []),
    ]);
    for (const ref of checked)
      for (const run of await walk(
        baseUrl,
        `/repos/${name}/commits/${encodeURIComponent(ref)}/check-runs?filter=latest&per_page=100`,
        "check_runs",
      ))
        result.checkRunIds.add(run.id as number);
    for (const pull of pulls) {
      result.pullIds.add(pull.id as number);
      for (const review of await walk(baseUrl, `/repos/${name}/pulls/${pull.number}/reviews?per_page=100`)) {
        result.reviewIds.add(review.id as number);
      }
    }
    const issues = (await walk(baseUrl, `/repos/${name}/issues?state=all&per_page=100`)).filter(
      (i) => !i.pull_request,
    );
    for (const issue of issues) result.issueIds.add(issue.id as number);
    for (const comment of await walk(baseUrl, `/repos/${name}/issues/comments?per_page=100`)) {
      result.commentIds.add(comment.id as number);
    }
    for (const comment of await walk(baseUrl, `/repos/${name}/pulls/comments?per_page=100`)) {
      result.reviewCommentIds.add(comment.id as number);
    }
    result.counts.contributors += (await walk(baseUrl, `/repos/${name}/contributors?per_page=100`)).length;
    for (const run of await walk(baseUrl, `/repos/${name}/actions/runs?per_page=100`, "workflow_runs"))
      result.workflowRunIds.add(run.id as number);
    for (const deployment of await walk(baseUrl, `/repos/${name}/deployments?per_page=100`))
      result.deploymentIds.add(deployment.id as number);
    for (const release of await walk(baseUrl, `/repos/${name}/releases?per_page=100`))
      result.releaseIds.add(release.id as number);
  }
  result.counts.workflow_runs = result.workflowRunIds.size;
  result.counts.deployments = result.deploymentIds.size;
  result.counts.releases = result.releaseIds.size;
  result.counts.check_runs = result.checkRunIds.size;
  result.counts.commits = result.commitShas.size;
  result.counts.pull_requests = result.pullIds.size;
  result.counts.reviews = result.reviewIds.size;
  result.counts.issues = result.issueIds.size;
  result.counts.comments = result.commentIds.size;
  result.counts.review_comments = result.reviewCommentIds.size;
  return result;
}

export interface WalkedTeam {
  id: number;
  slug: string;
  name: string;
  members: { id: number; login: string; role: string }[];
}

/**
 * Every team of the organization with its members, each member's role asked one by one
 * (GET …/memberships/{login}), not by role lists as the sync does.
 */
export async function walkTeams(baseUrl: string, org: string): Promise<WalkedTeam[]> {
  const teams = (await walk(baseUrl, `/orgs/${org}/teams?per_page=100`)) as unknown as WalkedTeam[];
  const walked: WalkedTeam[] = [];
  for (const team of teams) {
    const members = (await walk(
      baseUrl,
      `/orgs/${org}/teams/${team.slug}/members?per_page=100`,
    )) as unknown as {
      id: number;
      login: string;
    }[];
    const withRoles = [];
    for (const member of members) {
      const response = await fetch(`${baseUrl}/orgs/${org}/teams/${team.slug}/memberships/${member.login}`, {
        headers: { authorization: "token walker" },
      });
      const { role } = (await response.json()) as { role: string };
      withRoles.push({ id: member.id, login: member.login, role });
    }
    walked.push({ id: team.id, slug: team.slug, name: team.name, members: withRoles });
  }
  return walked;
}
