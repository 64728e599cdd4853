#!/usr/bin/env bash
# Feedback in seconds (issue 14): how long a reviewer waits, on the bundled rules, wall time, median of
# BENCH_FEEDBACK_RUNS (5) runs each, "before" (no compiled-rule cache, no spare worker: what every check paid
# until issue 14) and "after" (the shipped settings), both from the same jar in the same run:
#   rules-check   java -jar JAR rules-check RULES                       (the CLI, a worker JVM of its own)
#   evaluate      java -jar JAR evaluate PLAN                           (the CLI, in its own process)
#   proposal      POST /api/rulesets, the bundled files with one threshold changed (a different value each run):
#                 worker JVM + compile + sandbox + rule tests, answered 201
#   folder edit   parameters.csv of the watched folder rewritten with one threshold changed, until
#                 GET /api/rulesets/status reports the reload of it (the watcher looks once a second)
# "after" runs each command once unmeasured first (the cache is filled by that first check of these sources), and
# waits BENCH_SPARE_WAIT (20) seconds between proposals so that the next spare worker is warm, as it is between two
# reviewers' proposals; "before" waits as long. CPU seconds (user + system, the command and its children) are
# printed beside the wall time: on a shared machine they move less than wall time does.
#   bench/scripts/feedback.sh        writes $OUT/feedback.tsv
source "$(dirname "$0")/lib.sh"
RUNS="${BENCH_FEEDBACK_RUNS:-5}"
SPARE_WAIT="${BENCH_SPARE_WAIT:-20}"
[[ -f "$SERVICE_JAR" ]] || { log "building the service jar"; (cd "$ROOT" && mvn -B -q -DskipTests -pl service package); }
trap 'stop_service' EXIT
RULES="$WORK/feedback-rules"
CACHE="$WORK/feedback-cache"
TSV="$OUT/feedback.tsv"
printf 'what\tvariant\tmedian_wall_s\tmedian_cpu_s\truns_wall_s\n' > "$TSV"

fresh_rules() { rm -rf "$RULES"; cp -r "$ROOT/rules" "$RULES"; }

# timed CMD...: runs it, prints "wall cpu" in seconds; cpu is that of the command and its children, from bash's
# times in this subshell (command substitution: its children are the command alone)
timed() {
  local t0 t1 f="$WORK/feedback-times.$BASHPID"
  t0=$(date +%s.%N)
  "$@" >/dev/null 2>>"$WORK/feedback-commands.log" || true
  t1=$(date +%s.%N)
  times > "$f"
  tail -1 "$f" | awk -v a="$t0" -v b="$t1" \
    '{ split($1, u, "m"); split($2, s, "m"); printf "%.2f %.2f\n", b - a, u[1] * 60 + u[2] + s[1] * 60 + s[2] }'
  rm -f "$f"
}

# record WHAT VARIANT "wall cpu" lines...: the medians into the TSV
record() {
  local what=$1 variant=$2; shift 2
  python3 - "$what" "$variant" "$@" <<'PY' | tee -a "$TSV" >&2
import statistics, sys
what, variant, runs = sys.argv[1], sys.argv[2], [tuple(map(float, r.split())) for r in sys.argv[3:]]
walls = [w for w, _ in runs]
print(f"{what}\t{variant}\t{statistics.median(walls):.2f}\t{statistics.median(c for _, c in runs):.2f}\t"
      + " ".join(f"{w:.2f}" for w in walls))
PY
}

cli() { # cli VARIANT
  local variant=$1 cache=off out=() ev=()
  [[ $variant == after ]] && cache="$CACHE"
  [[ $variant == after ]] && { timed env RULES_CACHE_DIR="$cache" java -jar "$SERVICE_JAR" rules-check "$RULES" >/dev/null
                               timed env RULES_CACHE_DIR="$cache" RULES_DIR="$RULES" java -jar "$SERVICE_JAR" evaluate "$REALISTIC" >/dev/null; }
  for i in $(seq 1 "$RUNS"); do
    out+=("$(timed env RULES_CACHE_DIR="$cache" java -jar "$SERVICE_JAR" rules-check "$RULES")")
    ev+=("$(timed env RULES_CACHE_DIR="$cache" RULES_DIR="$RULES" java -jar "$SERVICE_JAR" evaluate "$REALISTIC")")
  done
  record rules-check "$variant" "${out[@]}"
  record evaluate "$variant" "${ev[@]}"
}

