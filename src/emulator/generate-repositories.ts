/**
 * Repository metadata: deterministic names (web, api, mobile, … then repo-N), one private
 * repository, and with 4 or more repositories a fork and an archived one. Some fields are null on
 * purpose (description, homepage, language, license), as they are on GitHub.
 */
import type { Account, License, RepoRecord } from "./world-types.js";
import type { Rng } from "./prng.js";
import { DAY } from "./time.js";

interface Meta {
  name: string;
  description: string | null;
  language: string | null;
  homepage: boolean;
  license: License | null;
  topics: string[];
}

const MIT: License = { key: "mit", name: "MIT License", spdxId: "MIT" };
const APACHE: License = { key: "apache-2.0", name: "Apache License 2.0", spdxId: "Apache-2.0" };

const CATALOG: readonly Meta[] = [
  {
    name: "web",
    description: "Customer-facing web app",
    language: "TypeScript",
    homepage: true,
    license: MIT,
    topics: ["react", "web"],
  },
  {
    name: "api",
    description: "Public and internal HTTP API",
    language: "Go",
    homepage: false,
    license: null,
    topics: ["api"],
  },
  {
    name: "mobile",
    description: "iOS and Android apps",
    language: "Kotlin",
    homepage: false,
    license: APACHE,
    topics: ["android", "ios"],
  },
  {
    name: "infra",
    description: "Terraform and deployment scripts",
    language: "HCL",
    homepage: false,
    license: null,
    topics: [],
  },
  { name: "docs", description: null, language: null, homepage: false, license: null, topics: [] },
  {
    name: "design-system",
    description: "Shared UI components",
    language: "TypeScript",
    homepage: true,
    license: MIT,
    topics: ["design-system"],
  },
  {
    name: "data-pipeline",
    description: "Batch and streaming jobs",
    language: "Python",
    homepage: false,
    license: null,
    topics: ["etl"],
  },
  {
    name: "auth-service",
    description: "Login, sessions and tokens",
    language: "Go",
    homepage: false,
    license: null,
    topics: [],
  },
  {
    name: "billing",
    description: "Invoices and payments",
    language: "Ruby",
    homepage: false,
    license: null,
    topics: [],
  },
  {
    name: "search",
    description: "Search indexer and query service",
    language: "Rust",
    homepage: false,
    license: APACHE,
    topics: ["search"],
  },
  {
    name: "analytics",
    description: "Product analytics dashboards",
    language: "Python",
    homepage: false,
    license: null,
    topics: [],
  },
  {
    name: "cli",
    description: "Command-line client",
    language: "Go",
    homepage: true,
    license: MIT,
    topics: ["cli"],
  },
];

/** Index of the private, fork and archived repositories (-1 when there is none). */
export function roles(repos: number): { privateIndex: number; forkIndex: number; archivedIndex: number } {
  return {
    privateIndex: repos >= 2 ? 1 : -1,
    forkIndex: repos >= 4 ? 2 : -1,
    archivedIndex: repos >= 4 ? 3 : -1,
  };
}

export function repositoryName(index: number): string {
  return CATALOG[index]?.name ?? `repo-${index + 1}`;
}

/** A repository without history; ids are assigned later, in creation order. */
export function createRepository(
  index: number,
  owner: Account,
  total: number,
  rng: Rng,
  now: number,
): RepoRecord {
  const meta = CATALOG[index] ?? {
    name: repositoryName(index),
    description: `Service ${index + 1}`,
    language: rng.pick(["Go", "TypeScript", "Python", null]),
    homepage: false,
    license: null,
    topics: [],
  };
  const { privateIndex, forkIndex, archivedIndex } = roles(total);
  const createdAt = now - rng.int(400, 420) * DAY - rng.int(0, DAY);
  const repo: RepoRecord = {
    id: 0,
    name: meta.name,
    owner,
    private: index === privateIndex,
    archived: index === archivedIndex,
    fork: index === forkIndex,
    parent: null,
    description: meta.description,
    homepage: meta.homepage ? `https://${meta.name}.${owner.login.toLowerCase()}.example` : null,
    language: meta.language,
    topics: meta.topics,
    license: meta.license,
    stargazers: index === privateIndex ? 0 : rng.int(0, 400),
    forks: index === privateIndex ? 0 : rng.int(0, 40),
    watchers: 0,
    size: rng.int(100, 90_000),
    hasWiki: rng.chance(0.5),
    hasPages: meta.homepage,
    hasDiscussions: rng.chance(0.2),
    createdAt,
    updatedAt: createdAt,
    pushedAt: createdAt,
    defaultBranch: "main",
    deleted: false,
    branch: [],
    orphans: new Map(),
    threads: [],
    comments: [],
    labels: [],
    branchVersion: 0,
    workflows: [],
    runs: [],
    deployments: [],
    environments: [],
    releases: [],
    reviewComments: [],
  };
  repo.watchers = repo.stargazers;
  return repo;
}

/** The upstream a fork was made from: rendered as `parent`/`source`, never served itself. */
export function upstreamOf(repo: RepoRecord, upstreamOwner: Account, id: number): RepoRecord {
  return {
    ...repo,
    id,
    owner: upstreamOwner,
    fork: false,
    private: false,
    archived: false,
    parent: null,
    createdAt: repo.createdAt - 900 * DAY,
    stargazers: repo.stargazers * 20 + 1000,
    forks: repo.forks * 10 + 100,
    watchers: repo.stargazers * 20 + 1000,
    branch: [],
    orphans: new Map(),
    threads: [],
    comments: [],
    labels: [],
    workflows: [],
    runs: [],
    deployments: [],
    environments: [],
    releases: [],
    reviewComments: [],
  };
}

const LABELS: readonly (readonly [
  name: string,
  color: string,
  description: string | null,
  isDefault: boolean,
])[] = [
  ["bug", "d73a4a", "Something isn't working", true],
  ["enhancement", "a2eeef", "New feature or request", true],
  ["documentation", "0075ca", "Improvements or additions to documentation", true],
  ["good first issue", "7057ff", "Good for newcomers", true],
  ["question", "d876e3", "Further information is requested", true],
  ["dependencies", "0366d6", "Pull requests that update a dependency file", false],
  ["priority: high", "b60205", "Needs attention this week", false],
  ["priority: low", "c2e0c6", "Nice to have", false],
  ["severity: critical", "e11d21", "Production is down or data is at risk", false],
  ["severity: minor", "fbca04", "Cosmetic or has a workaround", false],
];

export function createLabels(): RepoRecord["labels"] {
  return LABELS.map(([name, color, description, isDefault]) => ({
    id: 0,
    name,
    color,
    description,
    default: isDefault,
  }));
}
