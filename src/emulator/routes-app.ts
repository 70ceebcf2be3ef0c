/**
 * GitHub App routes. With the App's JWT (checked by the pipeline): GET /app, GET
 * /app/installations[/{id}], POST /app/installations/{id}/access_tokens, GET
 * /app/hook/deliveries[/{id}] (cursor pagination, newest first) and POST
 * /app/hook/deliveries/{id}/attempts. With an installation token: GET /installation/repositories.
 */
import type { ApiRequest, ApiResponse } from "./api-types.js";
import type { GitHubApp, TokenGrant } from "./github-app.js";
import type { RepoRecord } from "./world-types.js";
import type { WebhookSender } from "./webhook-sender.js";
import type { Route } from "./router.js";
import { errorBody, invalidField, notFound, ok } from "./api-types.js";
import { APP_PERMISSIONS } from "./github-app.js";
import { pageParams, paginate } from "./paginate.js";
import { timestampParam } from "./list-query.js";
import {
  renderApp,
  renderHookDelivery,
  renderHookDeliveryItem,
  renderInstallation,
  renderInstallationToken,
} from "./render-app.js";
import { repository } from "./render-repository.js";
import { match, route } from "./router.js";

export interface AppEnv {
  app: GitHubApp;
  webhooks: WebhookSender | null;
  /** Emulator time, epoch seconds. */
  nowS: number;
}

interface AppCall {
  req: ApiRequest;
  method: string;
  params: Record<string, string>;
  /** Parsed JSON body of a POST ({} when empty). */
  body: Record<string, unknown>;
  env: AppEnv;
}

const DOCS = "https://docs.github.com/rest/apps";
const DOC = {
  installation: `${DOCS}/apps#get-an-installation-for-the-authenticated-app`,
  token: `${DOCS}/apps#create-an-installation-access-token-for-an-app`,
  deliveries: `${DOCS}/webhooks#list-deliveries-for-an-app-webhook`,
  delivery: `${DOCS}/webhooks#get-a-delivery-for-an-app-webhook`,
  redeliver: `${DOCS}/webhooks#redeliver-a-delivery-for-an-app-webhook`,
  repositories: `${DOCS}/installations#list-repositories-accessible-to-the-app-installation`,
};

export function isAppPath(path: string): boolean {
  return path === "/app" || path.startsWith("/app/");
}

type Handler = (call: AppCall) => ApiResponse;

const ROUTES: readonly Route<Partial<Record<"GET" | "POST", Handler>>>[] = [
  route("/app", { GET: getApp }),
  route("/app/installations", { GET: listInstallations }),
  route("/app/installations/:id", { GET: getInstallation }),
  route("/app/installations/:id/access_tokens", { POST: createToken }),
  route("/app/hook/deliveries", { GET: listDeliveries }),
  route("/app/hook/deliveries/:id", { GET: getDelivery }),
  route("/app/hook/deliveries/:id/attempts", { POST: redeliver }),
];

/** Answers an App route (the JWT was verified); 404 for unknown paths and methods. */
export function handleAppPath(
  req: ApiRequest,
  method: string,
  path: string,
  rawBody: string,
  env: AppEnv,
): ApiResponse {
  const found = match(ROUTES, path);
  const verb = method === "HEAD" ? "GET" : method;
  const handler = found && (verb === "GET" || verb === "POST") ? found.handler[verb] : undefined;
  if (!found || !handler) return notFound();
  let body: Record<string, unknown> = {};
  if (rawBody.trim() !== "") {
    try {
      const parsed: unknown = JSON.parse(rawBody);
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new SyntaxError();
      body = parsed as Record<string, unknown>;
    } catch {
      return { status: 400, body: errorBody("Problems parsing JSON", 400) };
    }
  }
  return handler({ req, method, params: found.params, body, env });
}

function idParam(params: Record<string, string>): number | null {
  const raw = params.id ?? "";
  return /^\d{1,15}$/.test(raw) ? Number(raw) : null;
}

function getApp({ req, env }: AppCall): ApiResponse {
  return ok(renderApp(req.ctx, env.app, env.app.list().length));
}

function listInstallations({ req, env }: AppCall): ApiResponse {
  const since = timestampParam(req.query, "since");
  if (since === null) return invalidField("Installation", "since", DOC.installation);
  const installations = env.app
    .list()
    .filter((installation) => since === undefined || installation.updatedAt >= since)
    .sort((a, b) => a.id - b.id);
  const page = paginate(installations, req.query, `${req.ctx.base}/app/installations`);
  return ok(
    page.items.map((installation) => renderInstallation(req.ctx, env.app, installation)),
    page.link,
  );
}

function getInstallation({ req, params, env }: AppCall): ApiResponse {
  const id = idParam(params);
  const installation = id === null ? undefined : env.app.find(id);
  if (!installation) return notFound(DOC.installation);
  return ok(renderInstallation(req.ctx, env.app, installation));
}

const NOT_ACCESSIBLE =
  "There is at least one repository that does not exist or is not accessible to the parent installation.";

