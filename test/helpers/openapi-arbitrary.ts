/**
 * fast-check arbitraries for the response schemas of GitHub's OpenAPI description (the committed
 * extract, test/fixtures/openapi/github-rest.json): values GitHub's schema allows, in the shapes it
 * allows — nullable fields null, optional ones missing, unions either way, text with NUL bytes,
 * lone surrogates and non-Latin characters. Numbers stay in GitHub's ranges (ids below 2^53, other
 * integers below 2^31), dates between 2008 and 2038; recursive schemas stop after a few levels.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";

type Schema = Record<string, unknown>;

interface Extract {
  endpoints: Record<string, { responses: Record<string, Schema> }>;
  components: { schemas: Record<string, Schema> };
}

const extract = JSON.parse(
  readFileSync(new URL("../fixtures/openapi/github-rest.json", import.meta.url), "utf8"),
) as Extract;

const MAX_DEPTH = 5;
const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom("\u0000", "a\u0000b", "\ud800", "💥", "O'Brien; drop table x;--") },
);
const date = fc
  .date({ min: new Date("2008-01-01T00:00:00Z"), max: new Date("2038-01-01T00:00:00Z"), noInvalidDate: true })
  .map((value) => value.toISOString().replace(/\.\d{3}Z$/, "Z"));

function integer(name: string): fc.Arbitrary<number> {
  return /(^|_)id$/.test(name)
    ? fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER })
    : fc.integer({ min: 0, max: 2 ** 31 - 1 });
}

function resolve(schema: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== "string") return schema;
  const target = extract.components.schemas[ref.replace("#/components/schemas/", "")];
  if (!target) throw new Error(`no schema ${ref}`);
  return target;
}

/** allOf's members merged into one object schema. */
function merged(schema: Schema): Schema {
  const parts = (schema.allOf as Schema[]).map((part) => resolve(part));
  return {
    type: "object",
    properties: Object.assign({}, ...parts.map((part) => part.properties ?? {})) as Schema,
    required: parts.flatMap((part) => (part.required as string[] | undefined) ?? []),
  };
}

/** Properties whose form GitHub documents beyond what its schema says, by name. */
type Overrides = Readonly<Record<string, fc.Arbitrary<unknown>>>;

function arbitrary(raw: Schema, name: string, depth: number, overrides: Overrides): fc.Arbitrary<unknown> {
  const forced = overrides[name];
  if (forced) return forced;
  const schema = resolve(raw);
  const base = nonNull(schema, name, depth, overrides);
  return schema.nullable === true ? fc.option(base, { nil: null, freq: 3 }) : base;
}

function nonNull(schema: Schema, name: string, depth: number, overrides: Overrides): fc.Arbitrary<unknown> {
  if (Array.isArray(schema.allOf)) return arbitrary(merged(schema), name, depth, overrides);
  const union = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (union) return fc.oneof(...union.map((member) => arbitrary(member, name, depth, overrides)));
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  switch (schema.type) {
    case "string":
      return schema.format === "date-time" ? date : schema.format === "uri" ? fc.webUrl() : text;
    case "integer":
      return integer(name);
    case "number":
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 });
    case "boolean":
      return fc.boolean();
    case "array":
      return depth >= MAX_DEPTH
        ? fc.constant([])
        : fc.array(arbitrary((schema.items as Schema | undefined) ?? {}, name, depth + 1, overrides), {
            maxLength: 3,
          });
    default:
      break;
  }
  if (schema.type === "object" || schema.properties) {
    const properties = Object.entries((schema.properties as Record<string, Schema> | undefined) ?? {});
    const required = new Set((schema.required as string[] | undefined) ?? []);
    // Deep down only what is required, so recursive schemas (a repository's template) end.
    const kept = depth >= MAX_DEPTH ? properties.filter(([key]) => required.has(key)) : properties;
    return fc.record(
      Object.fromEntries(
        kept.map(([key, property]) => [key, arbitrary(property, key, depth + 1, overrides)]),
      ),
      { requiredKeys: kept.map(([key]) => key).filter((key) => required.has(key)) },
    );
  }
  return fc.jsonValue({ maxDepth: 2 });
}

/**
 * Values of an operation's success response; for a list, of one item. `overrides` give the form of
 * properties (by name, at any depth) that GitHub documents and its schema does not express.
 */
export function responseItem(
  operationId: string,
  overrides: Overrides = {},
  status = 200,
): fc.Arbitrary<unknown> {
  const schema = extract.endpoints[operationId]?.responses[String(status)];
  if (!schema) throw new Error(`no ${status} response for ${operationId} in the extract`);
  const resolved = resolve(schema);
  return resolved.type === "array"
    ? arbitrary((resolved.items as Schema | undefined) ?? {}, "", 0, overrides)
    : arbitrary(resolved, "", 0, overrides);
}
