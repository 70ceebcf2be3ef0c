// Extracts from GitHub's published OpenAPI description (package @octokit/openapi, file
// generated/api.github.com.json, ~13 MB; the package is ~385 MB) only what the emulator serves:
// the JSON response schemas of its endpoints (GET, and the GitHub App's POSTs) and the
// components.schemas they reference (transitively). The result is committed as test/fixtures/openapi/github-rest.json so tests can
// validate the emulator's responses without the package installed.
//
// Usage: node scripts/extract-openapi.mjs <path/to/api.github.com.json> [out.json]
//
// Only annotations are dropped (`example`, `examples`, `description`); every validation keyword
// (type, required, enum, format, nullable, additionalProperties, oneOf…) is kept as published.
// `nullable` is OpenAPI 3.0 and is rewritten to JSON-Schema type unions by the test, not here.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** Endpoints the emulator serves, by OpenAPI path; "POST /path" for another method than GET. */
const ENDPOINTS = [
  "/orgs/{org}/repos",
  "/user",
  "/user/repos",
  "/repos/{owner}/{repo}",
  "/repos/{owner}/{repo}/commits",
  "/repos/{owner}/{repo}/commits/{ref}",
  "/repos/{owner}/{repo}/compare/{basehead}",
  "/repos/{owner}/{repo}/pulls",
  "/repos/{owner}/{repo}/pulls/{pull_number}",
  "/repos/{owner}/{repo}/pulls/{pull_number}/reviews",
  "/repos/{owner}/{repo}/pulls/{pull_number}/commits",
  "/repos/{owner}/{repo}/issues",
  "/repos/{owner}/{repo}/issues/{issue_number}",
  "/repos/{owner}/{repo}/issues/{issue_number}/comments",
  "/repos/{owner}/{repo}/issues/{issue_number}/timeline",
  "/repos/{owner}/{repo}/issues/comments",
  "/repos/{owner}/{repo}/issues/comments/{comment_id}",
  "/repos/{owner}/{repo}/contributors",
  "/rate_limit",
  "/search/issues",
  "/app",
  "/app/installations",
  "/app/installations/{installation_id}",
  "POST /app/installations/{installation_id}/access_tokens",
  "/installation/repositories",
  "/app/hook/deliveries",
  "/app/hook/deliveries/{delivery_id}",
  "POST /app/hook/deliveries/{delivery_id}/attempts",
  // Delivery data (issue 18).
  "/repos/{owner}/{repo}/actions/workflows",
  "/repos/{owner}/{repo}/actions/workflows/{workflow_id}",
  "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs",
  "/repos/{owner}/{repo}/actions/runs",
  "/repos/{owner}/{repo}/actions/runs/{run_id}",
  "/repos/{owner}/{repo}/actions/runs/{run_id}/jobs",
  "/repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}",
  "/repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs",
  "/repos/{owner}/{repo}/actions/jobs/{job_id}",
  "/repos/{owner}/{repo}/commits/{ref}/check-suites",
  "/repos/{owner}/{repo}/commits/{ref}/check-runs",
  "/repos/{owner}/{repo}/check-suites/{check_suite_id}",
  "/repos/{owner}/{repo}/check-suites/{check_suite_id}/check-runs",
  "/repos/{owner}/{repo}/check-runs/{check_run_id}",
  "/repos/{owner}/{repo}/deployments",
  "/repos/{owner}/{repo}/deployments/{deployment_id}",
  "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses",
  "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses/{status_id}",
  "/repos/{owner}/{repo}/environments",
  "/repos/{owner}/{repo}/releases",
  "/repos/{owner}/{repo}/releases/latest",
  "/repos/{owner}/{repo}/releases/tags/{tag}",
  "/repos/{owner}/{repo}/releases/{release_id}",
  "/repos/{owner}/{repo}/tags",
  "/repos/{owner}/{repo}/pulls/comments",
  "/repos/{owner}/{repo}/pulls/comments/{comment_id}",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments",
  "/orgs/{org}/teams",
  "/orgs/{org}/teams/{team_slug}",
  "/orgs/{org}/teams/{team_slug}/members",
  "/orgs/{org}/teams/{team_slug}/memberships/{username}",
  "/orgs/{org}/teams/{team_slug}/repos",
];

