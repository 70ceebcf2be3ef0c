/**
 * docs/faults.md names, for each case of the fault catalog (../shared/FAULTS.md, 1–30), the tests
 * that inject it: every case is listed, and every test file it names exists, so the list cannot
 * drift from the suite. (Cases still waiting for their feature say "not yet".)
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const doc = readFileSync(new URL("../../docs/faults.md", import.meta.url), "utf8");
const section = doc.slice(doc.indexOf("## Where each case is tested"));
const rows = [...section.matchAll(/^\| (\d+)\s+\| ([^|]+)\| (.+) \|$/gm)].map((match) => ({
  number: Number(match[1]),
  tests: match[3] ?? "",
}));

describe("the fault catalog", () => {
  it("lists every case of the catalog once", () => {
    expect(rows.map((row) => row.number)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it("names only test files that exist, and a test for every case not waiting for a feature", () => {
    for (const row of rows) {
      const files = [
        ...row.tests.matchAll(
          /`((?:integration|unit|browser|emulator)\/[\w.-]+\.test\.ts|bench\/[\w.-]+\.ts)`/g,
        ),
      ].map((match) => match[1] ?? "");
      if (!/^not yet/.test(row.tests)) expect(files.length, `case ${row.number}`).toBeGreaterThan(0);
      for (const file of files) {
        const path = file.startsWith("bench/") ? `../../${file}` : `../${file}`;
        expect(existsSync(new URL(path, import.meta.url)), `case ${row.number}: ${file}`).toBe(true);
      }
    }
  });
});
