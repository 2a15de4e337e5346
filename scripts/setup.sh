#!/usr/bin/env bash
# Installs what llm-roi needs, and skips what is already there at the right
# version. Safe to run again and again.
#
#   scripts/setup.sh run    what `make run` needs: building and serving
#   scripts/setup.sh test   that, and what the browser tests need
#
# run:
#   - the wasm32-unknown-unknown Rust target
#   - wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock
#   - tools/web/ (npm): wasm-opt from binaryen 132, since Debian's binaryen
#     108 breaks wasm-bindgen's externref table, so hydration fails with
#     "WebAssembly.Table.grow(): failed to grow table by 4"; and esbuild,
#     which minifies the JS glue and the CSS
# The build itself (scripts/build.sh) needs no cargo-leptos: installing it
# took 12 to 19 minutes of a fresh machine's set-up.
# test, as well:
#   - Chromium: Debian's package, installed when run as root; anyone else
#     installs it themselves or points LLM_ROI_CHROMIUM at a Chromium
#   - the npm packages of end2end/ (Playwright)
set -euo pipefail
cd "$(dirname "$0")/.."

MODE=${1:-test}
case "$MODE" in
  run | test) ;;
  *)
    echo "usage: scripts/setup.sh run|test (got: $MODE)" >&2
    exit 2
    ;;
esac

say() { echo "setup: $*"; }

# 1. The wasm target.
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "wasm32-unknown-unknown target: present"
else
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 2. wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
want=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$want" ]; then
  echo "setup: cannot find the wasm-bindgen version in Cargo.lock" >&2
  exit 1
fi
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" = "$want" ]; then
  say "wasm-bindgen-cli $have: present"
else
  say "installing wasm-bindgen-cli $want (found: ${have:-none})"
  # Not --locked: its own lock file pins a crate the registry no longer has.
  cargo install wasm-bindgen-cli --version "$want" --force
fi

# 3. wasm-opt (binaryen 132) and esbuild for release builds: npm, from its lock file.
npm_folder() {
  local dir=$1
  local stamp=$dir/node_modules/.llm-roi-installed
  if [ -f "$stamp" ] && cmp -s "$dir/package-lock.json" "$stamp"; then
    say "$dir npm packages: present"
  else
    say "installing $dir npm packages (npm ci)"
    (cd "$dir" && npm ci --no-audit --no-fund)
    cp "$dir/package-lock.json" "$stamp"
  fi
}
npm_folder tools/web

if [ "$MODE" = run ]; then
  say "ready to build and serve (make run)"
  exit 0
fi

# 4. Chromium for the browser tests.
chromium=${LLM_ROI_CHROMIUM:-/usr/bin/chromium}
if [ -x "$chromium" ]; then
  say "chromium: $chromium"
elif [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  say "installing Debian's chromium"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
else
  echo "setup: the browser tests need Chromium at $chromium." >&2
  echo "setup: on Debian: sudo apt-get install -y chromium; elsewhere set LLM_ROI_CHROMIUM to a Chromium binary." >&2
  exit 1
fi

# 5. PostgreSQL, for the history store's tests (scripts/with-postgres.sh
# starts a throwaway server on 127.0.0.1 for `make test`).
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  say "postgresql: $(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
elif [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  say "installing Debian's postgresql"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
else
  echo "setup: the store's tests need PostgreSQL (initdb under /usr/lib/postgresql/*/bin)." >&2
  echo "setup: on Debian: sudo apt-get install -y postgresql" >&2
  exit 1
fi

# 6. Playwright and TypeScript for end2end/.
npm_folder end2end

say "ready to test (make test)"
