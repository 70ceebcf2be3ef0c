// Writes the inputs of the normalizers' golden tests (test/fixtures/normalize/<case>.input.json)
// from GitHub's own published examples, so the expected rows are checked against an independent
// truth rather than hand-made JSON: the REST examples of GitHub's OpenAPI description (package
// @octokit/openapi, file generated/api.github.com.json; too large to install, hence a path) and
// the webhook payloads of @octokit/webhooks-examples (a devDependency).
//
// Usage: node scripts/extract-normalize-inputs.mjs <path/to/api.github.com.json>
// The inputs are committed; rerun only to take newer examples, then review the expected rows
// against them (test/unit/normalize-golden.test.ts says how).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

/**
 * Each case's input: a REST example (its name under components.examples), or a member of a
 * webhook example (event, position in @octokit/webhooks-examples, member of the payload).
 */
const CASES = {
  account: { rest: "simple-user" },
  repository: { rest: "full-repository-default-response" },
  "repository-list": { rest: "minimal-repository-items" },
  // A push payload gives the repository's dates in epoch seconds.
  "repository-push-webhook": { event: "push", index: 4, member: "repository" },
  "commit-list": { rest: "commit-items" },
  commit: { rest: "commit" },
  "pull-request-list": { rest: "pull-request-simple-items" },
  "pull-request": { rest: "pull-request" },
  "pull-request-webhook-closed": { event: "pull_request", index: 3, member: "pull_request" },
  "review-list": { rest: "pull-request-review-items" },
  // Webhooks spell review states in lower case.
  "review-webhook-submitted": { event: "pull_request_review", index: 0, member: "review" },
  // GitHub's example of the issue list is a pull request: it must yield no issue row.
  "issue-list": { rest: "issue-items" },
  "issue-webhook-opened": { event: "issues", index: 15, member: "issue" },
  // issues.pinned leaves `state` and `labels` out.
  "issue-webhook-pinned": { event: "issues", index: 19, member: "issue" },
  "comment-list": { rest: "issue-comment-items" },
  "contributor-list": { rest: "contributor-items-response-if-repository-contains-content" },
  "push-commits": { event: "push", index: 4, member: "commits" },
  "pull-details-commits": { rest: "commit-items" },
  "pull-details-timeline": { rest: "timeline-issue-events" },
  // Delivery data: lists the API answers as objects keep their wrapper ({total_count, workflow_runs}).
  "workflow-run-list": { rest: "workflow-run-paginated" },
  // A webhook's run leaves out `path` and `actor`.
  "workflow-run-webhook-completed": { event: "workflow_run", index: 0, member: "workflow_run" },
  "workflow-job-list": { rest: "job-paginated" },
  "workflow-job-webhook-completed": { event: "workflow_job", index: 1, member: "workflow_job" },
  "check-suite-list": { rest: "check-suite-paginated" },
  "check-run-list": { rest: "check-run-paginated" },
  "check-run-webhook-created": { event: "check_run", index: 0, member: "check_run" },
  "deployment-list": { rest: "deployment-items" },
  "deployment-webhook-created": { event: "deployment", index: 0, member: "deployment" },
  "deployment-status-list": { rest: "deployment-status-items" },
  "deployment-status-webhook-created": { event: "deployment_status", index: 0, member: "deployment_status" },
  "release-list": { rest: "release-items" },
  // A webhook's release has no `updated_at`.
  "release-webhook-published": { event: "release", index: 0, member: "release" },
  // Its one `labeled` is the event kind kept; locked, renamed and commented are not.
  "pull-events-timeline": { rest: "timeline-issue-events" },
  // The first example predates multi-line comments: no `line`, `side` or `start_line`.
  "review-comment-webhook-legacy": { event: "pull_request_review_comment", index: 0, member: "comment" },
  "review-comment-webhook-created": { event: "pull_request_review_comment", index: 1, member: "comment" },
  // Webhook teams carry no `parent`: the stored parent is kept.
  "team-webhook-created": { event: "team", index: 2, member: "team" },
};

function main() {
  const openapiPath = process.argv[2];
  if (!openapiPath) {
    console.error("usage: node scripts/extract-normalize-inputs.mjs <api.github.com.json>");
    process.exit(2);
  }
  const examples = JSON.parse(readFileSync(openapiPath, "utf8")).components.examples;
  const webhooks = createRequire(import.meta.url)("@octokit/webhooks-examples/api.github.com/index.json");
  const out = new URL("../test/fixtures/normalize/", import.meta.url);
  mkdirSync(out, { recursive: true });
  for (const [name, source] of Object.entries(CASES)) {
    const input =
      "rest" in source
        ? examples[source.rest].value
        : webhooks.find((event) => event.name === source.event).examples[source.index][source.member];
    if (input === undefined) throw new Error(`no example for ${name}`);
    writeFileSync(new URL(`${name}.input.json`, out), `${JSON.stringify(input, null, 2)}\n`);
  }
}

main();
