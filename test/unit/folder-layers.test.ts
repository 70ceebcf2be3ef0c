/**
 * The folders of src/ import one way (eslint.config.js, MAY_IMPORT): the lint run rejects an
 * import against the direction and the emulator in product code, and the real import graph of
 * src/ has no cycle between folders.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

async function lint(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

/** Folder → the folders its files import (relative imports that leave the folder). */
function folderGraph(): Map<string, Set<string>> {
  const src = path.join(root, "src");
  const graph = new Map<string, Set<string>>();
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    const folder = path.relative(src, file).split(path.sep)[0] ?? "";
    for (const [, specifier] of readFileSync(file, "utf8").matchAll(/from "(\.[^"]+)"/g)) {
      const target = path.relative(src, path.resolve(path.dirname(file), specifier ?? "")).split(path.sep);
      if (target.length < 2 || target[0] === folder || target[0] === "..") continue;
      graph.set(folder, (graph.get(folder) ?? new Set()).add(target[0] ?? ""));
    }
  }
  return graph;
}

describe("folder layers", () => {
  it("rejects an import against the direction, naming what the folder may import", async () => {
    const messages = await lint("src/store/example.ts", 'export { QUEUES } from "../jobs/queue.js";\n');
    expect(messages).toEqual([
      expect.stringMatching(/src\/store may import only contract, util \(folder layers/),
    ]);
    expect(await lint("src/webhooks/handlers/example.ts", 'import "../../jobs/queue.js";\n')).toHaveLength(1);
  });

  it("keeps the emulator out of product code, and lets the CLI use it", async () => {
    expect(await lint("src/api/example.ts", 'import "../emulator/index.js";\n')).toHaveLength(1);
    expect(await lint("src/cli/commands/example.ts", 'import "../../emulator/index.js";\n')).toEqual([]);
  });

  it("allows the declared direction and a folder's own files", async () => {
    expect(await lint("src/jobs/example.ts", 'import "../store/schema.js";\nimport "./queue.js";\n')).toEqual(
      [],
    );
  });

  it("finds no cycle between the folders of src/", () => {
    const graph = folderGraph();
    const cycles: string[] = [];
    const visit = (folder: string, trail: string[]) => {
      if (trail.includes(folder)) {
        cycles.push([...trail.slice(trail.indexOf(folder)), folder].join(" → "));
        return;
      }
      for (const next of graph.get(folder) ?? []) visit(next, [...trail, folder]);
    };
    for (const folder of graph.keys()) visit(folder, []);
    expect(graph.get("jobs")?.has("store")).toBe(true); // the graph is read, not empty
    expect(cycles).toEqual([]);
  });
});
