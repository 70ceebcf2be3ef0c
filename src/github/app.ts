/**
 * ghsync as a GitHub App (GITHUB_APP_ID + GITHUB_APP_PRIVATE_KEY): a JWT signed with the App's key
 * for App endpoints (installations, webhook deliveries), and per-installation access tokens —
 * created on first use, cached and refreshed before they expire by @octokit/auth-app — as pool
 * credentials for the repositories of that installation.
 */
import { readFileSync } from "node:fs";
import { createAppAuth } from "@octokit/auth-app";
import { request } from "@octokit/request";
import type { Settings } from "../config/settings.js";
import { ConfigError, GhsyncError } from "../util/errors.js";
import type { Credential } from "./credential-pool.js";

export interface GitHubApp {
  readonly appId: string;
  /** A credential for one installation (the same object each time: its budget is shared). */
  installation(installationId: number): Credential;
  /** A credential that sends the App's JWT (App endpoints only). */
  readonly jwt: Credential;
}

/** The key as PEM text: GITHUB_APP_PRIVATE_KEY holds it (escaped newlines allowed) or names its file. */
export function readPrivateKey(value: string): string {
  const text = value.includes("-----BEGIN") ? value : readKeyFile(value);
  return text.replaceAll("\\n", "\n");
}

function readKeyFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new ConfigError(
      `GITHUB_APP_PRIVATE_KEY is neither a PEM key nor a readable key file (${(error as Error).message})`,
    );
  }
}

/**
 * An installation's access token. GitHub answers 404 when the installation does not exist (never
 * made, removed, or another App's): said as such, not as a 404 of whatever was being read with it.
 */
async function installationToken(
  auth: ReturnType<typeof createAppAuth>,
  installationId: number,
): Promise<string> {
  try {
    return (await auth({ type: "installation", installationId })).token;
  } catch (error) {
    if ((error as { status?: number }).status !== 404) throw error;
    throw new GhsyncError(
      "unknown_installation",
      `installation ${installationId} of this GitHub App does not exist (removed, or another App's): see the App's installations on GitHub`,
      { status: 404, cause: error },
    );
  }
}

export function createGitHubApp(
  settings: Pick<Settings, "githubAppId" | "githubAppPrivateKey" | "githubApiUrl">,
): GitHubApp | undefined {
  if (!settings.githubAppId && !settings.githubAppPrivateKey) return undefined;
  if (!settings.githubAppId || !settings.githubAppPrivateKey) {
    throw new ConfigError("a GitHub App needs both GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY");
  }
  const appId = settings.githubAppId;
  const auth = createAppAuth({
    appId,
    privateKey: readPrivateKey(settings.githubAppPrivateKey),
    request: request.defaults({ baseUrl: settings.githubApiUrl }),
  });
  const installations = new Map<number, Credential>();
  return {
    appId,
    installation(installationId) {
      let credential = installations.get(installationId);
      if (!credential) {
        credential = {
          label: `GitHub App installation ${installationId}`,
          fingerprint: `installation-${installationId}`,
          installationId,
          token: () => installationToken(auth, installationId),
        };
        installations.set(installationId, credential);
      }
      return credential;
    },
    jwt: {
      label: `GitHub App ${appId}`,
      fingerprint: `app-${appId}`,
      token: async () => (await auth({ type: "app" })).token,
    },
  };
}
