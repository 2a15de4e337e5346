#!/usr/bin/env bash
# make bench-http: the release server against nginx serving the same bytes,
# in one run, with wrk; then the page and bundle sizes, the uncached render
# time (in-process, examples/render_time.rs) and input -> numbers updated in
# Chromium (end2end/input-latency.mjs). Figures only, no pass or fail (see
# docs/development.md).
#
# Needs the release build (make build), nginx and wrk (Debian packages), and
# Chromium with end2end's node modules (make setup-test) for the last figure.
# Settings: BENCH_PRICING (pricing, the shipped tables users get; e.g.
# tests/fixtures/pricebook-2026-11-24 for the frozen fixture), BENCH_PORT
# (3950; nginx on the next port), BENCH_DURATION (10s), BENCH_CONNECTIONS
# (64), BENCH_RENDERS (200), BENCH_CHANGES (60).
set -euo pipefail
cd "$(dirname "$0")/.."

bin=target/release/llm-roi
site=target/site
port=${BENCH_PORT:-3950}
nginx_port=$((port + 1))
duration=${BENCH_DURATION:-10s}
connections=${BENCH_CONNECTIONS:-64}
renders=${BENCH_RENDERS:-200}
changes=${BENCH_CHANGES:-60}
pricing=${BENCH_PRICING:-pricing}
report='/report?v=1&rpd=1000000&in=800&out=200&base=anthropic/claude-haiku-4-5&cur=USD'

for tool in nginx wrk curl; do
  command -v "$tool" > /dev/null || { echo "bench-http: $tool is missing (apt-get install nginx wrk curl)" >&2; exit 2; }
done
[ -x "$bin" ] || { echo "bench-http: $bin is missing; run make build" >&2; exit 2; }

work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2> /dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$bin" --addr "127.0.0.1:$port" --pricing-dir "$pricing" --data-dir "$work/data" \
  --site-root "$site" > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/api/v1/pricebook" && break
  sleep 0.1
done

# The bundles' names, as the page lists them (hashed by scripts/build.sh):
# "<bundle> <js> <wasm>" per line, the calculator's first.
page=$(curl -sf "http://127.0.0.1:$port/")
bundles=$(echo "$page" | grep -o '{"js":"[^"]*","wasm":"[^"]*"' |
  sed -E 's/\{"js":"([^"]*)","wasm":"([^"]*)"/\1 \2/' |
  awk '{ b = $1; sub(/^llm-roi-/, "", b); sub(/\..*/, "", b); print b, $1 ".js", $2 ".wasm" }')
wasm_name=$(echo "$bundles" | awk '$1 == "calculator" { print $3 }')
[ -n "$wasm_name" ] || { echo "bench-http: the page lists no calculator bundle" >&2; exit 1; }

# nginx serves the same report HTML and the same wasm file.
mkdir -p "$work/www/pkg"
curl -sf "http://127.0.0.1:$port$report" > "$work/www/report.html"
# The same page gzipped, as our render cache sends it; nginx's gzip_static
# sends that file to clients that take gzip.
curl -sf -H 'accept-encoding: gzip' "http://127.0.0.1:$port$report" > "$work/www/report.html.gz"
cp "$site/pkg/$wasm_name" "$work/www/pkg/"
# nginx's workers run as another user: let them read the copies.
chmod -R a+rX "$work"
cat > "$work/nginx.conf" << CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/body; proxy_temp_path $work/proxy;
  fastcgi_temp_path $work/fastcgi; uwsgi_temp_path $work/uwsgi; scgi_temp_path $work/scgi;
  types { text/html html; application/wasm wasm; }
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
    gzip_static on;
    location = /report { default_type text/html; try_files /report.html =404; }
  }
}
CONF
nginx -p "$work" -c "$work/nginx.conf"
sleep 0.3
# Both must send the same bytes, or the comparison means nothing.
same() {
  local a b
  a=$(curl -s -H "accept-encoding: ${3:-identity}" "$1" | wc -c || true)
  b=$(curl -s -H "accept-encoding: ${3:-identity}" "$2" | wc -c || true)
  [ "$a" -gt 0 ] && [ "$a" = "$b" ] || { echo "bench-http: $1 sends $a B, $2 sends $b B" >&2; exit 1; }
}
same "http://127.0.0.1:$port$report" "http://127.0.0.1:$nginx_port/report"
same "http://127.0.0.1:$port$report" "http://127.0.0.1:$nginx_port/report" gzip
same "http://127.0.0.1:$port/pkg/$wasm_name" "http://127.0.0.1:$nginx_port/pkg/$wasm_name"

