// Builds the dashboard (src/web, Preact) into dist/web, which `ghsync serve` serves at /.
import { defineConfig } from "vite";

export default defineConfig({
  root: "src/web",
  base: "/",
  logLevel: "warn",
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: { outDir: "../../dist/web", emptyOutDir: true, target: "es2022" },
});
