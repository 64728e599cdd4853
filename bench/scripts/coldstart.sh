#!/usr/bin/env bash
# Warm start (issue 18): how long a start takes to report healthy, and how fast the service serves from then on.
# On a fresh PostgreSQL database with the bundled rules and an empty compiled-rule cache ("cold": a first
# deployment), then again on the same database and cache ("restart": a restart or deploy of the same rules):
# start -> /healthcheck healthy (ms), then wrk, 64 connections, POST /api/evaluate (the realistic example) in
# 10 s points. Per point: rate, p50/p99, non-2xx, the service's CPU ms per request (/proc/PID/stat), the CPU of
# its JIT compiler threads (C1/C2, /proc/PID/task), the methods compiled and compile time in the point (jstat) and
# the compile queue in its middle (jcmd Compiler.queue).
#
#   bench/scripts/coldstart.sh [JAR]           JAR: another build to compare (the service's jar by default)
#   BENCH_COLD_POINTS=12 points of 10 s per start; BENCH_COLD_RUNS="cold restart" which starts
#   BENCH_JAVA_OPTS="..." JVM options for the service (e.g. -XX:TieredStopAtLevel=1, -Xlog:jit+compilation=debug)
#   BENCH_TAG=name a label in the TSV (to tell apart runs of one comparison); other settings as in lib.sh,
#   environment variables of the service (WARMUP_SECONDS=...) pass through.
# Appends to $OUT/coldstart.tsv (points) and $OUT/coldstart-start.tsv (start to healthy) and prints this run's lines.
BENCH_PORT="${BENCH_PORT:-28090}" BENCH_ADMIN_PORT="${BENCH_ADMIN_PORT:-28091}"
source "$(dirname "$0")/lib.sh"
SERVICE_JAR="${1:-$SERVICE_JAR}"
[[ -f "$SERVICE_JAR" ]] || { log "building the service jar"; (cd "$ROOT" && mvn -B -q -DskipTests -pl service package); }
ensure_wrk
POINTS="${BENCH_COLD_POINTS:-12}"
RUNS="${BENCH_COLD_RUNS:-cold restart}"
TAG="${BENCH_TAG:-$(basename "$SERVICE_JAR" .jar)}"
DB=smartcity_bench_cold
DIR="$WORK/coldstart"
trap 'stop_service; drop_db $DB' EXIT

TSV="$OUT/coldstart.tsv"
START_TSV="$OUT/coldstart-start.tsv"
[[ -f "$TSV" ]] || printf 'tag\trun\tpoint\tt_s\trps\tp50_ms\tp99_ms\tnon2xx\tcpu_ms_per_req\tjit_cpu_ms\tcompiled\tcompile_ms\tqueued\tload1\n' > "$TSV"
[[ -f "$START_TSV" ]] || printf 'tag\trun\tping_ms\thealthy_ms\tcpu_ms_to_healthy\tload1\n' > "$START_TSV"

# a fresh database and rule cache; the record key and the cache live in the scratch folder
rm -rf "$DIR"; mkdir -p "$DIR"
export RULES_CACHE_DIR="$DIR/rule-cache" RECORD_KEY_FILE="$DIR/record.key"
url=$(db_url pg $DB)
# migrates the database (a start finds it migrated) and registers the CITY user's organisation, in Phuket as the plan
(cd "$ROOT" && env $(service_env "$url") java -jar "$SERVICE_JAR" add-organisation --id bench-org \
    --name-th "เทศบาลทดสอบ" --name-en "Bench municipality" --province Phuket --kind MUNICIPALITY "$(bench_config)" \
    >>"$WORK/add-user.log" 2>&1)
city=$(add_user "$url" "bench city" CITY bench-org)
base="http://127.0.0.1:$PORT"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# CPU ms of the JIT compiler threads alive now (their names: "C1 CompilerThre", "C2 CompilerThre")
jit_cpu_ms() {
  local hz; hz=$(getconf CLK_TCK)
  for t in /proc/"$SERVICE_PID"/task/*; do
    { grep -q "^C[12] Compiler" "$t/comm" && sed "s/.*) //" "$t/stat"; } 2>/dev/null || true
  done | awk -v hz="$hz" '{ s += $12 + $13 } END { printf "%d", s * 1000 / hz }'
}
# methods compiled so far and the JIT's total compile time in ms (jstat -compiler: Compiled Failed Invalid Time ...)
jit_totals() { jstat -compiler "$SERVICE_PID" 2>/dev/null | awk 'NR == 2 { printf "%d %d", $1, $4 * 1000 }'; }
# methods waiting in the C1 and C2 compile queues now (jcmd Compiler.queue: one line per queued task)
jit_queued() { { jcmd "$SERVICE_PID" Compiler.queue 2>/dev/null || true; } | grep -cE '^ *[0-9]+ ' || true; }

for run in $RUNS; do
  t0=$(now_ms)
  # shellcheck disable=SC2086
  start_service "$url" "cold-$run" ${BENCH_JAVA_OPTS:-}
  ping_ms=$(( $(now_ms) - t0 ))
  until curl -sf -o /dev/null "http://127.0.0.1:$ADMIN_PORT/healthcheck"; do
    kill -0 "$SERVICE_PID" 2>/dev/null || { log "the service stopped"; exit 1; }
    sleep 0.1
  done
  healthy_ms=$(( $(now_ms) - t0 ))
  cpu_healthy=$(awk -v s="$(cpu_s)" 'BEGIN { printf "%d", s * 1000 }')
  line=$(printf '%s\t%s\t%s\t%s\t%s\t%s' "$TAG" "$run" "$ping_ms" "$healthy_ms" "$cpu_healthy" "$(cut -d' ' -f1 /proc/loadavg)")
  echo "$line" >> "$START_TSV"; log "start: $line"
  for point in $(seq 1 "$POINTS"); do
    cpu0=$(cpu_s); jit0=$(jit_cpu_ms); read -r c0 ct0 <<<"$(jit_totals)"
    (sleep 5; jit_queued > "$DIR/queued") &   # the queue in the middle of the point, under load
    sampler=$!
    r=$(wrk_run 64 10 "$base/api/evaluate" "$REALISTIC" "$city")
    wait "$sampler"
    cpu1=$(cpu_s); jit1=$(jit_cpu_ms); read -r c1 ct1 <<<"$(jit_totals)"
    n=$(field requests "$r")
    cpu_ms=$(awk -v a="$cpu0" -v b="$cpu1" -v n="$n" 'BEGIN {printf "%.2f", (n > 0 ? (b - a) * 1000 / n : 0)}')
    queued=$(cat "$DIR/queued")
    line=$(printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s' "$TAG" "$run" "$point" \
      "$(( ($(now_ms) - t0) / 1000 ))" "$(field rps "$r")" "$(field p50_ms "$r")" "$(field p99_ms "$r")" \
      "$(field non2xx "$r")" "$cpu_ms" "$(( jit1 - jit0 ))" "$(( c1 - c0 ))" "$(( ct1 - ct0 ))" "$queued" \
      "$(cut -d' ' -f1 /proc/loadavg)")
    echo "$line" >> "$TSV"; log "$line"
  done
  stop_service
done
