#!/usr/bin/env bash
# The release build, without cargo-leptos: what `make build` runs.
#
#   1. the server: `cargo build --release --features ssr` (target/release),
#      told at compile time that the bundle's names are hashed; and at the
#   2. same time the islands: one wasm bundle per kind of page, each the lib
#      for wasm32 with the `wasm-release` profile, `hydrate-base` and its
#      `bundle-<name>` feature (target/front; app/island_scripts.rs lists
#      each bundle's islands), one after the other;
#   3. for each, wasm-bindgen (the JS glue), wasm-opt -Oz (binaryen 132) and
#      esbuild (minifies the glue; and style/main.css);
#   4. names with a content hash: pkg/llm-roi-<bundle>.<hash>.{js,wasm} and
#      pkg/llm-roi.<hash>.css, listed in
#      target/release/hash.txt beside the binary, which reads it at start;
#   5. the site in target/site: public/ and pkg/, then the .br and .gz copies
#      (`llm-roi compress-assets`).
#
# The tools come from scripts/setup.sh: wasm-bindgen-cli at the crate's
# version, and tools/web/node_modules (wasm-opt, esbuild). Each step prints
# its time; a failing step stops the build with its own message.
set -euo pipefail
cd "$(dirname "$0")/.."

NAME=llm-roi
SITE=target/site
STAGE=target/front/stage
WEB_BIN=tools/web/node_modules/.bin
WASM_OUT=target/front/wasm32-unknown-unknown/wasm-release/llm_roi.wasm
# The bundles, as app/island_scripts.rs's BUNDLES names them.
BUNDLES="calculator probe report"

for tool in wasm-bindgen "$WEB_BIN/wasm-opt" "$WEB_BIN/esbuild"; do
  if ! command -v "$tool" >/dev/null; then
    echo "build: $tool is missing; run scripts/setup.sh run (or make setup)" >&2
    exit 1
  fi
done

step_start=$(date +%s)
step() {
  local now
  now=$(date +%s)
  echo "build: $* (previous step $((now - step_start)) s)"
  step_start=$now
}

# The names leptos reads at compile time (hash-files on, the bundle's name).
export LEPTOS_OUTPUT_NAME=$NAME LEPTOS_HASH_FILES=true LEPTOS_HASH_FILE_NAME=hash.txt

# The two builds run at once: each ends in a long single-threaded link
# (fat LTO for the wasm), which the other's compiling overlaps. The islands'
# output goes to a log, printed if that build fails.
step "server and islands: cargo build --release --features ssr, and each bundle for wasm32 (--profile wasm-release)"
mkdir -p target/front/bundles
front_log=target/front/build.log
(
  for bundle in $BUNDLES; do
    cargo build --lib --target wasm32-unknown-unknown --profile wasm-release \
      --no-default-features --features "hydrate-base,bundle-$bundle" --target-dir target/front
    cp "$WASM_OUT" "target/front/bundles/$bundle.wasm"
  done
) >"$front_log" 2>&1 &
front_pid=$!
if ! cargo build --release --no-default-features --features ssr --bin "$NAME"; then
  pkill -P "$front_pid" 2>/dev/null || true
  kill "$front_pid" 2>/dev/null || true
  wait "$front_pid" 2>/dev/null || true
  echo "build: the server's build failed (above)" >&2
  exit 1
fi
if ! wait "$front_pid"; then
  tail -n 60 "$front_log" >&2
  echo "build: the islands' build failed (above; all of it in $front_log)" >&2
  exit 1
fi
# `make lint` checks every island together; a bundle alone may warn.
grep -E -A6 '^warning' "$front_log" >&2 || true
grep -E '^ *Finished' "$front_log" || true

step "wasm-bindgen, wasm-opt -Oz, esbuild --minify"
rm -rf "$STAGE"
mkdir -p "$STAGE"
for bundle in $BUNDLES; do
  out="$NAME-$bundle"
  wasm-bindgen --target web --no-typescript --out-name "$out" --out-dir "$STAGE" \
    "target/front/bundles/$bundle.wasm"
  "$WEB_BIN/wasm-opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    "$STAGE/${out}_bg.wasm" -o "$STAGE/$out.wasm"
  rm "$STAGE/${out}_bg.wasm"
  "$WEB_BIN/esbuild" --minify --log-level=warning --format=esm "$STAGE/$out.js" \
    --outfile="$STAGE/$out.min.js"
done
"$WEB_BIN/esbuild" --minify --log-level=warning style/main.css --outfile="$STAGE/$NAME.css"

# A content hash: 20 hex digits of the file's SHA-256.
hash_of() { sha256sum "$1" | cut -c1-20; }

step "hashed names, target/site"
rm -rf "$SITE"
mkdir -p "$SITE/pkg"
cp -R public/. "$SITE/"
css_hash=$(hash_of "$STAGE/$NAME.css")
cp "$STAGE/$NAME.css" "$SITE/pkg/$NAME.$css_hash.css"
hashes="css: $css_hash"$'\n'
for bundle in $BUNDLES; do
  out="$NAME-$bundle"
  wasm_hash=$(hash_of "$STAGE/$out.wasm")
  # The glue's default wasm URL names the hashed file (the island script
  # passes it explicitly too).
  sed "s/${out}_bg\.wasm/$out.$wasm_hash.wasm/g" "$STAGE/$out.min.js" >"$STAGE/$out.hashed.js"
  js_hash=$(hash_of "$STAGE/$out.hashed.js")
  cp "$STAGE/$out.wasm" "$SITE/pkg/$out.$wasm_hash.wasm"
  cp "$STAGE/$out.hashed.js" "$SITE/pkg/$out.$js_hash.js"
  hashes+="$bundle.js: $js_hash"$'\n'"$bundle.wasm: $wasm_hash"$'\n'
done
printf '%s' "$hashes" >target/release/hash.txt

step "compressed copies (llm-roi compress-assets)"
./target/release/$NAME --site-root "$SITE" compress-assets

step "done"
ls -l "$SITE/pkg"
