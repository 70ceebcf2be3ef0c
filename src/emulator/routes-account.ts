/**
 * Account-level routes: GET /user, GET /user/repos, GET /orgs/{org}/repos (also reachable as
 * /organizations/{id}/repos, the form GitHub writes into its Link headers).
 */
import type { ApiRequest, ApiResponse } from "./api-types.js";
import type { Account, RepoRecord } from "./world-types.js";
import type { Direction } from "./list-query.js";
import { errorBody, notFound, ok } from "./api-types.js";
import { compareBy, direction, oneOf, timestampParam } from "./list-query.js";
import { paginate } from "./paginate.js";
import { minimalRepository, repository } from "./render-repository.js";
import { privateUser } from "./render-user.js";
import { fullName } from "./world-queries.js";

function requiresAuthentication(docs: string): ApiResponse {
  return { status: 401, body: errorBody("Requires authentication", 401, docs) };
}

export function getAuthenticatedUser(req: ApiRequest): ApiResponse {
  const viewer = req.ctx.viewer;
  if (!viewer)
    return requiresAuthentication("https://docs.github.com/rest/users/users#get-the-authenticated-user");
  const owned = req.ctx.world.repos.filter(
    (repo) => repo.owner === viewer && repo.private && !repo.deleted,
  ).length;
  return ok(privateUser(req.ctx, viewer, owned));
}

type RepoSort = "created" | "updated" | "pushed" | "full_name";

function sortRepos(repos: RepoRecord[], sort: RepoSort, dir: Direction): RepoRecord[] {
  if (sort === "full_name") {
    const sign = dir === "asc" ? 1 : -1;
    return repos.sort((a, b) => sign * fullName(a).toLowerCase().localeCompare(fullName(b).toLowerCase()));
  }
  const key = {
    created: (r: RepoRecord) => r.createdAt,
    updated: (r: RepoRecord) => r.updatedAt,
    pushed: (r: RepoRecord) => r.pushedAt,
  }[sort];
  return repos.sort(compareBy(dir, key, (repo) => repo.id));
}

const SORTS = ["created", "updated", "pushed", "full_name"] as const;

function listOrgRepos(req: ApiRequest, org: Account | undefined): ApiResponse {
  if (!org || org.type !== "Organization")
    return notFound("https://docs.github.com/rest/repos/repos#list-organization-repositories");
  const { query, ctx } = req;
  const type = oneOf(
    query,
    "type",
    ["all", "public", "private", "forks", "sources", "member"] as const,
    "all",
  );
  const sort = oneOf(query, "sort", SORTS, "created");
  const repos = ctx.world.repos.filter(
    (repo) =>
      repo.owner === org &&
      !repo.deleted &&
      (ctx.viewer !== null || !repo.private) &&
      (!req.canSee || req.canSee(repo)) &&
      (type === "public"
        ? !repo.private
        : type === "private"
          ? repo.private
          : type === "forks"
            ? repo.fork
            : type === "sources"
              ? !repo.fork
              : true),
  );
  sortRepos(repos, sort, direction(query, sort === "full_name" ? "asc" : "desc"));
  const page = paginate(repos, query, `${ctx.base}/organizations/${org.id}/repos`);
  return ok(
    page.items.map((repo) => minimalRepository(ctx, repo)),
    page.link,
  );
}

export function listOrgReposByLogin(req: ApiRequest, login: string): ApiResponse {
  return listOrgRepos(req, req.ctx.world.accounts.get(login.toLowerCase()));
}

export function listOrgReposById(req: ApiRequest, id: string): ApiResponse {
  const org = [...req.ctx.world.accounts.values()].find((account) => String(account.id) === id);
  return listOrgRepos(req, org);
}

/** Repositories the viewer can access: its own and those of the organization it belongs to. */
export function listUserRepos(req: ApiRequest): ApiResponse {
  const { query, ctx } = req;
  const viewer = ctx.viewer;
  if (!viewer)
    return requiresAuthentication(
      "https://docs.github.com/rest/repos/repos#list-repositories-for-the-authenticated-user",
    );
  const visibility = oneOf(query, "visibility", ["all", "public", "private"] as const, "all");
  const since = timestampParam(query, "since");
  const before = timestampParam(query, "before");
  const sort = oneOf(query, "sort", SORTS, "full_name");
  const repos = ctx.world.repos.filter(
    (repo) =>
      !repo.deleted &&
      (repo.owner === viewer || (repo.owner === ctx.world.org && viewer.member)) &&
      (visibility === "all" || (visibility === "private") === repo.private) &&
      (since == null || repo.updatedAt >= since) &&
      (before == null || repo.updatedAt <= before),
  );
  sortRepos(repos, sort, direction(query, sort === "full_name" ? "asc" : "desc"));
  const page = paginate(repos, query, `${ctx.base}/user/repos`);
  return ok(
    page.items.map((repo) => ({
      ...repository(ctx, repo),
      permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
    })),
    page.link,
  );
}
