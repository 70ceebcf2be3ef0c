/**
 * The tracking file (`ghsync.yaml` by default, GHSYNC_TRACKING_FILE): the organizations and
 * repositories ghsync keeps current, with their depths. Read and checked here, before anything is
 * changed; every error names the file, the line and the field (`ghsync.yaml:7: repositories[1].depth: …`).
 *
 *     depth: 30d              # default of the entries below (default 30d)
 *     organizations:
 *       - acme                # every repository of the organization
 *       - { name: other, depth: 90d }
 *     repositories:
 *       - acme/api
 *       - { name: acme/web, depth: full }
 */
import { readFile } from "node:fs/promises";
import { LineCounter, isMap, isNode, isScalar, isSeq, parseDocument, type Document } from "yaml";
import { z } from "zod";
import { parseDepth } from "../sync/depth.js";
import { GhsyncError } from "../util/errors.js";

export interface TrackingEntry {
  name: string;
  /** A depth label as parseDepth normalizes it ("30d", "full", an ISO date). */
  depth: string;
  /** Where the entry is in the file, for messages. */
  line: number;
}

export interface TrackingFile {
  path: string;
  organizations: TrackingEntry[];
  repositories: TrackingEntry[];
}

const depth = z
  .string({ error: 'must be a depth: "30d", "full" or a date like 2026-01-31' })
  .transform((text, ctx) => {
    try {
      return parseDepth(text).label;
    } catch (error) {
      ctx.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
      return z.NEVER;
    }
  });

/** A mapping's errors: an unknown field by name (a typo like `dept:`), else what it must be. */
const mappingError = (what: string, fields: string) => (issue: z.core.$ZodRawIssue) =>
  issue.code === "unrecognized_keys"
    ? `unknown field ${issue.keys.join(", ")} (known: ${fields})`
    : `must be ${what}`;

/** An entry is a name, or `{name, depth}`. */
const entry = (name: z.ZodString) =>
  z.preprocess(
    (value) => (typeof value === "string" ? { name: value } : value),
    z.strictObject(
      { name, depth: depth.optional() },
      { error: mappingError("a name or {name, depth}", "name, depth") },
    ),
  );

const list = <T extends z.ZodType>(item: T) => z.array(item, { error: "must be a list" }).default([]);

const fileSchema = z.strictObject(
  {
    depth: depth.optional(),
    organizations: list(entry(z.string().regex(/^[\w.-]+$/, "must be an organization login, like acme"))),
    repositories: list(entry(z.string().regex(/^[\w.-]+\/[\w.-]+$/, "must be OWNER/REPO"))),
  },
  {
    error: mappingError(
      "a mapping of organizations:, repositories: and depth:",
      "organizations, repositories, depth",
    ),
  },
);

function invalid(path: string, line: number, message: string): GhsyncError {
  return new GhsyncError("invalid_tracking_file", `${path}:${line}: ${message}`, { status: 400 });
}

/** Parses the file's text (`path` is for messages). */
export function parseTrackingFile(text: string, path: string): TrackingFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const [syntax] = doc.errors;
  if (syntax) throw invalid(path, lines.linePos(syntax.pos[0]).line, syntax.message);
  const lineOf = (at: (string | number)[]) => lineOfPath(doc, lines, at);
  const parsed = fileSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const at = issue?.path.filter((key) => typeof key !== "symbol") ?? [];
    if (issue?.code === "unrecognized_keys" && issue.keys[0]) at.push(issue.keys[0]);
    throw invalid(path, lineOf(at), `${fieldName(at) || "the file"}: ${issue?.message}`);
  }
  const read = (kind: "organizations" | "repositories"): TrackingEntry[] => {
    const seen = new Map<string, number>();
    return parsed.data[kind].map((item, index) => {
      const line = lineOf([kind, index]);
      const earlier = seen.get(item.name.toLowerCase());
      if (earlier !== undefined)
        throw invalid(path, line, `${kind}[${index}]: ${item.name} is listed twice (also line ${earlier})`);
      seen.set(item.name.toLowerCase(), line);
      return { name: item.name, depth: item.depth ?? parsed.data.depth ?? "30d", line };
    });
  };
  return { path, organizations: read("organizations"), repositories: read("repositories") };
}

/** Reads and parses the file; a missing file is an error that says how to name another. */
export async function readTrackingFile(path: string): Promise<TrackingFile> {
  const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
    throw new GhsyncError(
      "not_found",
      `${path}: no such file (write one, or name it: ghsync apply FILE or GHSYNC_TRACKING_FILE)`,
      { status: 404 },
    );
  });
  return parseTrackingFile(text, path);
}

/** `repositories[1].depth` */
function fieldName(at: (string | number)[]): string {
  return at.map((key, i) => (typeof key === "number" ? `[${key}]` : i === 0 ? key : `.${key}`)).join("");
}

/** The line of the nearest node at or above `at` (a field's key; a scalar entry has no fields). */
function lineOfPath(doc: Document, lines: LineCounter, at: (string | number)[]): number {
  for (let end = at.length; end > 0; end--) {
    const parent = end === 1 ? doc.contents : doc.getIn(at.slice(0, end - 1), true);
    const key = at[end - 1];
    const node = isMap(parent)
      ? parent.items.find((pair) => isScalar(pair.key) && pair.key.value === key)?.key
      : isSeq(parent) && typeof key === "number"
        ? parent.items[key]
        : undefined;
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return doc.contents?.range ? lines.linePos(doc.contents.range[0]).line : 1;
}
