import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

/** The web app is built into dist/web, which the server serves (src/server/routes/web.routes.ts). */
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [react()],
  // The same aliases as web/tsconfig.json: the core and the contracts the app shares.
  resolve: {
    alias: {
      "@core": fileURLToPath(new URL("../src/core", import.meta.url)),
      "@contracts": fileURLToPath(new URL("../src/contracts", import.meta.url)),
    },
  },
  build: {
    outDir: fileURLToPath(new URL("../dist/web", import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    // MapLibre (about 1 MB) and ExcelJS (about 0.9 MB) are chunks of their own, loaded only
    // when a map is shown or a table exported; the initial bundle is far below this limit
    // (measured by bench/atlas-browser.bench.ts).
    chunkSizeWarningLimit: 1100,
  },
  server: {
    // `npm run dev:web` proxies the API to a running `npm start`.
    proxy: {
      "/api": "http://127.0.0.1:3000",
      "/open": "http://127.0.0.1:3000",
      "/ogc": "http://127.0.0.1:3000",
    },
  },
});
