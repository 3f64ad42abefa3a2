// Checks each Vue page's JavaScript budget (gzip bytes the browser fetches for the page: its entry
// script and every module it preloads) and prints the figures. Each page states its own budget in
// its HTML entry, <meta name="js-budget-kb" content="N"> (docs/pages.md "Budgets").
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "src", "Server", "Classroom.Server", "wwwroot");
const out = join(root, "vue");
let over = false;
for (const html of readdirSync(out).filter((f) => f.endsWith(".html"))) {
  const page = html.replace(/\.html$/, "");
  const text = readFileSync(join(out, html), "utf8");
  const urls = [...text.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)].map((m) => m[1]);
  const bytes = urls.reduce((sum, u) => sum + gzipSync(readFileSync(join(root, u.replace(/^\//, "")))).length, 0);
  const meta = /<meta\s+name="js-budget-kb"\s+content="(\d+)"/.exec(text);
  const budget = meta ? Number(meta[1]) : undefined;
  const kb = (bytes / 1024).toFixed(1);
  console.log(`vue page ${page}: ${urls.length} scripts, ${kb} KB gzip` + (budget ? ` (budget ${budget} KB)` : " (no budget set)"));
  if (budget === undefined || bytes > budget * 1024) over = true;
}
if (over) {
  console.error("A Vue page has no budget or is over it: see docs/pages.md \"Budgets\".");
  process.exit(1);
}
