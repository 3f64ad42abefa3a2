// Copies the static HTML/CSS pages next to the compiled modules in the server's wwwroot.
import { cpSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, "..", "..", "src", "Server", "Classroom.Server", "wwwroot");
mkdirSync(target, { recursive: true });
cpSync(join(here, "..", "public"), target, { recursive: true });

// The SignalR browser client is used as the global `signalR` (tsc leaves bare imports unresolved),
// so its bundle is copied next to the pages.
const signalrBundle = join(here, "..", "node_modules", "@microsoft", "signalr", "dist", "browser", "signalr.min.js");
mkdirSync(join(target, "vendor"), { recursive: true });
cpSync(signalrBundle, join(target, "vendor", "signalr.min.js"));

// hls.js (light build) as an ES module for the kiosk's HLS fallback, imported at run time only
// when that fallback is used (web/src/pages/kiosk-hls.ts); the Vue pages bundle their own.
cpSync(join(here, "..", "node_modules", "hls.js", "dist", "hls.light.min.mjs"), join(target, "vendor", "hls.light.min.mjs"));
