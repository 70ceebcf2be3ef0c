/**
 * The OAuth web flow of one OAuth App, offline: `GET /login/oauth/authorize` consents at once and
 * redirects back with a `code`; `POST /login/oauth/access_token` trades the code for a `gho_` token
 * that authenticates as the person who signed in (GET /user, and their repositories only).
 * Behaviour and error texts follow GitHub's documentation:
 * https://docs.github.com/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#web-application-flow
 * https://docs.github.com/apps/oauth-apps/maintaining-oauth-apps/troubleshooting-oauth-app-access-token-request-errors
 */
import type { ResolvedOAuth } from "./options.js";
import type { Clock } from "./time.js";
import type { TokenRegistry } from "./tokens.js";
import type { Account, World } from "./world-types.js";
import { Rng } from "./prng.js";

/** GitHub's codes expire after 10 minutes and are good for one exchange. */
export const CODE_TTL_MS = 10 * 60_000;

const TROUBLESHOOTING =
  "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors";
const MISMATCH = "The redirect_uri MUST match the registered callback URL for this application.";

const ERRORS = {
  incorrect_client_credentials: "The client_id and/or client_secret passed are incorrect.",
  redirect_uri_mismatch: MISMATCH,
  bad_verification_code: "The code passed is incorrect or expired.",
} as const;
export type OAuthErrorCode = keyof typeof ERRORS;

/** What an OAuth route answers: a redirect, or a body of its own type. */
export interface OAuthAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface Grant {
  account: Account;
  redirectUri: string | null;
  scope: string;
  expiresAtMs: number;
}

export class OAuthFlow {
  private readonly codes = new Map<string, Grant>();
  private readonly random: Rng;

  constructor(
    private readonly world: World,
    private readonly settings: ResolvedOAuth,
    private readonly tokens: TokenRegistry,
    private readonly clockMs: Clock,
  ) {
    this.random = new Rng(`oauth:${world.seed}`);
  }

  /** GET /login/oauth/authorize: the person consents at once; back to `redirect_uri` with a code. */
  authorize(query: URLSearchParams): OAuthAnswer {
    if (query.get("client_id") !== this.settings.clientId) return text(404, "Not Found: no such OAuth App");
    const redirectUri = query.get("redirect_uri");
    const state = query.get("state");
    const callback = this.settings.callbackUrl;
    if (redirectUri !== null && callback !== null && !redirectUri.startsWith(callback)) {
      return redirect(callback, {
        error: "redirect_uri_mismatch",
        error_description: MISMATCH,
        error_uri: `${TROUBLESHOOTING}#redirect-uri-mismatch`,
        state,
      });
    }
    const target = redirectUri ?? callback;
    if (target === null) return text(422, "redirect_uri is required: this OAuth App has no callback URL");
    const account = this.signingIn(query.get("login"));
    if (!account) return text(404, `Not Found: no user ${query.get("login") ?? ""}`);
    const code = this.random.hex(20);
    this.codes.set(code, {
      account,
      redirectUri,
      scope: query.get("scope") ?? "",
      expiresAtMs: this.clockMs() + CODE_TTL_MS,
    });
    return redirect(target, { code, state });
  }

  /**
   * POST /login/oauth/access_token (form or JSON body): a token for a good code, used once. Errors
   * are 200s with `error`, as GitHub sends them; JSON for `Accept: application/json`, else a form.
   */
  exchange(body: Record<string, string>, accept: string | undefined): OAuthAnswer {
    const json = accept?.includes("application/json") ?? false;
    if (body.client_id !== this.settings.clientId || body.client_secret !== this.settings.clientSecret)
      return tokenAnswer(json, failure("incorrect_client_credentials"));
    const grant = body.code === undefined ? undefined : this.codes.get(body.code);
    if (!grant || grant.expiresAtMs <= this.clockMs())
      return tokenAnswer(json, failure("bad_verification_code"));
    if (
      body.redirect_uri !== undefined &&
      grant.redirectUri !== null &&
      body.redirect_uri !== grant.redirectUri
    )
      return tokenAnswer(json, failure("redirect_uri_mismatch"));
    this.codes.delete(body.code ?? "");
    const token = `gho_${this.random.alphanumeric(36)}`;
    this.tokens.bind(token, grant.account);
    return tokenAnswer(json, { access_token: token, token_type: "bearer", scope: grant.scope });
  }

  /** The named human, else the default one (the option, or the first member). */
  private signingIn(login: string | null): Account | undefined {
    const wanted = login ?? this.settings.defaultLogin;
    if (wanted === null) return this.world.members[0];
    const account = this.world.accounts.get(wanted.toLowerCase());
    return account?.type === "User" ? account : undefined;
  }
}

function failure(code: OAuthErrorCode): Record<string, string> {
  return {
    error: code,
    error_description: ERRORS[code],
    error_uri: `${TROUBLESHOOTING}#${code.replaceAll("_", "-")}`,
  };
}

function tokenAnswer(json: boolean, fields: Record<string, string>): OAuthAnswer {
  return json
    ? {
        status: 200,
        headers: { "content-type": "application/json; charset=utf-8" },
        body: JSON.stringify(fields),
      }
    : {
        status: 200,
        headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
        body: new URLSearchParams(fields).toString(),
      };
}

function redirect(target: string, params: Record<string, string | null>): OAuthAnswer {
  const url = new URL(target);
  for (const [name, value] of Object.entries(params)) if (value !== null) url.searchParams.set(name, value);
  return { status: 302, headers: { location: url.toString() }, body: "" };
}

function text(status: number, message: string): OAuthAnswer {
  return { status, headers: { "content-type": "text/plain; charset=utf-8" }, body: message };
}

/** A form or JSON body as flat strings (GitHub takes either). */
export function parseOAuthBody(body: string, contentType: string | undefined): Record<string, string> {
  if (contentType?.includes("application/json")) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (typeof parsed !== "object" || parsed === null) return {};
      return Object.fromEntries(
        Object.entries(parsed).flatMap(([key, value]) =>
          typeof value === "string" || typeof value === "number" ? [[key, String(value)]] : [],
        ),
      );
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(body));
}
