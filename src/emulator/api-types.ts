/** The emulator's request/response values between the HTTP pipeline and the route handlers. */
import type { RenderContext } from "./render-context.js";
import type { RepoRecord } from "./world-types.js";

export interface ApiRequest {
  url: URL;
  query: URLSearchParams;
  ctx: RenderContext;
  /** Set for an installation token: the repositories it may see (any other one is a 404). */
  canSee?: (repo: RepoRecord) => boolean;
}

/** A repository-scoped request: the repository is resolved, `rest` is the path after it. */
export interface RepoRequest extends ApiRequest {
  repo: RepoRecord;
  rest: string;
  params: Record<string, string>;
  /** Absolute base for Link headers: GitHub uses /repositories/{id}/… there. */
  linkBase: string;
}

export interface ApiResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function ok(body: unknown, link?: string | null): ApiResponse {
  return link ? { status: 200, body, headers: { link } } : { status: 200, body };
}

const DOCS = "https://docs.github.com/rest";

/** GitHub's error body: `{message, documentation_url, status}` (status as a string). */
export function errorBody(message: string, status: number, documentationUrl = DOCS): Record<string, unknown> {
  return { message, documentation_url: documentationUrl, status: String(status) };
}

export function notFound(documentationUrl = DOCS): ApiResponse {
  return { status: 404, body: errorBody("Not Found", 404, documentationUrl) };
}

/** 422 Validation Failed for one invalid query parameter. */
export function invalidField(resource: string, field: string, documentationUrl = DOCS): ApiResponse {
  return {
    status: 422,
    body: {
      ...errorBody("Validation Failed", 422, documentationUrl),
      errors: [{ resource, field, code: "invalid" }],
    },
  };
}

/** 301 to `location`, as GitHub answers an old name of a repository or a transferred issue. */
export function movedPermanently(location: string): ApiResponse {
  return {
    status: 301,
    body: {
      message: "Moved Permanently",
      url: location,
      documentation_url:
        "https://docs.github.com/rest/guides/best-practices-for-using-the-rest-api#follow-redirects",
    },
    headers: { location },
  };
}
