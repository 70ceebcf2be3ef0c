/**
 * `installation` (created, deleted, suspend, unsuspend) and `installation_repositories` (added,
 * removed), when ghsync runs as a GitHub App: every repository an installation gives is tracked
 * and backfilled (default depth: 30 days) with that installation's token; a repository taken away,
 * or a deleted installation, is untracked (its rows kept). Without an App they are only stored.
 */
import { toId } from "../../normalize/ids.js";
import type { Db } from "../../store/database.js";
import { releaseRepositories, upsertInstallation } from "../../store/installations.js";
import type { HandlerResult, WebhookPayload } from "../payload.js";

interface InstallationPayload extends WebhookPayload {
  installation?: {
    id: number;
    account?: { id: number; login: string } | null;
    repository_selection?: string;
    suspended_at?: string | null;
  };
  repositories?: { id: number; full_name: string }[];
  repositories_added?: { id: number; full_name: string }[];
  repositories_removed?: { id: number; full_name: string }[];
}

export async function onInstallation(
  tx: Db,
  event: string,
  payload: InstallationPayload,
): Promise<HandlerResult> {
  const installation = payload.installation;
  if (!installation) return { status: "ignored", reason: "no installation in the payload" };
  const id = toId(installation.id);
  const deleted = event === "installation" && payload.action === "deleted";
  await upsertInstallation(tx, {
    id,
    accountLogin: installation.account?.login ?? null,
    accountId: installation.account ? toId(installation.account.id) : null,
    repositorySelection: installation.repository_selection ?? null,
    suspendedAt: payload.action === "suspend" ? new Date(installation.suspended_at ?? Date.now()) : null,
    deletedAt: deleted ? new Date() : null,
  });
  if (deleted) {
    const released = await releaseRepositories(tx, id);
    return { status: "processed", reason: `installation deleted; ${released} repositories untracked` };
  }
  const removed = payload.repositories_removed ?? [];
  if (removed.length > 0)
    await releaseRepositories(
      tx,
      id,
      removed.map((repo) => toId(repo.id)),
    );
  const given =
    event === "installation" && payload.action === "created"
      ? payload.repositories
      : payload.repositories_added;
  return {
    status: "processed",
    trackRepositories: (given ?? []).map((repo) => ({ fullName: repo.full_name, installationId: id })),
  };
}
