// The Vue 3 + Vite pages (issue 13), built beside the plain-tsc pages: every page is an HTML
// entry in vue/ and lands in the server's wwwroot/vue/ with hashed assets (docs/pages.md "Vue pages").
import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import vue from "@vitejs/plugin-vue";
import { defineConfig } from "vitest/config";

const here = fileURLToPath(new URL(".", import.meta.url));

/** One entry per page: every vue/<name>.html → /vue/<name>.html (docs/pages.md "Adding a page"). */
const pages = readdirSync(resolve(here, "vue")).filter((f) => f.endsWith(".html")).map((f) => f.replace(/\.html$/, ""));

export default defineConfig({
  root: resolve(here, "vue"),
  base: "/vue/",
  publicDir: false,
  plugins: [vue()],
  define: {
    // vue-i18n's esm-bundler flags: Composition API only, no devtools in production.
    __VUE_I18N_FULL_INSTALL__: "true",
    __VUE_I18N_LEGACY_API__: "false",
    __INTLIFY_PROD_DEVTOOLS__: "false",
  },
  build: {
    // The Chromium cores of 360/QQ/Edge browsers on school PCs (docs/pages.md).
    target: "chrome87",
    outDir: resolve(here, "../src/Server/Classroom.Server/wwwroot/vue"),
    emptyOutDir: true,
    sourcemap: true,
    // The budget is checked by scripts/check-budget.mjs, not by Vite's generic warning.
    chunkSizeWarningLimit: 1024,
    rollupOptions: {
      input: Object.fromEntries(pages.map((p) => [p, resolve(here, "vue", p + ".html")])),
    },
  },
  test: {
    root: here,
    include: ["vue/src/**/*.test.ts", "scripts/**/*.test.mjs"],
    environment: "node",
  },
});
