/** Users, bots and organizations as GitHub renders them (simple-user, private-user, contributor). */
import type { Account } from "./world-types.js";
import type { RenderContext } from "./render-context.js";
import type { Contribution } from "./world-queries.js";
import { nodeId } from "./ids.js";
import { iso } from "./time.js";

/** The account's picture, served by the emulator itself (REST `avatar_url`, GraphQL `avatarUrl`). */
export function avatarUrl(ctx: RenderContext, account: Account): string {
  return `${ctx.base}/_emulator/avatars/u/${account.id}?v=4`;
}

/** simple-user: the shape embedded everywhere (user, author, merged_by, owner…). */
export function simpleUser(ctx: RenderContext, account: Account): Record<string, unknown> {
  const login = encodeURIComponent(account.login);
  const api = `${ctx.base}/users/${login}`;
  // Bots link to their app page on github.com (https://github.com/apps/dependabot).
  const html =
    account.type === "Bot" ? `${ctx.base}/apps/${login.replace(/%5Bbot%5D$/, "")}` : `${ctx.base}/${login}`;
  return {
    login: account.login,
    id: account.id,
    node_id: nodeId(account.type === "Bot" ? "Bot" : account.type, account.id),
    avatar_url: avatarUrl(ctx, account),
    gravatar_id: "",
    url: api,
    html_url: html,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: account.type,
    user_view_type: "public",
    site_admin: false,
  };
}

export function nullableUser(ctx: RenderContext, account: Account | null): Record<string, unknown> | null {
  return account ? simpleUser(ctx, account) : null;
}

/** GET /user: the authenticated user's private view. */
export function privateUser(
  ctx: RenderContext,
  account: Account,
  ownedRepos: number,
): Record<string, unknown> {
  const { user_view_type: _publicView, ...base } = simpleUser(ctx, account);
  return {
    ...base,
    user_view_type: "private",
    name: account.name,
    company: account.company,
    blog: "",
    location: account.location,
    email: account.email,
    hireable: null,
    bio: account.bio,
    twitter_username: null,
    notification_email: account.email,
    public_repos: 0,
    public_gists: 0,
    followers: account.id % 50,
    following: account.id % 7,
    created_at: iso(account.createdAt),
    updated_at: iso(account.createdAt + 86400),
    private_gists: 0,
    total_private_repos: ownedRepos,
    owned_private_repos: ownedRepos,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true,
    plan: { name: "free", space: 976562499, collaborators: 0, private_repos: 10000 },
  };
}

/** An item of GET /repos/{owner}/{repo}/contributors. */
export function contributor(ctx: RenderContext, entry: Contribution): Record<string, unknown> {
  if (entry.account) return { ...simpleUser(ctx, entry.account), contributions: entry.contributions };
  return {
    email: entry.identity?.email ?? "",
    name: entry.identity?.name ?? "",
    type: "Anonymous",
    contributions: entry.contributions,
  };
}
