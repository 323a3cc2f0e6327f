// @ts-check
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "dist/",
      "coverage/",
      ".sopla/",
      ".scratch/",
      "data/",
      "src/storage/migrations/",
    ],
  },
  {
    files: ["**/*.ts", "**/*.tsx"],
    extends: [tseslint.configs.base],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/switch-exhaustiveness-check": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/no-unnecessary-type-assertion": "error",
      eqeqeq: ["error", "smart"],
      "no-console": "off",
    },
  },
  {
    // The dependency rule: the core is pure and imports nothing from outer layers or node:.
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["node:*"], message: "src/core is pure: no Node APIs." },
            {
              group: [
                "**/storage/**",
                "**/services/**",
                "**/server/**",
                "**/cli/**",
                "**/imports/**",
              ],
              message: "src/core must not import outer layers.",
            },
            {
              group: ["pg", "@electric-sql/*", "drizzle-orm*", "fastify*"],
              message: "src/core is pure.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/imports/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/server/**", "**/cli/**"],
              message: "imports must not depend on server or cli.",
            },
          ],
        },
      ],
    },
  },
  {
    // The open-data writers are pure: data in, bytes out; the server picks formats.
    files: ["src/exports/**/*.ts"],
    ignores: ["src/exports/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/storage/**", "**/services/**", "**/server/**", "**/cli/**"],
              message: "exports must not depend on storage, services, server or cli.",
            },
            { group: ["node:*"], message: "src/exports is pure: no Node APIs outside tests." },
          ],
        },
      ],
    },
  },
  {
    files: ["src/exports/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/storage/**", "**/services/**", "**/server/**", "**/cli/**"],
              message: "exports must not depend on storage, services, server or cli.",
            },
          ],
        },
      ],
    },
  },
  {
    // The web app reaches the server only through the shared contracts (and computes with core).
    files: ["web/**/*.ts", "web/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "**/src/storage/**",
                "**/src/services/**",
                "**/src/server/**",
                "**/src/cli/**",
              ],
              message: "the web app talks to the server through src/contracts only.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/services/**/*.ts", "src/storage/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/server/**", "**/cli/**", "fastify*"],
              message: "inner layers must not import the server.",
            },
          ],
        },
      ],
    },
  },
);