# proposal.json with one threshold set: minHearings VALUE
proposal() {
  python3 - "$RULES" "$1" > "$WORK/feedback-proposal.json" <<'PY'
import json, os, re, sys
root, value = sys.argv[1], sys.argv[2]
files = {}
for d, _, names in os.walk(root):
    for n in names:
        rel = os.path.relpath(os.path.join(d, n), root)
        if not any(p.startswith('.') or p.endswith('~') for p in rel.split(os.sep)):
            files[rel.replace(os.sep, '/')] = open(os.path.join(d, n), encoding='utf-8').read()
files['parameters.csv'] = re.sub(r'(?m)^minHearings,\d+,', f'minHearings,{value},', files['parameters.csv'])
print(json.dumps({"files": files, "note": f"bench: minHearings {value}"}))
PY
}

status_at() {
  curl -s "http://127.0.0.1:$PORT/api/rulesets/status" -H "Authorization: Bearer $1" | python3 -c \
    'import json,sys; r = json.load(sys.stdin).get("lastReload") or {}; print(r.get("at"), r.get("ok"))'
}

service() { # service VARIANT
  local variant=$1 cache=off spare=false url reviewer props=() edits=() code
  [[ $variant == after ]] && { cache="$CACHE"; spare=true; }
  fresh_rules
  url=$(db_url h2 "feedback-$variant")
  reviewer=$(add_user "$url" "bench reviewer" REVIEWER)
  local cfg; cfg=$(bench_config)
  (cd "$ROOT" && exec env $(service_env "$url") RULES_WATCH=true RULES_DIR="$RULES" RULES_CACHE_DIR="$cache" \
      RULES_SPARE_WORKER="$spare" java -jar "$SERVICE_JAR" server "$cfg") >"$WORK/service-feedback-$variant.log" 2>&1 &
  SERVICE_PID=$!
  for _ in $(seq 1 240); do curl -sf -o /dev/null "http://127.0.0.1:$ADMIN_PORT/ping" && break; sleep 0.5; done
  log "service up ($variant), waiting ${SPARE_WAIT}s"
  sleep "$SPARE_WAIT"
  if [[ $variant == after ]]; then # the first proposal of these sources fills the cache
    proposal 9; code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$PORT/api/rulesets" \
      -H "Authorization: Bearer $reviewer" -H 'Content-Type: application/json' --data-binary @"$WORK/feedback-proposal.json")
    log "unmeasured proposal: HTTP $code"; sleep "$SPARE_WAIT"
  fi
  for i in $(seq 1 "$RUNS"); do
    proposal $((i + 1))
    props+=("$(timed curl -s -o "$WORK/feedback-response.json" -X POST "http://127.0.0.1:$PORT/api/rulesets" \
      -H "Authorization: Bearer $reviewer" -H 'Content-Type: application/json' \
      --data-binary @"$WORK/feedback-proposal.json")")
    log "proposal $i: ${props[-1]} $(head -c 160 "$WORK/feedback-response.json")"
    sleep "$SPARE_WAIT"
  done
  record proposal "$variant" "${props[@]}"
  for i in $(seq 1 "$RUNS"); do
    local before t0 t1
    before=$(status_at "$reviewer")
    sed -E "s/^minParticipants,[0-9]+,/minParticipants,$((100 + i)),/" "$ROOT/rules/parameters.csv" > "$RULES/parameters.csv.tmp"
    t0=$(date +%s.%N)
    mv "$RULES/parameters.csv.tmp" "$RULES/parameters.csv"
    for _ in $(seq 1 1200); do [[ "$(status_at "$reviewer")" != "$before" ]] && break; sleep 0.05; done
    t1=$(date +%s.%N)
    edits+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f 0", b - a}')")
    log "folder edit $i: ${edits[-1]} ($(status_at "$reviewer"))"
    sleep "$SPARE_WAIT"
  done
  record "folder edit" "$variant" "${edits[@]}"
  stop_service
}

log "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$CACHE"; fresh_rules
for variant in before after; do
  log "CLI, $variant"; cli "$variant"
  log "service, $variant"; service "$variant"
done
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
column -t -s $'\t' "$TSV" >&2
