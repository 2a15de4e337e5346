#!/usr/bin/env bash
# The release build, without cargo-leptos: what `make build` runs.
#
#   1. the server: `cargo build --release --features ssr` (target/release),
#      told at compile time that the bundle's names are hashed; and at the
#   2. same time the islands: the lib for wasm32 with the `wasm-release`
#      profile (target/front, as cargo-leptos had it, so its cache is reused);
#   3. wasm-bindgen (the JS glue), wasm-opt -Oz (binaryen 132), esbuild
#      (minifies the glue and style/main.css);
#   4. names with a content hash: pkg/llm-roi.<hash>.{js,wasm,css}, listed in
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
WASM_IN=target/front/wasm32-unknown-unknown/wasm-release/llm_roi.wasm

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
step "server and islands: cargo build --release --features ssr, and the lib for wasm32 (--profile wasm-release)"
mkdir -p target/front
front_log=target/front/build.log
cargo build --lib --target wasm32-unknown-unknown --profile wasm-release \
  --no-default-features --features hydrate --target-dir target/front >"$front_log" 2>&1 &
front_pid=$!
if ! cargo build --release --no-default-features --features ssr --bin "$NAME"; then
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
tail -n 1 "$front_log"

step "wasm-bindgen, wasm-opt -Oz, esbuild --minify"
rm -rf "$STAGE"
mkdir -p "$STAGE"
wasm-bindgen --target web --no-typescript --out-name "$NAME" --out-dir "$STAGE" "$WASM_IN"
"$WEB_BIN/wasm-opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  "$STAGE/${NAME}_bg.wasm" -o "$STAGE/$NAME.wasm"
rm "$STAGE/${NAME}_bg.wasm"
"$WEB_BIN/esbuild" --minify --log-level=warning --format=esm "$STAGE/$NAME.js" \
  --outfile="$STAGE/$NAME.min.js"
"$WEB_BIN/esbuild" --minify --log-level=warning style/main.css --outfile="$STAGE/$NAME.css"

# A content hash: 20 hex digits of the file's SHA-256.
hash_of() { sha256sum "$1" | cut -c1-20; }

step "hashed names, target/site"
wasm_hash=$(hash_of "$STAGE/$NAME.wasm")
# The glue's default wasm URL names the hashed file (the island script
# passes it explicitly too).
sed "s/${NAME}_bg\.wasm/$NAME.$wasm_hash.wasm/g" "$STAGE/$NAME.min.js" >"$STAGE/$NAME.hashed.js"
js_hash=$(hash_of "$STAGE/$NAME.hashed.js")
css_hash=$(hash_of "$STAGE/$NAME.css")

rm -rf "$SITE"
mkdir -p "$SITE/pkg"
cp -R public/. "$SITE/"
cp "$STAGE/$NAME.wasm" "$SITE/pkg/$NAME.$wasm_hash.wasm"
cp "$STAGE/$NAME.hashed.js" "$SITE/pkg/$NAME.$js_hash.js"
cp "$STAGE/$NAME.css" "$SITE/pkg/$NAME.$css_hash.css"
printf 'js: %s\nwasm: %s\ncss: %s\n' "$js_hash" "$wasm_hash" "$css_hash" >target/release/hash.txt

step "compressed copies (llm-roi compress-assets)"
./target/release/$NAME --site-root "$SITE" compress-assets

step "done"
ls -l "$SITE/pkg"
