#!/usr/bin/env bash
# HTTP load: submissions per second and latency p50/p99 of POST /api/plans (evaluate + store) with 16 and 64
# concurrent clients on H2 and on PostgreSQL, beside the transport ceiling of the same service instance
# (admin GET /ping, POST /api/noop reading the same body) and POST /api/evaluate (no storage).
# wrk (Debian) with bench/scripts/load.lua; closed loop, one request in flight per connection.
#
#   bench/scripts/http.sh [h2] [pg]        (both by default)
#   BENCH_DURATION=15 seconds per point, BENCH_WARMUP=10 seconds of warm-up after each start
# Writes $OUT/http.tsv (one line per point) and prints it.
source "$(dirname "$0")/lib.sh"
ensure_jars
ensure_wrk
trap 'stop_service; drop_db smartcity_bench_http' EXIT

DBS=("$@"); (( ${#DBS[@]} )) || DBS=(h2 pg)
TSV="$OUT/http.tsv"
# cpu_ms_per_req: the service's CPU time (user + system) per request; load1: the machine's load average after the point
printf 'db\tendpoint\tclients\trps\tp50_ms\tp99_ms\trequests\tnon2xx\terrors\tcpu_ms_per_req\tload1\n' > "$TSV"

for db in "${DBS[@]}"; do
  url=$(db_url "$db" smartcity_bench_http)
  city=$(add_user "$url" "bench city" CITY bench-org)
  start_service "$url" "http-$db"
  base="http://127.0.0.1:$PORT"
  log "$db: warm-up ${WARMUP}s per endpoint"
  wrk_run 16 "$WARMUP" "$base/api/noop" "$REALISTIC" >/dev/null
  wrk_run 16 "$WARMUP" "$base/api/evaluate" "$REALISTIC" "$city" >/dev/null
  wrk_run 16 "$WARMUP" "$base/api/plans" "$REALISTIC" "$city" >/dev/null
  for clients in 16 64; do
    for endpoint in ping noop evaluate plans; do
      cpu0=$(cpu_s)
      case $endpoint in
        ping)     r=$(wrk_run "$clients" "$DURATION" "http://127.0.0.1:$ADMIN_PORT/ping") ;;
        noop)     r=$(wrk_run "$clients" "$DURATION" "$base/api/noop" "$REALISTIC") ;;
        evaluate) r=$(wrk_run "$clients" "$DURATION" "$base/api/evaluate" "$REALISTIC" "$city") ;;
        plans)    r=$(wrk_run "$clients" "$DURATION" "$base/api/plans" "$REALISTIC" "$city") ;;
      esac
      cpu1=$(cpu_s)
      n=$(field requests "$r")
      cpu_ms=$(awk -v a="$cpu0" -v b="$cpu1" -v n="$n" 'BEGIN {printf "%.2f", (n > 0 ? (b - a) * 1000 / n : 0)}')
      line=$(printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s' "$db" "$endpoint" "$clients" "$(field rps "$r")" \
        "$(field p50_ms "$r")" "$(field p99_ms "$r")" "$n" "$(field non2xx "$r")" "$(field errors "$r")" "$cpu_ms" \
        "$(cut -d' ' -f1 /proc/loadavg)")
      echo "$line" >> "$TSV"
      log "$line"
    done
  done
  stored=$(curl -s -H "Authorization: Bearer $city" "$base/api/plans?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
  log "$db: $stored plans stored"
  stop_service
done
column -t "$TSV"