/** 201 with a new installation token; 403 when suspended; 422 for repositories or permissions it cannot have. */
function createToken({ req, params, body, env }: AppCall): ApiResponse {
  const id = idParam(params);
  const installation = id === null ? undefined : env.app.find(id);
  if (!installation) return notFound(DOC.token);
  if (installation.suspendedAt !== null)
    return { status: 403, body: errorBody("This installation has been suspended", 403, DOC.token) };
  const invalid = (message: string): ApiResponse => ({
    status: 422,
    body: errorBody(message, 422, DOC.token),
  });
  const names = body.repositories;
  const ids = body.repository_ids;
  const permissions = body.permissions;
  if (names !== undefined && !(Array.isArray(names) && names.every((name) => typeof name === "string")))
    return invalid("Invalid request.\n\nFor 'properties/repositories', it is not an array of strings.");
  if (ids !== undefined && !(Array.isArray(ids) && ids.every((value) => Number.isInteger(value))))
    return invalid("Invalid request.\n\nFor 'properties/repository_ids', it is not an array of integers.");
  if (
    permissions !== undefined &&
    (typeof permissions !== "object" || permissions === null || Array.isArray(permissions))
  )
    return invalid("Invalid request.\n\nFor 'properties/permissions', it is not an object.");

  const covered = env.app.repositories(installation);
  let narrowed: RepoRecord[] | null = null;
  if (names !== undefined || ids !== undefined) {
    narrowed = [];
    for (const name of (names ?? []) as string[]) {
      const repo = covered.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
      if (!repo) return invalid(NOT_ACCESSIBLE);
      if (!narrowed.includes(repo)) narrowed.push(repo);
    }
    for (const repoId of (ids ?? []) as number[]) {
      const repo = covered.find((candidate) => candidate.id === repoId);
      if (!repo) return invalid(NOT_ACCESSIBLE);
      if (!narrowed.includes(repo)) narrowed.push(repo);
    }
    narrowed.sort((a, b) => a.id - b.id);
  }

  const granted: Record<string, string> = { ...APP_PERMISSIONS };
  if (permissions !== undefined) {
    const requested = permissions as Record<string, unknown>;
    for (const [name, level] of Object.entries(requested)) {
      const has = APP_PERMISSIONS[name];
      if ((level !== "read" && level !== "write") || !has || (level === "write" && has === "read"))
        return invalid("The permissions requested are not granted to this installation.");
    }
    for (const name of Object.keys(granted)) if (!(name in requested)) delete granted[name];
    Object.assign(granted, requested);
  }

  const grant = env.app.mintToken(installation, env.nowS, {
    repoIds: narrowed === null ? null : new Set(narrowed.map((repo) => repo.id)),
    permissions: granted,
  });
  const listed = narrowed ?? (installation.selection === "selected" ? covered : null);
  return { status: 201, body: renderInstallationToken(req.ctx, grant, listed) };
}

const CURSOR = /^v1_(\d{1,17})$/;

/** The delivery log, newest first, `per_page` ≤ 100 and a `cursor` (`Link: rel="next"`). */
function listDeliveries({ req, env }: AppCall): ApiResponse {
  const { query } = req;
  const status = query.get("status");
  if (status !== null && status !== "success" && status !== "failure")
    return invalidField("HookDelivery", "status", DOC.deliveries);
  const cursor = query.get("cursor");
  const from = cursor === null || cursor === "" ? null : CURSOR.exec(cursor);
  if (from === null && cursor !== null && cursor !== "")
    return { status: 400, body: errorBody("Invalid cursor", 400, DOC.deliveries) };
  const start = from ? Number(from[1]) : Infinity;
  // GitHub's classification: success = 200–399, failure = 400–599 (a timeout's 0 is neither).
  const all = (env.webhooks?.hookDeliveries() ?? []).filter(
    (attempt) =>
      attempt.id <= start &&
      (status === null ||
        (status === "success"
          ? attempt.statusCode >= 200 && attempt.statusCode < 400
          : attempt.statusCode >= 400 && attempt.statusCode < 600)),
  );
  const { perPage } = pageParams(query);
  const items = all.slice(0, perPage);
  const next = all[perPage];
  let link: string | null = null;
  if (next) {
    const params = new URLSearchParams(query);
    params.delete("page");
    params.set("cursor", `v1_${next.id}`);
    link = `<${req.ctx.base}/app/hook/deliveries?${params.toString()}>; rel="next"`;
  }
  return ok(items.map(renderHookDeliveryItem), link);
}

function getDelivery({ params, env }: AppCall): ApiResponse {
  const id = idParam(params);
  const attempt = id === null ? undefined : env.webhooks?.hookDelivery(id);
  return attempt ? ok(renderHookDelivery(attempt)) : notFound(DOC.delivery);
}

/** 202 {}: sent again in the background; 422 when older than GitHub's 3 days. */
function redeliver({ params, env }: AppCall): ApiResponse {
  const id = idParam(params);
  const outcome = id === null || !env.webhooks ? "not_found" : env.webhooks.redeliver(id, env.nowS);
  if (outcome === "not_found") return notFound(DOC.redeliver);
  if (outcome === "too_old")
    return {
      status: 422,
      body: errorBody("This delivery is too old to be redelivered (3 days at most).", 422, DOC.redeliver),
    };
  return { status: 202, body: {} };
}

// ── installation tokens ──────────────────────────────────────────────────────

/** GET /installation/repositories: the token's repositories by id, paginated like other lists. */
export function listInstallationRepositories(
  req: ApiRequest,
  app: GitHubApp,
  grant: TokenGrant,
): ApiResponse {
  const repos = app.repositories(grant.installation).filter((repo) => app.canSee(grant, repo));
  const page = paginate(repos, req.query, `${req.ctx.base}/installation/repositories`);
  return ok(
    {
      total_count: repos.length,
      repository_selection: grant.repoIds === null ? grant.installation.selection : "selected",
      repositories: page.items.map((repo) => repository(req.ctx, repo)),
    },
    page.link,
  );
}

export const INSTALLATION_ONLY =
  "You must authenticate with an installation access token in order to list repositories for an installation.";
export const NOT_FOR_INTEGRATIONS = "Resource not accessible by integration";
export const INSTALLATION_DOCS = DOC.repositories;
