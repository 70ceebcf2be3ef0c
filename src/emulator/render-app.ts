/**
 * The GitHub App in GitHub's shapes: `integration` (GET /app), `installation`, `installation-token`,
 * `hook-delivery-item` / `hook-delivery` (the App's delivery log), and the payloads of the
 * `installation` and `installation_repositories` webhooks (compare @octokit/webhooks-examples).
 */
import type { GitHubApp, InstallationRecord, TokenGrant } from "./github-app.js";
import type { RenderContext } from "./render-context.js";
import type { Account, RepoRecord } from "./world-types.js";
import type { HookAttempt } from "./webhook-sender.js";
import { APP_EVENTS, APP_PERMISSIONS } from "./github-app.js";
import { repository } from "./render-repository.js";
import { nullableUser, simpleUser } from "./render-user.js";
import { fullName } from "./world-queries.js";
import { nodeId } from "./ids.js";
import { iso } from "./time.js";

type Json = Record<string, unknown>;

/** integration: GET /app (with `installations_count`). */
export function renderApp(ctx: RenderContext, app: GitHubApp, installations: number): Json {
  const org = ctx.world.org;
  return {
    id: app.id,
    slug: app.slug,
    client_id: app.clientId,
    node_id: nodeId("Integration", app.id),
    owner: simpleUser(ctx, org),
    name: app.name,
    description: "",
    external_url: ctx.base,
    html_url: `${ctx.base}/apps/${app.slug}`,
    created_at: iso(app.createdAt),
    updated_at: iso(app.createdAt),
    permissions: { ...APP_PERMISSIONS },
    events: [...APP_EVENTS],
    installations_count: installations,
  };
}

function installationHtmlUrl(ctx: RenderContext, installation: InstallationRecord): string {
  const account = installation.account;
  return account.type === "Organization"
    ? `${ctx.base}/organizations/${account.login}/settings/installations/${installation.id}`
    : `${ctx.base}/settings/installations/${installation.id}`;
}

/** installation: GET /app/installations[/{id}] and the `installation` of installation webhooks. */
export function renderInstallation(
  ctx: RenderContext,
  app: GitHubApp,
  installation: InstallationRecord,
): Json {
  return {
    id: installation.id,
    account: simpleUser(ctx, installation.account),
    repository_selection: installation.selection,
    access_tokens_url: `${ctx.base}/app/installations/${installation.id}/access_tokens`,
    repositories_url: `${ctx.base}/installation/repositories`,
    html_url: installationHtmlUrl(ctx, installation),
    app_id: app.id,
    client_id: app.clientId,
    target_id: installation.account.id,
    target_type: installation.account.type,
    permissions: { ...APP_PERMISSIONS },
    events: [...APP_EVENTS],
    created_at: iso(installation.createdAt),
    updated_at: iso(installation.updatedAt),
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    app_slug: app.slug,
    suspended_by: nullableUser(ctx, installation.suspendedBy),
    suspended_at: installation.suspendedAt === null ? null : iso(installation.suspendedAt),
  };
}

/** installation-token: POST /app/installations/{id}/access_tokens (201). */
export function renderInstallationToken(
  ctx: RenderContext,
  grant: TokenGrant,
  repos: readonly RepoRecord[] | null,
): Json {
  return {
    token: grant.token,
    expires_at: iso(grant.expiresAt),
    permissions: { ...grant.permissions },
    repository_selection: grant.repoIds === null ? grant.installation.selection : "selected",
    ...(repos === null ? {} : { repositories: repos.map((repo) => repository(ctx, repo)) }),
  };
}

/** hook-delivery-item: one attempt of the App's delivery log. */
export function renderHookDeliveryItem(attempt: HookAttempt): Json {
  return {
    id: attempt.id,
    guid: attempt.guid,
    delivered_at: iso(attempt.deliveredAt),
    redelivery: attempt.redelivery,
    duration: attempt.duration,
    status: attempt.status,
    status_code: attempt.statusCode,
    event: attempt.event,
    action: attempt.action,
    installation_id: attempt.installationId,
    repository_id: attempt.repositoryId,
    throttled_at: null,
  };
}

/** hook-delivery: the attempt with its request (headers, payload) and response. */
export function renderHookDelivery(attempt: HookAttempt): Json {
  return {
    ...renderHookDeliveryItem(attempt),
    url: attempt.url,
    request: { headers: displayHeaders(attempt.requestHeaders), payload: attempt.payload() },
    response: { headers: attempt.responseHeaders ?? {}, payload: attempt.responseBody() },
  };
}

/** Request headers as GitHub shows them (X-GitHub-Event…, content-type in lower case). */
function displayHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const shown =
      name === "content-type"
        ? name
        : name
            .split("-")
            .map((part) =>
              part === "github"
                ? "GitHub"
                : part === "id"
                  ? "ID"
                  : part.charAt(0).toUpperCase() + part.slice(1),
            )
            .join("-");
    out[shown] = value;
  }
  return out;
}

// ── webhooks ─────────────────────────────────────────────────────────────────

/** A repository as installation webhooks list it. */
function repositoryRef(repo: RepoRecord): Json {
  return {
    id: repo.id,
    node_id: nodeId("Repository", repo.id),
    name: repo.name,
    full_name: fullName(repo),
    private: repo.private,
  };
}

/** `installation` created / deleted (with the repositories) and suspend / unsuspend (without). */
export function installationPayload(
  ctx: RenderContext,
  app: GitHubApp,
  action: "created" | "deleted" | "suspend" | "unsuspend",
  installation: InstallationRecord,
  repos: readonly RepoRecord[],
  sender: Account,
): Json {
  const listed = action === "created" || action === "deleted";
  return {
    action,
    installation: renderInstallation(ctx, app, installation),
    ...(listed ? { repositories: repos.map(repositoryRef) } : {}),
    sender: simpleUser(ctx, sender),
  };
}

/** `installation_repositories` added / removed. */
export function installationRepositoriesPayload(
  ctx: RenderContext,
  app: GitHubApp,
  action: "added" | "removed",
  installation: InstallationRecord,
  changed: readonly RepoRecord[],
  sender: Account,
): Json {
  return {
    action,
    installation: renderInstallation(ctx, app, installation),
    repository_selection: installation.selection,
    repositories_added: action === "added" ? changed.map(repositoryRef) : [],
    repositories_removed: action === "removed" ? changed.map(repositoryRef) : [],
    requester: null,
    sender: simpleUser(ctx, sender),
  };
}