const ANNOTATIONS = new Set(["example", "examples", "description"]);
const SCHEMA_REF = "#/components/schemas/";
const RESPONSE_REF = "#/components/responses/";

function main() {
  const input = process.argv[2];
  if (!input) {
    console.error("usage: node scripts/extract-openapi.mjs <api.github.com.json> [out.json]");
    process.exit(2);
  }
  const out = resolve(process.argv[3] ?? "test/fixtures/openapi/github-rest.json");
  const api = JSON.parse(readFileSync(input, "utf8"));
  const source = readSource(input, api);

  const needed = new Set();
  const endpoints = {};
  for (const endpoint of ENDPOINTS) {
    const [method, path] = endpoint.includes(" ") ? endpoint.split(" ") : ["GET", endpoint];
    const operation = api.paths[path]?.[method.toLowerCase()];
    if (!operation) throw new Error(`${path}: no ${method} operation in ${input}`);
    const responses = {};
    for (const [status, response] of Object.entries(operation.responses)) {
      const resolved = resolveResponse(api, response);
      const schema = resolved.content?.["application/json"]?.schema;
      responses[status] = schema ? strip(schema) : null;
      collectRefs(responses[status], needed);
    }
    endpoints[operation.operationId] = { method: method.toLowerCase(), path, responses };
  }

  const schemas = {};
  const queue = [...needed];
  while (queue.length > 0) {
    const name = queue.pop();
    if (schemas[name]) continue;
    const schema = api.components.schemas[name];
    if (!schema) throw new Error(`missing components.schemas.${name}`);
    schemas[name] = strip(schema);
    const more = new Set();
    collectRefs(schemas[name], more);
    for (const ref of more) if (!schemas[ref]) queue.push(ref);
  }

  const document = {
    source,
    note:
      "Generated by scripts/extract-openapi.mjs. Response schemas of the endpoints the emulator " +
      "serves and the components.schemas they reference; only example/examples/description removed.",
    endpoints,
    components: { schemas: sortKeys(schemas) },
  };
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(document, null, 1) + "\n");
  console.log(
    `wrote ${out}: ${Object.keys(endpoints).length} endpoints, ${Object.keys(schemas).length} schemas`,
  );
}

function readSource(input, api) {
  const pkgFile = join(dirname(input), "..", "package.json");
  const pkg = existsSync(pkgFile) ? JSON.parse(readFileSync(pkgFile, "utf8")) : {};
  return {
    package: pkg.name ?? "@octokit/openapi",
    version: pkg.version ?? api.info?.version ?? "unknown",
    file: "generated/api.github.com.json",
    openapi: api.openapi,
  };
}

function resolveResponse(api, response) {
  if (!response.$ref) return response;
  if (!response.$ref.startsWith(RESPONSE_REF)) throw new Error(`unexpected ref ${response.$ref}`);
  return api.components.responses[response.$ref.slice(RESPONSE_REF.length)];
}

function collectRefs(node, into) {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, into);
  } else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") {
        if (!value.startsWith(SCHEMA_REF)) throw new Error(`unexpected ref ${value}`);
        into.add(value.slice(SCHEMA_REF.length));
      } else {
        collectRefs(value, into);
      }
    }
  }
}

/** Deep copy without annotation keywords; a property *named* "description" is kept. */
function strip(node, inProperties = false) {
  if (Array.isArray(node)) return node.map((item) => strip(item));
  if (!node || typeof node !== "object") return node;
  const copy = {};
  for (const [key, value] of Object.entries(node)) {
    if (!inProperties && ANNOTATIONS.has(key)) continue;
    copy[key] = strip(value, !inProperties && key === "properties");
  }
  return copy;
}

function sortKeys(object) {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => a.localeCompare(b)));
}

main();
