import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

/** The web app is built into dist/web, which the server serves (src/server/routes/web.routes.ts). */
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("../dist/web", import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
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
