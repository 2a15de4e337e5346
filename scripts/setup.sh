#!/usr/bin/env bash
# Installs what llm-roi needs to build and test, and skips what is already
# there at the right version. Safe to run again and again.
#
#   - the wasm32-unknown-unknown Rust target
#   - cargo-leptos 0.3.10 (--features no_downloads: it never downloads tools)
#   - wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock
#   - Debian's chromium (browser tests), as root
#   - wasm-opt from binaryen 132 (npm, tools/binaryen/): Debian's binaryen 108
#     breaks wasm-bindgen's externref table, so hydration fails with
#     "WebAssembly.Table.grow(): failed to grow table by 4"
#   - the npm packages of end2end/ (Playwright)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "setup: $*"; }

CARGO_LEPTOS_VERSION=0.3.10

# 1. The wasm target.
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "wasm32-unknown-unknown target: present"
else
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 2. cargo-leptos. 0.3.11 needs a newer rustc than 1.95.
have=$(cargo leptos --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" = "$CARGO_LEPTOS_VERSION" ]; then
  say "cargo-leptos $have: present"
else
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (found: ${have:-none}; about 14 minutes cold)"
  cargo install cargo-leptos --locked --version "$CARGO_LEPTOS_VERSION" --features no_downloads
fi

# 3. wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
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

# 4. Debian packages.
missing=()
dpkg -s chromium >/dev/null 2>&1 || missing+=(chromium)
if [ ${#missing[@]} -eq 0 ]; then
  say "Debian package chromium: present"
elif [ "$(id -u)" -eq 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
else
  echo "setup: missing Debian packages: ${missing[*]}." >&2
  echo "setup: install them as root: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

# 5. npm packages, each folder from its lock file: wasm-opt (binaryen) for
#    release builds, and Playwright and TypeScript for end2end/.
for dir in tools/binaryen end2end; do
  stamp=$dir/node_modules/.llm-roi-installed
  if [ -f "$stamp" ] && cmp -s "$dir/package-lock.json" "$stamp"; then
    say "$dir npm packages: present"
  else
    say "installing $dir npm packages (npm ci)"
    (cd "$dir" && npm ci --no-audit --no-fund)
    cp "$dir/package-lock.json" "$stamp"
  fi
done

say "ready"
