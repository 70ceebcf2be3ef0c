// @ts-check
import { readdirSync } from "node:fs";
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * Folder layers (DESIGN.md, Layout): the folders of src/ each folder may import. Data flows one
 * way — github → sync/webhooks → mirror → store → metrics → jobs → api/cli — and imports follow
 * it, so no two folders import each other. Only the CLI may import the emulator (tests and
 * benches, outside src/, may too). A new folder must be added here before it lints.
 */
/** What jobs/ orchestrates, and what api/ and cli/ reach besides jobs/: every folder below them. */
const BELOW_API = [
  "config",
  "contract",
  "github",
  "metrics",
  "mirror",
  "normalize",
  "notify",
  "store",
  "sync",
  "util",
  "webhooks",
];
const MAY_IMPORT = {
  contract: [],
  util: [],
  config: ["contract", "util"],
  store: ["contract", "util"],
  normalize: ["contract", "store", "util"],
  github: ["config", "contract", "store", "util"],
  mirror: ["contract", "normalize", "store", "util"],
  metrics: ["contract", "store", "util"],
  notify: ["config", "contract", "store", "util"],
  sync: ["config", "contract", "github", "mirror", "normalize", "store", "util"],
  webhooks: ["config", "contract", "mirror", "normalize", "store", "util"],
  jobs: BELOW_API,
  app: ["jobs", ...BELOW_API],
  api: ["app", "jobs", ...BELOW_API],
  cli: ["api", "app", "emulator", "jobs", ...BELOW_API],
  emulator: [],
  web: ["contract"],
};

const folders = readdirSync(new URL("./src", import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const undeclared = folders.filter((folder) => !(folder in MAY_IMPORT));
if (undeclared.length > 0)
  throw new Error(`eslint.config.js: declare what src/${undeclared.join(", src/")} may import (MAY_IMPORT)`);

const folderLayers = folders.map((folder) => {
  const allowed = MAY_IMPORT[/** @type {keyof typeof MAY_IMPORT} */ (folder)];
  const forbidden = folders.filter((other) => other !== folder && !allowed.includes(other));
  return {
    files: [`src/${folder}/**/*.{ts,tsx}`],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: `^(\\.\\./)+(${forbidden.join("|")})/`,
              message: `src/${folder} may import only ${allowed.length ? allowed.join(", ") : "its own files"} (folder layers: eslint.config.js, DESIGN.md Layout).`,
            },
          ],
        },
      ],
    },
  };
});

export default tseslint.config(
  { ignores: ["dist/**", "dist-check/**", "node_modules/**", "drizzle/**", "coverage/**", ".ghsync/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": "off",
    },
  },
  ...folderLayers,
  {
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
);
