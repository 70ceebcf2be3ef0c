/**
 * `GET /api/webhooks/setup`: what a user needs to point GitHub at this server — the exact payload
 * URL as this request reached it, and a hint to recognise the secret (never the secret itself:
 * how many are set and the first characters of each one's sha256, which `sha256sum` can confirm).
 */
import { createHash } from "node:crypto";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { webhookSetup } from "../../contract/webhooks.js";
import type { ApiContext } from "../server.js";

export function secretFingerprint(secret: string): string {
  return createHash("sha256").update(secret).digest("hex").slice(0, 8);
}

export function webhookSetupRoute({ settings }: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/webhooks/setup",
      {
        schema: {
          response: { 200: webhookSetup },
          description: "The webhook URL to give GitHub, and a hint of the configured secret.",
        },
      },
      async (request) => ({
        url: `${request.protocol}://${request.host}/webhooks/github`,
        content_type: "application/json" as const,
        configured: settings.webhookSecrets.length > 0,
        secret_fingerprints: settings.webhookSecrets.map(secretFingerprint),
        events: [
          "push",
          "pull_request",
          "pull_request_review",
          "issues",
          "issue_comment",
          "repository",
          // Delivery data (webhooks/handlers/workflow.ts, check.ts, deployment.ts, release.ts).
          "workflow_run",
          "workflow_job",
          "check_suite",
          "check_run",
          "deployment",
          "deployment_status",
          "release",
        ],
      }),
    );
  };
}
