import { defineConfig } from "vitest/config";

/** Browser tests: the built web app in Debian's Chromium through playwright-core. */
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.e2e.test.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 180_000,
    env: { TZ: "Europe/Berlin", LANG: "de_DE.UTF-8" },
    pool: "forks",
    fileParallelism: false,
  },
});
