/**
 * Validators for the emulator's responses, built from the committed OpenAPI extract
 * (test/fixtures/openapi/github-rest.json). OpenAPI 3.0 is not JSON Schema: `nullable: true`
 * becomes a type union (or `anyOf [..., null]`), and OpenAPI-only annotations (`discriminator`,
 * `x-*`) are dropped; every validation keyword is kept as published, except `additionalProperties`
 * next to a non-object `type` (hook-delivery's `response.payload` is a string with one): it cannot
 * apply there, and Ajv's strict mode rejects the schema for it.
 */
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import type { ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Extract {
  source: { package: string; version: string };
  endpoints: Record<string, { path: string; responses: Record<string, Json> }>;
  components: { schemas: Record<string, Json> };
}

const FIXTURE = new URL("../fixtures/openapi/github-rest.json", import.meta.url);
const ROOT = "https://ghsync.invalid/github-rest.json";

function isObject(value: Json): value is { [key: string]: Json } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** OpenAPI 3.0 schema → JSON Schema (draft-07) with the same meaning. */
export function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!isObject(node)) return node;
  const out: { [key: string]: Json } = {};
  const notObject = typeof node.type === "string" && node.type !== "object";
  for (const [key, value] of Object.entries(node)) {
    if (key === "nullable" || key === "discriminator" || key.startsWith("x-")) continue;
    if (key === "additionalProperties" && notObject) continue;
    if (key === "$ref" && typeof value === "string")
      out[key] = value.replace("#/components/schemas/", `${ROOT}#/definitions/`);
    else if (key === "properties" && isObject(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, schema]) => [name, toJsonSchema(schema)]),
      );
    } else out[key] = toJsonSchema(value);
  }
  if (node.nullable !== true) return out;
  if (typeof out.type === "string") {
    out.type = [out.type, "null"];
    // Some published enums list null already (check-suite.conclusion): Ajv refuses duplicates.
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: "null" }] };
}

export interface Validators {
  source: Extract["source"];
  operations: string[];
  /** Validator for an operation's response status. */
  validator(operationId: string, status: number): ValidateFunction;
  /** Validator for one of components.schemas (e.g. "basic-error"). */
  component(name: string): ValidateFunction;
  /** Validator for an OpenAPI schema written here (its $refs name components.schemas). */
  compile(schema: Json): ValidateFunction;
  /** The success status of an operation (its lowest 2xx response). */
  successStatus(operationId: string): number;
}

export function loadValidators(): Validators {
  const extract = JSON.parse(readFileSync(FIXTURE, "utf8")) as Extract;
  const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
  const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
  addFormats(ajv);
  const definitions = Object.fromEntries(
    Object.entries(extract.components.schemas).map(([name, schema]) => [name, toJsonSchema(schema)]),
  );
  ajv.addSchema({ $id: ROOT, definitions });
  const cache = new Map<string, ValidateFunction>();
  return {
    source: extract.source,
    operations: Object.keys(extract.endpoints),
    validator(operationId, status) {
      const key = `${operationId} ${status}`;
      const cached = cache.get(key);
      if (cached) return cached;
      const schema = extract.endpoints[operationId]?.responses[String(status)];
      if (!isObjectSchema(schema)) throw new Error(`no schema for ${key} in the OpenAPI extract`);
      const compiled = ajv.compile(toJsonSchema(schema) as object);
      cache.set(key, compiled);
      return compiled;
    },
    compile(schema) {
      return ajv.compile(toJsonSchema(schema) as object);
    },
    component(name) {
      if (!(name in extract.components.schemas))
        throw new Error(`no components.schemas.${name} in the extract`);
      const compiled = ajv.getSchema(`${ROOT}#/definitions/${name}`);
      if (!compiled) throw new Error(`cannot compile ${name}`);
      return compiled;
    },
    successStatus(operationId) {
      const statuses = Object.keys(extract.endpoints[operationId]?.responses ?? {})
        .map(Number)
        .filter((status) => status >= 200 && status < 300);
      const status = Math.min(...statuses);
      if (!Number.isFinite(status)) throw new Error(`${operationId}: no 2xx response in the extract`);
      return status;
    },
  };
}

function isObjectSchema(value: Json | undefined): value is { [key: string]: Json } {
  return value !== undefined && isObject(value);
}
