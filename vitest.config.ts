import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration files each open their own databases and emulators; two cores.
    maxWorkers: 2,
    reporters: ["default"],
    projects: [
      // Pure logic: no database, no network (`npm run test:unit`).
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts"] } },
      // The emulator against GitHub's published schemas, over 127.0.0.1 only.
      { extends: true, test: { name: "emulator", include: ["test/emulator/**/*.test.ts"] } },
      // PostgreSQL (a migrated template database made once per run), the CLI, the browser.
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts", "test/browser/**/*.test.ts"],
          globalSetup: ["test/helpers/global-setup.ts"],
        },
      },
    ],
  },
});
