/** Builds the GitHub client of a process from settings, with the pool and ledger persisted in the database. */
import type { Settings } from "../config/settings.js";
import type { Db } from "../store/database.js";
import type { Logger } from "../util/logger.js";
import { GitHubClient, type GitHubClientOptions } from "./client.js";
import { CredentialPool, credentialsFromTokens } from "./credential-pool.js";
import { LedgerWriter, markCredentialRejected, registerCredentials } from "./credential-store.js";

export interface ClientHandle {
  client: GitHubClient;
  pool: CredentialPool;
  /**
   * Another client on the same pool and ledger, with options of its own (a job's abort signal and
   * wait limit) and counters of its own (what one job spent).
   */
  fork(options: Partial<GitHubClientOptions>): GitHubClient;
  /** Writes what is still buffered (the ledger). */
  flush(): Promise<void>;
}

export async function createGitHubClient(
  settings: Pick<Settings, "githubTokens" | "githubApiUrl">,
  db: Db,
  log: Logger,
  extra: Partial<GitHubClientOptions> = {},
): Promise<ClientHandle> {
  const pool = new CredentialPool(credentialsFromTokens(settings.githubTokens));
  await registerCredentials(db, pool.credentials);
  const ledger = new LedgerWriter(db, log);
  const build = (options: Partial<GitHubClientOptions>) =>
    new GitHubClient({
      baseUrl: settings.githubApiUrl,
      pool,
      log,
      onBudget: (credential, resource, budget) => ledger.note(credential, resource, budget),
      ...options,
      onRejected: (credential, message) => {
        markCredentialRejected(db, credential, message).catch((error: unknown) =>
          log.warn({ err: error }, "could not mark the credential invalid"),
        );
        if (options.onRejected) options.onRejected(credential, message);
        else log.warn(message);
      },
    });
  return {
    client: build(extra),
    pool,
    fork: (options) => build({ ...extra, ...options }),
    flush: () => ledger.flush(),
  };
}
