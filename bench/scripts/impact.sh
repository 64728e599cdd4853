#!/usr/bin/env bash
# Impact analysis over 100,000 stored plans on PostgreSQL (plans per second, peak heap) and the service's memory
# (heap after a full GC, RSS) idle and after 100,000 stored plans.
#   1. a fresh database; a CITY user and two REVIEWERs (add-user); the service started with -Xmx1g (the target's
#      ceiling: an OutOfMemoryError fails the run) and a GC log
#   2. memory idle
#   3. the spec's example plans submitted through POST /api/plans, then cloned with SeedPlans (JDBC batches) up to
#      BENCH_PLANS (100,000): valid rows and hash-chained records in plans, plan_revisions, evaluations, events
#   4. memory after 100,000 stored plans
#   5. a candidate rule set proposed by reviewer 1 (the rules folder with minDomains 2 -> 4), then
#      POST /api/rulesets/{version}/impact, the admin /metrics heap gauge sampled every 250 ms meanwhile
#   6. memory after the impact analysis
#
#   bench/scripts/impact.sh            BENCH_PLANS=100000, BENCH_IMPACT_HEAP=1g
#   BENCH_IMPACT_JARS="/tmp/base.jar service/target/smartcity-service.jar /tmp/base.jar service/target/smartcity-service.jar"
#                                      step 5 once per jar, in that order, on the same stored plans (the service
#                                      restarted with each jar): before and after in one run, interleaved
# Writes $OUT/impact.tsv (a row per jar; CPU seconds of the service and of its worker JVMs) and $OUT/memory.tsv.
source "$(dirname "$0")/lib.sh"
read -r -a JARS <<<"${BENCH_IMPACT_JARS:-$SERVICE_JAR}"
SERVICE_JAR=$(realpath -m "${JARS[0]}")
ensure_jars
DBNAME="${BENCH_IMPACT_DB:-smartcity_bench_impact}"
trap 'stop_service; drop_db "$DBNAME"' EXIT
PLANS="${BENCH_PLANS:-100000}"
HEAP="${BENCH_IMPACT_HEAP:-1g}"

url=$(db_url pg "$DBNAME")
city=$(add_user "$url" "bench city" CITY bench-org)
r1=$(add_user "$url" "bench reviewer one" REVIEWER)
r2=$(add_user "$url" "bench reviewer two" REVIEWER)
rm -f "$WORK/gc-impact.log"
start_service "$url" impact "-Xmx$HEAP" "-Xlog:gc:file=$WORK/gc-impact.log:uptime"
base="http://127.0.0.1:$PORT"
MEM="$OUT/memory.tsv"
printf 'when\theap_after_gc_mib\trss_mib\n' > "$MEM"
memory() {
  local heap rss
  heap=$(heap_after_gc); rss=$(rss_kb)
  printf '%s\t%.1f\t%.1f\n' "$1" "$(awk -v b="$heap" 'BEGIN {print b / 1048576}')" \
    "$(awk -v k="$rss" 'BEGIN {print k / 1024}')" | tee -a "$MEM" >&2
}
sleep 5
memory "idle (started, no request)"

