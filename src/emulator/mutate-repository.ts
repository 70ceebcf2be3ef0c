/**
 * Repository-level changes: create, edit, rename, transfer, delete. A renamed or transferred repository
 * keeps its id; its old name redirects (301) to /repositories/{id}, like GitHub. A deleted one is
 * gone (404) under every name.
 */
import type { Account, RepoRecord, World } from "./world-types.js";
import { EmulatorError } from "./errors.js";
import { account } from "./generate-accounts.js";
import { createLabels, createRepository as generateRepository } from "./generate-repositories.js";
import { fullName, lookupRepo, nowAfter } from "./world-queries.js";

export interface EditRepository {
  description?: string | null;
  homepage?: string | null;
  private?: boolean;
  archived?: boolean;
  topics?: string[];
}

export function editRepository(world: World, repo: RepoRecord, patch: EditRepository): RepoRecord {
  if (patch.description !== undefined) repo.description = patch.description;
  if (patch.homepage !== undefined) repo.homepage = patch.homepage;
  if (patch.private !== undefined) repo.private = patch.private;
  if (patch.archived !== undefined) repo.archived = patch.archived;
  if (patch.topics !== undefined) repo.topics = patch.topics;
  repo.updatedAt = nowAfter(world, repo.updatedAt);
  return repo;
}

const NAME = /^[A-Za-z0-9._-]{1,100}$/;

function checkName(world: World, owner: Account, name: string, self?: RepoRecord): void {
  if (!NAME.test(name) || name === "." || name === "..")
    throw new EmulatorError("invalid", `invalid repository name ${JSON.stringify(name)}`);
  const target = lookupRepo(world, owner.login, name);
  if (target.kind === "found" && target.repo !== self) {
    throw new EmulatorError("conflict", `${owner.login}/${name} already exists`);
  }
}

/** A new public repository of the organization, created now, without commits yet. */
export function createRepository(world: World, name: string): RepoRecord {
  checkName(world, world.org, name);
  const now = world.now();
  const repo = generateRepository(world.repos.length, world.org, 0, world.rng, now);
  repo.name = name;
  repo.id = world.ids.next("repo");
  repo.createdAt = now;
  repo.updatedAt = now;
  repo.pushedAt = now;
  repo.labels = createLabels();
  for (const label of repo.labels) label.id = world.ids.next("label");
  world.redirects.delete(fullName(repo).toLowerCase());
  world.repos.push(repo);
  return repo;
}

function moveTo(world: World, repo: RepoRecord, owner: Account, name: string): RepoRecord {
  checkName(world, owner, name, repo);
  const oldKey = fullName(repo).toLowerCase();
  repo.owner = owner;
  repo.name = name;
  if (fullName(repo).toLowerCase() !== oldKey) world.redirects.set(oldKey, repo.id);
  world.redirects.delete(fullName(repo).toLowerCase());
  repo.updatedAt = nowAfter(world, repo.updatedAt);
  return repo;
}

export function renameRepository(world: World, repo: RepoRecord, name: string): RepoRecord {
  return moveTo(world, repo, repo.owner, name);
}

/** Transfers to an existing account, or to a new organization of that login. */
export function transferRepository(world: World, repo: RepoRecord, newOwner: string): RepoRecord {
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/.test(newOwner)) {
    throw new EmulatorError("invalid", `invalid owner ${JSON.stringify(newOwner)}`);
  }
  let owner = world.accounts.get(newOwner.toLowerCase());
  if (!owner) {
    owner = account(world.ids.next("user"), newOwner, "Organization", newOwner, world.now());
    world.accounts.set(newOwner.toLowerCase(), owner);
  }
  if (owner.type === "Bot") throw new EmulatorError("invalid", `cannot transfer to a bot (${newOwner})`);
  return moveTo(world, repo, owner, repo.name);
}

export function deleteRepository(repo: RepoRecord): RepoRecord {
  repo.deleted = true;
  return repo;
}
