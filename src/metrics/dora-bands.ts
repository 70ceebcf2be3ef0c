/**
 * DevLake's benchmarks of the four keys, from the 2023 Accelerate State of DevOps report
 * (docs/dora.md, "Bands", links to each DevLake page). A band needs a value: null has none.
 */
import type { DoraBand } from "../contract/enums.js";

const DAY_HOURS = 24;
const WEEK_HOURS = 7 * DAY_HOURS;
const MONTH_HOURS = 30 * DAY_HOURS;

/**
 * Median deployment days per week ≥ 5: elite (on demand); ≥ 1: high (daily to weekly); median
 * deployment days per month ≥ 1: medium (weekly to monthly); else low.
 * https://devlake.apache.org/docs/Metrics/DeploymentFrequency
 */
export function deploymentFrequencyBand(perWeek: number | null, perMonth: number | null): DoraBand | null {
  if (perWeek === null || perMonth === null) return null;
  if (perWeek >= 5) return "elite";
  if (perWeek >= 1) return "high";
  if (perMonth >= 1) return "medium";
  return "low";
}

/**
 * Median lead time under a day: elite; under a week: high; under a month (30 days): medium; else low.
 * https://devlake.apache.org/docs/Metrics/LeadTimeForChanges
 */
export function leadTimeBand(medianHours: number | null): DoraBand | null {
  if (medianHours === null) return null;
  if (medianHours < DAY_HOURS) return "elite";
  if (medianHours < WEEK_HOURS) return "high";
  if (medianHours < MONTH_HOURS) return "medium";
  return "low";
}

/**
 * At most 5%: elite; 10%: high; 15%: medium; more: low. https://devlake.apache.org/docs/Metrics/CFR
 */
export function changeFailureRateBand(rate: number | null): DoraBand | null {
  if (rate === null) return null;
  if (rate <= 0.05) return "elite";
  if (rate <= 0.1) return "high";
  if (rate <= 0.15) return "medium";
  return "low";
}

/**
 * Median recovery under an hour: elite; under a day: high; under a week: medium; else low.
 * https://devlake.apache.org/docs/Metrics/FailedDeploymentRecoveryTime
 */
export function recoveryTimeBand(medianHours: number | null): DoraBand | null {
  if (medianHours === null) return null;
  if (medianHours < 1) return "elite";
  if (medianHours < DAY_HOURS) return "high";
  if (medianHours < WEEK_HOURS) return "medium";
  return "low";
}
