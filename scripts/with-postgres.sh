#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server: a new cluster in a
# temporary directory, listening on 127.0.0.1 only, on a free port from
# 55432 up, stopped and deleted when the command ends (also on failure).
# The command sees LLM_ROI_TEST_DATABASE_URL and LLM_ROI_REQUIRE_POSTGRES=1.
#
#   scripts/with-postgres.sh cargo test --features ssr
#
# As root, the server runs as the `postgres` user (PostgreSQL refuses root).
set -euo pipefail

BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  echo "with-postgres: PostgreSQL is not installed; run scripts/setup.sh test (Debian: apt-get install postgresql)" >&2
  exit 1
fi

as_db() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port=55432
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
  port=$((port + 1))
done

dir=$(mktemp -d /tmp/llm-roi-pg.XXXXXX)
[ "$(id -u)" -eq 0 ] && chown postgres "$dir"
stop() {
  as_db "$BIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

as_db "$BIN/initdb" -D "$dir/data" -U llm_roi -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }
as_db "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null ||
  { cat "$dir/server.log" >&2; exit 1; }
as_db "$BIN/createdb" -h 127.0.0.1 -p "$port" -U llm_roi llm_roi_test

echo "with-postgres: PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
export LLM_ROI_TEST_DATABASE_URL="postgres://llm_roi@127.0.0.1:$port/llm_roi_test"
export LLM_ROI_REQUIRE_POSTGRES=1
"$@"
