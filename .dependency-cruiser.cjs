/**
 * The dependency rule of docs/architecture.md, checked by `npm run check` (check:deps).
 * Each layer names what it must not import; tests and test-support files may reach anywhere.
 * A rule broken anywhere fails the check; test/architecture/layers.test.ts shows that it does.
 */
const TESTS = "\\.test\\.tsx?$|\\.test-support\\.ts$";
const layer = (name, comment, from, notTo) => ({
  name,
  comment,
  severity: "error",
  from: { path: from, pathNot: TESTS },
  to: notTo,
});

module.exports = {
  forbidden: [
    layer(
      "core-is-the-ground",
      "src/core is pure: no other layer, no Node API, no database or HTTP library.",
      "^src/core/",
      {
        path: "^src/(?!core/)|^web/|^node_modules/(pg|@electric-sql|drizzle-orm|fastify)",
      },
    ),
    layer("core-without-node", "src/core is pure: no Node APIs.", "^src/core/", {
      dependencyTypes: ["core"],
    }),
    layer(
      "pure-pipelines",
      "src/imports and src/exports read and write bytes: core and the document schemas only.",
      "^src/(imports|exports)/",
      { path: "^src/(storage|services|render|server|cli)/|^src/contracts/(?!documents/)|^web/" },
    ),
    layer("exports-without-node", "src/exports is pure: no Node APIs.", "^src/exports/", {
      dependencyTypes: ["core"],
    }),
    layer(
      "storage-below-services",
      "src/storage holds SQL only; it knows the core's vocabulary and nothing above.",
      "^src/storage/",
      { path: "^src/(imports|exports|contracts|services|render|server|cli)/|^web/" },
    ),
    layer(
      "contracts-need-only-core",
      "src/contracts are the HTTP shapes shared with the web app: zod and the core only.",
      "^src/contracts/",
      { path: "^src/(?!core/|contracts/)|^web/" },
    ),
    layer(
      "documents-stand-alone",
      "src/contracts/documents are the files a planner writes: core and their German messages only.",
      "^src/contracts/documents/",
      { path: "^src/contracts/(?!documents/|validation-messages\\.ts$|field-labels\\.ts$)" },
    ),
    layer(
      "render-is-an-adapter",
      "src/render turns a document into files: core and the file writers only.",
      "^src/render/",
      { path: "^src/(imports|storage|contracts|services|server|cli)/|^web/" },
    ),
    layer(
      "services-below-server",
      "src/services are the use cases: they do not know HTTP or the command line.",
      "^src/services/",
      { path: "^src/(server|cli)/|^web/|^node_modules/fastify" },
    ),
    layer("server-below-cli", "src/server does not reach the command line.", "^src/server/", {
      path: "^src/cli/|^web/",
    }),
    layer(
      "outer-layers-use-services",
      "server and cli reach the database through services; only the composition root opens it.",
      "^src/(server|cli)/",
      { path: "^src/storage/(?!(db|folder-lock)\\.ts$)" },
    ),
    layer(
      "web-through-contracts-and-core",
      "The web app computes with the core and talks to the server through the contracts.",
      "^web/",
      { path: "^src/(?!core/|contracts/)" },
    ),
    layer(
      "web-lib-and-ui-below-features",
      "web/src/lib and web/src/ui are shared by every feature; they know no feature and no page.",
      "^web/src/(lib|ui)/",
      { path: "^web/src/(features|app)/" },
    ),
    layer(
      "web-lib-below-ui",
      "web/src/lib holds no components of the interface.",
      "^web/src/lib/",
      {
        path: "^web/src/ui/",
      },
    ),
    layer(
      "web-features-apart",
      "A feature does not import another feature; what two share lives in ui/ or lib/.",
      "^web/src/features/([^/]+)/",
      { path: "^web/src/features/", pathNot: "^web/src/features/$1/" },
    ),
    {
      name: "resolvable",
      comment: "Every import resolves, so no path alias hides an import from these rules.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: "no-cycles",
      comment: "No import cycle, not even of types: a layer or module reads in one direction.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    // The root tsconfig also carries the web app's path aliases (@core, @contracts), so one run
    // resolves both trees.
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
    },
    tsPreCompilationDeps: true,
    doNotFollow: { path: "node_modules" },
    exclude: { path: "node_modules|src/storage/migrations" },
  },
};
