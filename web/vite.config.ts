/**
 * Builds the web app into web/dist (`npm run build:web`; `biannian serve` builds it when missing
 * or stale). Everything is bundled: no CDN, no web fonts, no inline scripts (the server's
 * Content-Security-Policy allows none).
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/",
  publicDir: "public",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
  },
  json: { stringify: true },
  server: { proxy: { "/api": "http://127.0.0.1:8080" } },
});
