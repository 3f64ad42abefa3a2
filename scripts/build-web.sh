#!/usr/bin/env bash
# Builds the pages into the server's wwwroot (npm packages from the registry, exactly as locked):
# the plain TypeScript pages (tsc) and the Vue 3 + Vite pages (vue-tsc type check, vite build,
# JavaScript budgets), then runs the Vitest unit tests of the web's core modules.
set -euo pipefail
cd "$(dirname "$0")/../web"
if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
npm run --silent build
if [[ "${WEB_SKIP_TESTS:-0}" != "1" ]]; then
  npm run --silent test
fi
