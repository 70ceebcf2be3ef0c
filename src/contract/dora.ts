/**
 * DORA metrics and CI health (`GET /api/metrics/dora`, `ghsync metrics dora --json`), defined in
 * docs/dora.md. Hours and rates are rounded to two and four decimals; null where there is
 * nothing to take a median or a rate of, and then the band is null too.
 */
import { z } from "zod";
import { instant, repositoryName } from "./common.js";
import { DORA_BANDS, DORA_DELIVERY_KINDS, DORA_DELIVERY_RESULTS, DORA_DELIVERY_SOURCES } from "./enums.js";

const band = z.enum(DORA_BANDS).nullable().describe("DevLake's 2023 benchmark band; null without a value");
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2026-03-01")
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) === value;
  }, "is not a calendar day");
/** A query parameter given once or repeated (`?repo=a/b&repo=c/d`). */
const manyOf = <T extends z.ZodType>(item: T, max: number) =>
  z.preprocess(
    (value) => (value === undefined || Array.isArray(value) ? value : [value]),
    z.array(item).max(max),
  );

export const doraQuery = z
  .object({
    repo: manyOf(repositoryName, 1_000).optional().describe("OWNER/REPO, repeatable"),
    org: z
      .string()
      .regex(/^[\w.-]+$/, "must be an organization login")
      .optional(),
    team: z
      .string()
      .regex(/^[\w.-]+\/[\w.-]+$/, "must be ORG/TEAM (the team's slug)")
      .optional(),
    from: day.optional().describe("first day (UTC, included); default 29 days before `to`"),
    to: day.optional().describe("last day (UTC, included); default today"),
  })
  .refine(
    (query) =>
      [query.repo?.length ? 1 : 0, query.org ? 1 : 0, query.team ? 1 : 0].reduce((a, b) => a + b) === 1,
    {
      message: "give one scope: repositories, an organization or a team",
    },
  );
export type DoraQuery = z.input<typeof doraQuery>;

export const doraScope = z.object({
  kind: z.enum(["repositories", "org", "team"]),
  org: z.string().nullable(),
  team: z.string().nullable().describe("ORG/TEAM"),
  repositories: z.array(z.string()),
});

const doraWeek = z.object({
  week: z.string().describe("the ISO week's Monday"),
  deployments: z.number().int(),
  deployment_days: z.number().int(),
  lead_time_median_hours: z.number().nullable(),
  change_failure_rate: z.number().nullable(),
  recovery_median_hours: z.number().nullable(),
});

export const doraDelivery = z.object({
  repository: z.string(),
  id: z.number().int(),
  kind: z.enum(DORA_DELIVERY_KINDS),
  sha: z.string().nullable(),
  created_at: instant,
  finished_at: instant,
  result: z.enum(DORA_DELIVERY_RESULTS),
  changes: z.array(z.number().int()).describe("numbers of the pull requests it ships"),
  incidents: z.array(z.number().int()).describe("numbers of the incident issues attached to it"),
  failed: z.boolean(),
});

export const doraIncident = z.object({
  repository: z.string(),
  number: z.number().int(),
  title: z.string(),
  created_at: instant,
  closed_at: instant.nullable(),
  delivery_id: z.number().int().nullable().describe("the delivery it is attached to, if any"),
});

export const ciWorkflow = z.object({
  repository: z.string(),
  workflow: z.string(),
  runs: z.number().int(),
  success_rate: z.number().nullable().describe("success / (success + failure)"),
  median_duration_s: z.number().nullable(),
});

export const doraReport = z.object({
  scope: doraScope,
  from: instant,
  to: instant,
  deployment_frequency: z.object({
    deployments: z.number().int(),
    deployment_days: z.number().int(),
    days_per_week: z.number(),
    median_days_per_week: z.number().nullable(),
    median_days_per_month: z.number().nullable(),
    band,
  }),
  lead_time_for_changes: z.object({ median_hours: z.number().nullable(), changes: z.number().int(), band }),
  change_failure_rate: z.object({
    rate: z.number().nullable(),
    failed: z.number().int(),
    total: z.number().int(),
    band,
  }),
  recovery_time: z.object({
    median_hours: z.number().nullable(),
    recovered: z.number().int(),
    unrecovered: z.number().int(),
    band,
  }),
  weekly: z.array(doraWeek),
  deliveries: z.array(doraDelivery),
  incidents: z.array(doraIncident),
  ci: z.array(ciWorkflow),
  sources: z.record(z.string(), z.enum(DORA_DELIVERY_SOURCES)),
});
export type DoraReport = z.infer<typeof doraReport>;
export type DoraWeek = z.infer<typeof doraWeek>;
export type DoraDelivery = z.infer<typeof doraDelivery>;
export type DoraIncident = z.infer<typeof doraIncident>;
export type CiWorkflow = z.infer<typeof ciWorkflow>;
