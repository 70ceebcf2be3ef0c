/**
 * GitHub's public GraphQL schema (@octokit/graphql-schema), built once per process on first use
 * (≈ 160 ms). `assumeValidSDL`: the published SDL repeats some definitions, which strict
 * building rejects; queries are still validated against it in full.
 */
import { readFileSync } from "node:fs";
import { buildSchema, type GraphQLSchema } from "graphql";

let built: GraphQLSchema | undefined;

export function githubSchema(): GraphQLSchema {
  if (!built) {
    // The package exports only its index, which parses the 5 MB introspection JSON on import.
    const sdl = new URL("./schema.graphql", import.meta.resolve("@octokit/graphql-schema"));
    built = buildSchema(readFileSync(sdl, "utf8"), { assumeValidSDL: true });
  }
  return built;
}
