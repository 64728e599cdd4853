#!/usr/bin/env bash
# Token lookup (issue 18): POST /api/evaluate on PostgreSQL at 64 connections with the token cache off and on
# (AUTH_TOKEN_CACHE), one service start per mode, interleaved; service and PostgreSQL CPU per request from /proc, and
# how many revocation-counter reads the requests shared (the service's auth.tokenCache.* gauges).
#
#   bench/scripts/tokens.sh [off|on ...]     (default: off on off on)
#   BENCH_WARMUP=60 seconds of warm-up load after each start, BENCH_DURATION=15 seconds per point,
#   BENCH_CLIENTS="64" connection counts, BENCH_ENDPOINT=evaluate (or plans)
# Writes $OUT/tokens.tsv and prints it.
source "$(dirname "$0")/lib.sh"
ensure_wrk
WARMUP="${BENCH_WARMUP:-60}"
ENDPOINT="${BENCH_ENDPOINT:-evaluate}"
trap 'stop_service; drop_db smartcity_bench_tokens' EXIT
MODES=("$@"); (( ${#MODES[@]} )) || MODES=(off on off on)
TSV="$OUT/tokens.tsv"
[[ -n "${BENCH_APPEND:-}" && -f "$TSV" ]] || printf 'run\tcache\tclients\trps\tp50_ms\tp99_ms\trequests\tnon2xx\terrors\tsvc_cpu_ms\tpg_cpu_ms\thits\tlookups\tepoch_reads\tload1\n' > "$TSV"
pg_cpu_s() {
  local hz; hz=$(getconf CLK_TCK)
  for p in $(pgrep -u postgres postgres 2>/dev/null || pgrep postgres); do cat "/proc/$p/stat" 2>/dev/null; done \
    | awk -v hz="$hz" '{sub(/^.*\) /, ""); s += $12 + $13} END {printf "%.2f", s / hz}'
}
# the token cache's counters (0 when the cache is off: the gauges are not registered)
gauges() {
  curl -s "http://127.0.0.1:$ADMIN_PORT/metrics" | python3 -c 'import json,sys
g = json.load(sys.stdin)["gauges"]
print(" ".join(str(g.get("auth.tokenCache." + k, {"value": 0})["value"]) for k in ("hits", "lookups", "epochReads")))'
}
i=0
for mode in "${MODES[@]}"; do
  i=$((i + 1))
  url=$(db_url pg smartcity_bench_tokens)
  city=$(add_user "$url" "bench city" CITY bench-org)
  [[ $mode == on ]] && cache=true || cache=false
  export AUTH_TOKEN_CACHE=$cache
  start_service "$url" "tokens-$i-$mode" ${BENCH_JAVA_OPTS:-}
  base="http://127.0.0.1:$PORT"
  log "run $i, cache $mode: warm-up ${WARMUP}s"
  wrk_run 64 "$WARMUP" "$base/api/$ENDPOINT" "$REALISTIC" "$city" >/dev/null || log "warm-up: wrk printed no result"
  for clients in ${BENCH_CLIENTS:-64}; do
    read -r h0 l0 e0 <<<"$(gauges)"; cpu0=$(cpu_s); pg0=$(pg_cpu_s)
    r=$(wrk_run "$clients" "$DURATION" "$base/api/$ENDPOINT" "$REALISTIC" "$city") || { log "wrk printed no result"; continue; }
    cpu1=$(cpu_s); pg1=$(pg_cpu_s); read -r h1 l1 e1 <<<"$(gauges)"
    n=$(field requests "$r")
    per() { awk -v a="$1" -v b="$2" -v n="$n" 'BEGIN {printf "%.3f", (n > 0 ? (b - a) * 1000 / n : 0)}'; }
    line=$(printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s' "$i" "$mode" "$clients" \
      "$(field rps "$r")" "$(field p50_ms "$r")" "$(field p99_ms "$r")" "$n" "$(field non2xx "$r")" \
      "$(field errors "$r")" "$(per "$cpu0" "$cpu1")" "$(per "$pg0" "$pg1")" "$((h1 - h0))" "$((l1 - l0))" \
      "$((e1 - e0))" "$(cut -d' ' -f1 /proc/loadavg)")
    echo "$line" >> "$TSV"; log "$line"
  done
  stop_service
done
column -t "$TSV"
