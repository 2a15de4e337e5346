#!/usr/bin/env bash
# make bench-hostile: the release server's peak memory (VmHWM) under hostile
# usage uploads to POST /api/v1/workloads, each body 50 MiB: alone, each on
# a fresh server, then four at once. Figures only, no pass or fail (see
# docs/development.md); the server must still answer afterwards.
#
# Bodies (written by python3 into a scratch folder):
# - days.csv: a row a distinct day (0001-01-01, the next day, ...);
# - empties.json: one pretty-printed page whose results are all `{}`;
# - names.csv: a distinct unknown model name a row;
# - long-line.json: one line, a page with a 50 MiB string before its data;
# - records.jsonl: lines of 1 MiB, each a record holding a list of `{}`;
# - list.json: one pretty-printed JSON list of records, each just under a
#   record's budget (90,000 `{}` in a list);
# - parts.multipart: 20 files in one multipart/form-data body, each a CSV
#   of distinct unknown model names.
# Settings: BENCH_PORT (3960), BENCH_MIB (50), BENCH_BIN (the release
# binary; another build to compare), BENCH_FOUR (1; 0 skips four at once).
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${BENCH_BIN:-target/release/llm-roi}
port=${BENCH_PORT:-3960}
mib=${BENCH_MIB:-50}
[ -x "$bin" ] || { echo "bench-hostile: $bin is missing; run make build" >&2; exit 2; }
command -v curl > /dev/null || { echo "bench-hostile: curl is missing" >&2; exit 2; }

work=$(mktemp -d)
server_pid=
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2> /dev/null || true
    wait "$server_pid" 2> /dev/null || true
    server_pid=
  fi
}
cleanup() {
  stop_server
  rm -rf "$work"
}
trap cleanup EXIT

python3 - "$work" "$mib" << 'PY'
import datetime, sys
work, mib = sys.argv[1], int(sys.argv[2])
size = mib * 1024 * 1024

def write(name, head, line_of, tail=""):
    with open(f"{work}/{name}", "w") as f:
        f.write(head)
        n, i = len(head) + len(tail), 0
        while True:
            line = line_of(i)
            if n + len(line) > size:
                break
            f.write(line)
            n += len(line)
            i += 1
        f.write(tail)

day0 = datetime.date(1, 1, 1)
write("days.csv", "model,input_tokens,output_tokens,timestamp\n",
      lambda i: f"claude-haiku-4-5,1,1,{day0 + datetime.timedelta(days=i % 3_000_000)}\n")
write("empties.json", '{\n "data": [{"start_time": 1764028800, "results": [\n',
      lambda i: "  {},\n", "  {}]}]\n}\n")
write("names.csv", "model,input_tokens,output_tokens\n", lambda i: f"made-up-model-{i:09},1,1\n")
with open(f"{work}/long-line.json", "w") as f:
    f.write('{"pad":"' + "x" * (size - 100) + '","data":[]}')
record = '{"model":[' + ",".join(["{}"] * (1024 * 1024 // 3 - 10)) + ']}\n'
with open(f"{work}/records.jsonl", "w") as f:
    f.write(record * max(1, size // len(record)))
element = '{"model":[' + ",".join(["{}"] * 90_000) + ']}'
with open(f"{work}/list.json", "w") as f:
    f.write("[\n" + ",\n".join([element] * max(1, size // (len(element) + 2))) + "\n]\n")
with open(f"{work}/parts.multipart", "w") as f:
    per = size // 20 - 200
    for p in range(20):
        f.write(f'--B\r\nContent-Disposition: form-data; name="log"; filename="part-{p}.csv"\r\n\r\n')
        f.write("model,input_tokens,output_tokens\n")
        n, i = 0, 0
        while n < per:
            line = f"made-up-{p}-{i:09},1,1\n"
            f.write(line)
            n += len(line)
            i += 1
        f.write("\r\n")
    f.write("--B--\r\n")
PY

start_server() {
  "$bin" --addr "127.0.0.1:$port" --pricing-dir pricing --data-dir "$work/data" \
    --site-root "$work/site" > "$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 200); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/api/v1/pricebook" && return 0
    sleep 0.1
  done
  echo "bench-hostile: the server did not start:" >&2
  cat "$work/server.log" >&2
  exit 1
}

kib() { awk -v k="$1" '/^'"$1"':/ { print $2 }' "/proc/$server_pid/status"; }

post() {
  local type=text/csv
  case "$1" in *.multipart) type='multipart/form-data; boundary=B' ;; esac
  curl -s -o "$work/answer-$1" -w '%{http_code} %{time_total}s' \
    -H "content-type: $type" --data-binary "@$work/$1" \
    "http://127.0.0.1:$port/api/v1/workloads"
}

printf '%-16s %8s %10s %10s  %s\n' body MiB idle_MiB peak_MiB 'status time (answer)'
for body in days.csv empties.json names.csv long-line.json records.jsonl list.json parts.multipart; do
  start_server
  idle=$(kib VmRSS)
  result=$(post "$body")
  peak=$(kib VmHWM)
  answer=$(head -c 110 "$work/answer-$body" | tr '\n' ' ')
  printf '%-16s %8s %10s %10s  %s (%s)\n' "$body" "$(($(stat -c %s "$work/$body") / 1048576))" \
    "$((idle / 1024))" "$((peak / 1024))" "$result" "$answer"
  curl -sf -o /dev/null "http://127.0.0.1:$port/api/v1/pricebook" \
    || { echo "bench-hostile: the server stopped answering after $body" >&2; exit 1; }
  stop_server
done

[ "${BENCH_FOUR:-1}" = 0 ] && exit 0
start_server
idle=$(kib VmRSS)
pids=()
for body in days.csv empties.json long-line.json records.jsonl; do
  post "$body" > "$work/status-$body" &
  pids+=($!)
done
wait "${pids[@]}"
peak=$(kib VmHWM)
statuses=$(for body in days.csv empties.json long-line.json records.jsonl; do printf '%s=%s ' "$body" "$(cut -d' ' -f1 "$work/status-$body")"; done)
printf '%-16s %8s %10s %10s  %s\n' 'four at once' $((4 * mib)) "$((idle / 1024))" "$((peak / 1024))" "$statuses"
curl -sf -o /dev/null "http://127.0.0.1:$port/api/v1/pricebook" \
  || { echo "bench-hostile: the server stopped answering after four at once" >&2; exit 1; }
echo "the server still answers"
