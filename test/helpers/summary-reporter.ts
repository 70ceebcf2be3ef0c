/**
 * Ends the run with the fault suite's figures (fault-figures.ts), then the plain line CI
 * recognises: `N passed, N failed` (skipped tests are listed separately so that a skip can never
 * pass for a pass).
 */
import type { Reporter, TestCase, TestModule } from "vitest/node";
import type { FaultFigures } from "./fault-figures.js";

const COLUMNS = ["injected", "lost", "differing", "crashes", "serverErrors"] as const;

interface FaultRow {
  family: string;
  file: string;
  cases: Set<number>;
  tests: number;
  failed: number;
  sums: Record<(typeof COLUMNS)[number], number>;
}

/** One markdown table: a row per family and test file that recorded figures, with totals. */
function faultTable(recorded: { test: TestCase; figures: FaultFigures }[]): string {
  const rows = new Map<string, FaultRow>();
  for (const { test, figures } of recorded) {
    const file = test.module.relativeModuleId.replace(/^test\//, "");
    const key = `${figures.family} ${file}`;
    const row = rows.get(key) ?? {
      family: figures.family,
      file,
      cases: new Set<number>(),
      tests: 0,
      failed: 0,
      sums: { injected: 0, lost: 0, differing: 0, crashes: 0, serverErrors: 0 },
    };
    for (const n of figures.cases) row.cases.add(n);
    row.tests++;
    if (test.result().state !== "passed") row.failed++;
    for (const column of COLUMNS) row.sums[column] += figures[column];
    rows.set(key, row);
  }
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |\n`;
  let out = "\nFault suite (docs/faults.md): figures of this run\n\n";
  out += line([
    "family",
    "cases",
    "tests",
    "faults injected",
    "deliveries lost",
    "rows differing",
    "crashes",
    "5xx to bad input",
  ]);
  out += line(["---", "---", "---", "---:", "---:", "---:", "---:", "---:"]);
  const sorted = [...rows.values()].sort(
    (a, b) => a.family.localeCompare(b.family) || a.file.localeCompare(b.file),
  );
  for (const row of sorted) {
    out += line([
      row.family,
      [...row.cases]
        .sort((a, b) => a - b)
        .map((n) => `#${n}`)
        .join(" "),
      `${row.file} (${row.tests}${row.failed > 0 ? `, ${row.failed} not passed` : ""})`,
      ...COLUMNS.map((column) => row.sums[column]),
    ]);
  }
  const total = (column: (typeof COLUMNS)[number]) => sorted.reduce((sum, row) => sum + row.sums[column], 0);
  out += line([
    "**all**",
    "",
    `${recorded.length} tests`,
    ...COLUMNS.map((column) => `**${total(column)}**`),
  ]);
  return `${out}\n`;
}

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    const faults: { test: TestCase; figures: FaultFigures }[] = [];
    for (const module of testModules) {
      if (module.state() === "failed" && [...module.children.allTests()].length === 0) failed++;
      for (const test of module.children.allTests()) {
        const figures = test.meta().fault;
        if (figures) faults.push({ test, figures });
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else skipped++;
      }
    }
    if (faults.length > 0) process.stdout.write(faultTable(faults));
    if (skipped > 0) process.stdout.write(`${skipped} skipped\n`);
    process.stdout.write(`${passed} passed, ${failed} failed\n`);
  }
}
