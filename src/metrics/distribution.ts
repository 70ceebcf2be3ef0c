/**
 * How a set of durations or sizes is reported: count, median, 90th percentile and mean, rounded
 * to two decimals. Median: the middle value (mean of the two middle ones for an even count).
 * p90: nearest rank, the value at rank ceil(0.9 · n) of the ascending list.
 */

export interface Distribution {
  count: number;
  median: number | null;
  p90: number | null;
  mean: number | null;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

export function distribution(values: Iterable<number | null>): Distribution {
  const sorted = [...values].filter((value): value is number => value !== null).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { count: 0, median: null, p90: null, mean: null };
  const middle = Math.floor(n / 2);
  const median =
    n % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  const p90 = sorted[Math.ceil(0.9 * n) - 1] as number;
  const mean = sorted.reduce((sum, value) => sum + value, 0) / n;
  return { count: n, median: round2(median), p90: round2(p90), mean: round2(mean) };
}