log "submitting the example plans through the API"
for f in "$EXAMPLES"/*.plan.json; do
  # the bench city's organisation is in Phuket (add_user), and a plan must be in its organisation's province
  python3 -c 'import json,sys; p=json.load(open(sys.argv[1])); p["city"]["province"]="Phuket"; print(json.dumps(p))' \
    "$f" > "$WORK/example.json"
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $city" \
    -H 'Content-Type: application/json' --data-binary @"$WORK/example.json" "$base/api/plans")
  [[ $code == 201 ]] || { log "$f: HTTP $code"; exit 1; }
done
log "seeding up to $PLANS plans"
# the clones' records are signed with the key the service made in $ROOT (README, The record and its key)
RECORD_KEY_FILE="${RECORD_KEY_FILE:-$ROOT/data/record.key}" java -Xmx512m -cp "$BENCH_JAR" th.or.depa.smartcity.bench.SeedPlans "$url" postgres "" "$PLANS" >&2
psql $PG -q -d "$DBNAME" -c "VACUUM ANALYZE" >/dev/null
memory "after $PLANS stored plans"

log "proposing a candidate rule set (minDomains 2 -> 4)"
python3 - "$ROOT/rules" > "$WORK/candidate.json" <<'PY'
import json, os, sys
root = sys.argv[1]
files = {}
for d, _, names in os.walk(root):
    for n in names:
        rel = os.path.relpath(os.path.join(d, n), root)
        if any(p.startswith('.') or p.endswith('~') for p in rel.split(os.sep)):
            continue
        with open(os.path.join(d, n), encoding='utf-8') as f:
            files[rel.replace(os.sep, '/')] = f.read()
files['parameters.csv'] = files['parameters.csv'].replace('\nminDomains,2,', '\nminDomains,4,')
print(json.dumps({"files": files, "note": "bench: minDomains 4"}))
PY
version=$(curl -s -X POST -H "Authorization: Bearer $r1" -H 'Content-Type: application/json' \
  --data-binary @"$WORK/candidate.json" "$base/api/rulesets" | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')
log "candidate is version $version; impact analysis over $PLANS plans"

printf 'jar\tplans\twall_s\tplans_per_s\tchanged_plans\tpeak_heap_used_mib\tmax_heap_after_gc_mib\txmx\tservice_cpu_s\tworker_cpu_s\tload1\n' \
  > "$OUT/impact.tsv"
# CPU seconds (user + system) of the service's finished children (the worker JVMs it waited for)
children_cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($16 + $17) / hz}' "/proc/$SERVICE_PID/stat"; }
run=0
for jar in "${JARS[@]}"; do
  run=$((run + 1))
  if (( run > 1 )); then
    stop_service
    SERVICE_JAR=$(realpath -m "$jar")
    rm -f "$WORK/gc-impact.log"
    start_service "$url" "impact-$run" "-Xmx$HEAP" "-Xlog:gc:file=$WORK/gc-impact.log:uptime"
  fi
  log "impact analysis over $PLANS plans with $jar"
  rm -f "$WORK/impact.done"
  ( peak=0
    while [[ ! -f "$WORK/impact.done" ]]; do
      h=$(curl -s "http://127.0.0.1:$ADMIN_PORT/metrics" | python3 -c \
        'import json,sys; print(json.load(sys.stdin)["gauges"]["jvm.memory.heap.used"]["value"])' 2>/dev/null || echo 0)
      (( h > peak )) && peak=$h
      echo "$peak" > "$WORK/impact.peak"
      sleep 0.25
    done ) &
  sampler=$!
  cpu0=$(cpu_s); kids0=$(children_cpu_s)
  t0=$(date +%s.%N)
  code=$(curl -s -o "$WORK/impact.json" -w '%{http_code}' -m 1800 -X POST -H "Authorization: Bearer $r1" \
    "$base/api/rulesets/$version/impact")
  t1=$(date +%s.%N)
  sleep 1 # the worker has exited: its CPU is counted among the service's children once it is reaped
  cpu1=$(cpu_s); kids1=$(children_cpu_s)
  touch "$WORK/impact.done"; wait "$sampler" 2>/dev/null || true
  [[ $code == 200 ]] || { log "impact: HTTP $code: $(head -c 500 "$WORK/impact.json")"; exit 1; }
  read -r plans seconds changed < <(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]));
print(r["plans"], r["seconds"], r["changedPlansTotal"])' "$WORK/impact.json")
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}')
  rate=$(awk -v n="$plans" -v s="$wall" 'BEGIN {printf "%.0f", n / s}')
  peak_mib=$(awk -v b="$(cat "$WORK/impact.peak")" 'BEGIN {printf "%.0f", b / 1048576}')
  # the largest heap left after a collection while the analysis ran (GC log): the live set's peak
  live_mib=$(sed -n 's/.*Pause.* [0-9]*M->\([0-9]*\)M(\([0-9]*\)M).*/\1/p' "$WORK/gc-impact.log" | sort -n | tail -1)
  svc_cpu=$(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN {printf "%.1f", b - a}')
  kid_cpu=$(awk -v a="$kids0" -v b="$kids1" 'BEGIN {printf "%.1f", b - a}')
  load1=$(cut -d' ' -f1 /proc/loadavg)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$jar" \
    "$plans" "$wall" "$rate" "$changed" "$peak_mib" "$live_mib" "$HEAP" "$svc_cpu" "$kid_cpu" "$load1" \
    | tee -a "$OUT/impact.tsv" >&2
  memory "after the impact analysis over $PLANS plans ($jar)"
done
column -t -s $'\t' "$OUT/impact.tsv"
column -t -s $'\t' "$MEM"
