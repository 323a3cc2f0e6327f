import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // The web app's aliases (web/tsconfig.json), so its unit tests resolve them.
  resolve: {
    alias: {
      "@core": fileURLToPath(new URL("src/core", import.meta.url)),
      "@contracts": fileURLToPath(new URL("src/contracts", import.meta.url)),
    },
  },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "web/src/**/*.test.ts"],
    // Browser tests need the built web app and Chromium: `npm run test:e2e`.
    exclude: ["test/e2e/**", "node_modules/**"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { TZ: "Europe/Berlin", LANG: "de_DE.UTF-8" },
    pool: "forks",
  },
});