rps() { wrk -t2 -c"$connections" -d"$duration" "$@" | awk '/Requests\/sec/ { print $2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }

report_ours=$(rps "http://127.0.0.1:$port$report")
report_nginx=$(rps "http://127.0.0.1:$nginx_port/report")
gzip_ours=$(rps -H 'accept-encoding: gzip' "http://127.0.0.1:$port$report")
gzip_nginx=$(rps -H 'accept-encoding: gzip' "http://127.0.0.1:$nginx_port/report")
br_ours=$(rps -H 'accept-encoding: gzip, deflate, br' "http://127.0.0.1:$port$report")
wasm_ours=$(rps "http://127.0.0.1:$port/pkg/$wasm_name")
wasm_nginx=$(rps "http://127.0.0.1:$nginx_port/pkg/$wasm_name")

html_bytes=$(echo -n "$page" | wc -c)
report_bytes=$(wc -c < "$work/www/report.html")
size() { if [ -f "$1" ]; then wc -c < "$1"; else echo 0; fi; }
asset=$(echo "$page" | grep -o '/api/v1/pricebook/[0-9a-f]*\.json' | head -1 || true)
asset_raw=$(curl -s "http://127.0.0.1:$port$asset" | wc -c)
asset_br=$(curl -s -H 'accept-encoding: br' "http://127.0.0.1:$port$asset" | wc -c)

# Uncached renders, in-process on one thread (a new scenario each time).
renders_out=$(cargo run --quiet --release --features ssr --example render_time -- "$renders")
# Input -> numbers updated, in Chromium against this server.
if [ -d end2end/node_modules/@playwright/test ]; then
  latency=$(cd end2end && node input-latency.mjs "http://127.0.0.1:$port" "$changes")
  weight=$(cd end2end && node page-weight.mjs "http://127.0.0.1:$port")
else
  latency="input -> numbers updated: not measured (end2end/node_modules is missing; run make setup-test)"
  weight="/ and /report in Chromium: not measured (end2end/node_modules is missing)"
fi

echo "pricing: $pricing; wrk: 2 threads, $connections connections, $duration each, loopback"
printf '%-46s %12s %12s %8s\n' "figure" "llm-roi" "nginx" "ratio"
printf '%-46s %12s %12s %8s\n' "report, repeated link (requests/s)" "$report_ours" "$report_nginx" "$(ratio "$report_ours" "$report_nginx")"
printf '%-46s %12s %12s %8s\n' "report, repeated link, gzip (requests/s)" "$gzip_ours" "$gzip_nginx" "$(ratio "$gzip_ours" "$gzip_nginx")"
printf '%-46s %12s %12s %8s\n' "report, repeated link, br (requests/s)" "$br_ours" "-" "-"
printf '%-46s %12s %12s %8s\n' "the wasm file, identity (requests/s)" "$wasm_ours" "$wasm_nginx" "$(ratio "$wasm_ours" "$wasm_nginx")"
echo "calculator HTML (default scenario), raw: $html_bytes B"
echo "report HTML, raw: $report_bytes B"
echo "pricebook asset ($asset, fetched once and cached): $asset_raw B raw, $asset_br B brotli"
# Each bundle's JS + wasm, brotli: `/` loads the calculator's on the first
# use of its form (none before), the probe panel's once scrolled near;
# /probe the probe's, /report the report's.
while read -r bundle js wasm; do
  js_br=$(size "$site/pkg/$js.br")
  wasm_br=$(size "$site/pkg/$wasm.br")
  echo "JS + wasm, brotli (precompressed), $bundle bundle: $((js_br + wasm_br)) B (JS $js_br B, wasm $wasm_br B)"
done <<< "$bundles"
echo "$weight"
echo "$renders_out"
echo "$latency"
