/** Builds the GitHub client of a process from settings, with the pool and ledger persisted in the database. */
import type { Settings } from "../config/settings.js";
import type { Db } from "../store/database.js";
import type { Logger } from "../util/logger.js";
import { GitHubClient, type GitHubClientOptions } from "./client.js";
import { createGitHubApp, type GitHubApp } from "./app.js";
import { CredentialPool, credentialsFromTokens, type Credential } from "./credential-pool.js";
import { WriteSpacing } from "./write-spacing.js";
import { systemClock } from "../util/clock.js";
import {
  LedgerWriter,
  markCredentialRejected,
  registerCredential,
  registerCredentials,
} from "./credential-store.js";

export interface ClientHandle {
  client: GitHubClient;
  pool: CredentialPool;
  /**
   * Another client on the same pool and ledger, with options of its own (a job's abort signal and
   * wait limit) and counters of its own (what one job spent).
   */
  fork(options: Partial<GitHubClientOptions>): GitHubClient;
  /** The GitHub App, when one is configured (GITHUB_APP_ID + GITHUB_APP_PRIVATE_KEY). */
  app: GitHubApp | undefined;
  /**
   * A client on one credential only (a GitHub App installation, or the App's JWT), with its own
   * budget shared by every client made for that credential.
   */
  withCredential(credential: Credential, options?: Partial<GitHubClientOptions>): Promise<GitHubClient>;
  /** Writes what is still buffered (the ledger). */
  flush(): Promise<void>;
}

export async function createGitHubClient(
  settings: Pick<Settings, "githubTokens" | "githubApiUrl"> &
    Partial<Pick<Settings, "githubAppId" | "githubAppPrivateKey" | "api">>,
  db: Db,
  log: Logger,
  extra: Partial<GitHubClientOptions> = {},
): Promise<ClientHandle> {
  const pool = new CredentialPool(credentialsFromTokens(settings.githubTokens));
  await registerCredentials(db, pool.credentials);
  const ledger = new LedgerWriter(db, log);
  // One server: what one client learns of its GraphQL, every client of the process knows.
  const graphqlSupport = {};
  const writeSpacing = new WriteSpacing(extra.clock ?? systemClock);
  const build = (options: Partial<GitHubClientOptions>) =>
    new GitHubClient({
      baseUrl: settings.githubApiUrl,
      pool,
      log,
      graphqlSupport,
      writeSpacing,
      ...(settings.api ? { api: settings.api } : {}),
      onBudget: (credential, resource, budget) => ledger.note(credential, resource, budget),
      ...options,
      // Awaited, so a CLI that fails on the rejection exits with the credential already marked.
      onRejected: async (credential, message) => {
        await markCredentialRejected(db, credential, message).catch((error: unknown) =>
          log.warn({ err: error }, "could not mark the credential invalid"),
        );
        if (options.onRejected) await options.onRejected(credential, message);
        else log.warn(message);
      },
    });
  const app = createGitHubApp({
    githubAppId: settings.githubAppId,
    githubAppPrivateKey: settings.githubAppPrivateKey,
    githubApiUrl: settings.githubApiUrl,
  });
  const pools = new Map<string, Promise<CredentialPool>>();
  const poolOf = (credential: Credential) => {
    let single = pools.get(credential.fingerprint);
    if (!single) {
      single = registerCredential(db, credential, credential === app?.jwt ? "app" : "installation").then(
        () => new CredentialPool([credential]),
      );
      pools.set(credential.fingerprint, single);
    }
    return single;
  };
  return {
    client: build(extra),
    pool,
    fork: (options) => build({ ...extra, ...options }),
    app,
    withCredential: async (credential, options = {}) =>
      build({ ...extra, ...options, pool: await poolOf(credential) }),
    flush: () => ledger.flush(),
  };
}
