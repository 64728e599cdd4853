#!/usr/bin/env bash
# Every benchmark of issue 8 in one run (ratios come from the same run), then the results table:
#   engine (JMH), KieBase build (JMH), HTTP on H2 and PostgreSQL (wrk), pgbench, impact analysis + memory.
# About 35-50 minutes on 2 cores. Results in bench/target/results/ (results.md is the table of bench/README.md).
#
#   bench/scripts/run-all.sh
source "$(dirname "$0")/lib.sh"
ensure_jars
ensure_wrk
{
  echo "Run of $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?')."
  echo "Machine: $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo);"
  echo "$(java -version 2>&1 | head -1); PostgreSQL $(psql $PG -At -d postgres -c 'SHOW server_version'); $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)."
  echo "Load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)."
} > "$OUT/machine.txt"
cat "$OUT/machine.txt" >&2

cd "$ROOT"
log "engine (JMH)"
java -jar "$BENCH_JAR" EvaluationBenchmark -rf json -rff "$OUT/evaluation.json" > "$OUT/evaluation.txt" 2>&1
log "engine variants (JMH)"
java -jar "$BENCH_JAR" EngineVariantsBenchmark -rf json -rff "$OUT/variants.json" > "$OUT/variants.txt" 2>&1
log "KieBase build (JMH)"
java -jar "$BENCH_JAR" KieBaseBuildBenchmark -rf json -rff "$OUT/kiebase.json" > "$OUT/kiebase.txt" 2>&1
log "HTTP"
"$BENCH/scripts/http.sh" h2 pg > "$OUT/http.txt"
log "pgbench"
"$BENCH/scripts/pgbench.sh" > "$OUT/pgbench.txt"
log "impact analysis and memory"
"$BENCH/scripts/impact.sh" > "$OUT/impact.txt"
echo "Load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)." >> "$OUT/machine.txt"
python3 "$BENCH/scripts/report.py" "$OUT"
