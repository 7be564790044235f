#!/usr/bin/env bash
# Checks the production install of the README: build once, copy dist/ + dist-server/ +
# package*.json to a fresh folder, `npm ci --omit=dev` there, `npm start`, GET /api/health.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
pid=""
trap 'if [ -n "$pid" ]; then kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; fi; rm -rf "$work"' EXIT
# The build runs in a copy of the tracked files, so the checkout's own dist/ is left as it is.
mkdir -p "$work/build" "$work/release"
git ls-files -z | xargs -0 cp --parents -t "$work/build"
ln -s "$PWD/node_modules" "$work/build/node_modules"
(cd "$work/build" && npm run build --silent)
release="$work/release"
# What the README says to copy: the built client and server, package*.json, and the start script.
cp -r "$work/build/dist" "$work/build/dist-server" "$work/build/package.json" "$work/build/package-lock.json" "$release/"
mkdir -p "$release/server/ops" && cp "$work/build/server/ops/start.mjs" "$release/server/ops/"
(cd "$release" && npm ci --omit=dev --no-audit --no-fund --silent)
port=$((20000 + RANDOM % 20000))
# What `npm start` runs, exec'd so that $pid is the server itself and the trap stops it.
(cd "$release" && PORT=$port HOST=127.0.0.1 GONGBI_DATA_DIR="$work/data" GONGBI_LOG_LEVEL=error exec node server/ops/start.mjs) &
pid=$!
for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$port/api/health" >/dev/null 2>&1; then echo "production install: /api/health 200"; exit 0; fi
  sleep 1
done
echo "production install: the server did not answer /api/health within 60 s" >&2
exit 1
