#!/usr/bin/env bash
# Stored decisions (issue 18): POST /api/plans on PostgreSQL at 16 and 64 connections, service and PostgreSQL CPU
# per submission read from /proc, for one or more service jars run one after the other in the same script (A/B
# ratios within one run: pass the jars interleaved, e.g. before.jar after.jar before.jar after.jar).
#
#   bench/scripts/stored.sh [JAR...]        (default: service/target/smartcity-service.jar)
#   a JAR may carry settings for its run after commas: gc.jar,SUBMISSION_BATCH_MAX=1 (the same jar, group commit off)
#   BENCH_WARMUP=60 seconds of warm-up load after each start, BENCH_DURATION=15 seconds per point
# Writes $OUT/stored.tsv and prints it.
source "$(dirname "$0")/lib.sh"
ensure_wrk
WARMUP="${BENCH_WARMUP:-60}"
trap 'stop_service; drop_db smartcity_bench_stored' EXIT
JARS=("$@"); (( ${#JARS[@]} )) || JARS=("$SERVICE_JAR")
TSV="$OUT/stored.tsv"
printf 'jar\tclients\trps\tp50_ms\tp99_ms\trequests\tnon2xx\terrors\tsvc_cpu_ms\tpg_cpu_ms\tload1\n' > "$TSV"
# CPU seconds of every postgres process (the backends of the pool live through a point)
pg_cpu_s() {
  local hz; hz=$(getconf CLK_TCK)
  for p in $(pgrep -u postgres postgres 2>/dev/null || pgrep postgres); do cat "/proc/$p/stat" 2>/dev/null; done \
    | awk -v hz="$hz" '{sub(/^.*\) /, ""); s += $12 + $13} END {printf "%.2f", s / hz}'
}
i=0
for spec in "${JARS[@]}"; do
  i=$((i + 1))
  use_jar "$spec"
  SERVICE_JAR=$jar
  url=$(db_url pg smartcity_bench_stored)
  (cd "$ROOT" && env $(service_env "$url") java -jar "$SERVICE_JAR" add-organisation --id bench-org \
      --name-th "เทศบาลทดสอบ" --name-en "Bench municipality" --province Phuket --kind MUNICIPALITY \
      "$(bench_config)" >>"$WORK/add-user.log" 2>&1)
  city=$(add_user "$url" "bench city" CITY bench-org)
  start_service "$url" "stored-$i" ${BENCH_JAVA_OPTS:-}
  base="http://127.0.0.1:$PORT"
  log "$(basename "$jar"): warm-up ${WARMUP}s"
  # its figures are not used: a warm-up that ends early (wrk killed) goes on to the points
  wrk_run 16 "$WARMUP" "$base/api/plans" "$REALISTIC" "$city" >/dev/null || log "the warm-up load ended early"
  for clients in 16 64; do
    cpu0=$(cpu_s); pg0=$(pg_cpu_s)
    r=$(wrk_run "$clients" "$DURATION" "$base/api/plans" "$REALISTIC" "$city")
    cpu1=$(cpu_s); pg1=$(pg_cpu_s)
    n=$(field requests "$r")
    line=$(printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s' "$i:$label" "$clients" "$(field rps "$r")" \
      "$(field p50_ms "$r")" "$(field p99_ms "$r")" "$n" "$(field non2xx "$r")" "$(field errors "$r")" \
      "$(awk -v a="$cpu0" -v b="$cpu1" -v n="$n" 'BEGIN {printf "%.2f", (n > 0 ? (b - a) * 1000 / n : 0)}')" \
      "$(awk -v a="$pg0" -v b="$pg1" -v n="$n" 'BEGIN {printf "%.2f", (n > 0 ? (b - a) * 1000 / n : 0)}')" \
      "$(cut -d' ' -f1 /proc/loadavg)")
    echo "$line" >> "$TSV"; log "$line"
  done
  stop_service
  drop_jar_settings
done
column -t "$TSV"
