#!/usr/bin/env bash
# add-user in seconds (issue 17): wall time of `java -jar JAR add-user` on one fresh H2 file, N runs (the first
# migrates the empty database and is reported apart), beside the floor of the JVM loading the same jar:
# `java -jar JAR --help`. Uses hyperfine when installed (apt-get install -y hyperfine), else date +%s%N. CPU
# seconds (user + system; hyperfine: mean, else median) are printed too: the machines are shared, and wall time
# moves with the neighbours far more than CPU time does.
#   bench/scripts/add-user-time.sh [JAR]      writes $OUT/add-user.tsv; BENCH_ADD_USER_RUNS (10)
#   (JAR: another build to compare, e.g. the one before a change; the service's jar by default)
#   BENCH_JAVA_OPTS="-XX:SharedArchiveFile=..." tries JVM options (e.g. an AppCDS archive) on both commands
source "$(dirname "$0")/lib.sh"
JAR="${1:-$SERVICE_JAR}"
RUNS="${BENCH_ADD_USER_RUNS:-10}"
OPTS="${BENCH_JAVA_OPTS:-}"
[[ -f "$JAR" ]] || { log "building the service jar"; (cd "$ROOT" && mvn -B -q -DskipTests -pl service package); }
TSV="$OUT/add-user.tsv"
DIR="$WORK/add-user"
rm -rf "$DIR"; mkdir -p "$DIR"
cfg=$(bench_config)
export DATABASE_URL="jdbc:h2:file:$DIR/smartcity" DATABASE_USER=sa DATABASE_PASSWORD= RECORD_KEY_FILE="$DIR/record.key"

# the first run creates and migrates the database (and the record key): measured once, apart
t0=$(date +%s%N)
java $OPTS -jar "$JAR" add-user --name first --role ADMIN "$cfg" >/dev/null 2>>"$WORK/add-user.log"
first_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
log "first add-user (migrates an empty database): ${first_ms} ms"

ADD="java $OPTS -jar $JAR add-user --name bench --role OFFICE $cfg"
HELP="java $OPTS -jar $JAR --help"
printf 'what\tmedian_wall_ms\tmean_wall_ms\tmin_wall_ms\tcpu_ms\truns\n' > "$TSV"

# cpu_ms CMD: user + system CPU of the command and its children, in ms (bash's times, in a subshell)
run_once() {
  local t0 t1 f="$DIR/times.$BASHPID"
  t0=$(date +%s%N)
  $1 >/dev/null 2>>"$WORK/add-user.log"
  t1=$(date +%s%N)
  times > "$f"
  tail -1 "$f" | awk -v w=$(( (t1 - t0) / 1000000 )) \
    '{ split($1, u, "m"); split($2, s, "m"); printf "%d %d\n", w, (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * 1000 }'
}

measure() {
  local name=$1 cmd=$2 walls=() cpus=()
  for _ in $(seq 1 "$RUNS"); do
    read -r w c < <(run_once "$cmd")
    walls+=("$w"); cpus+=("$c")
  done
  python3 - "$name" "$RUNS" "${walls[*]}" "${cpus[*]}" >> "$TSV" <<'PY'
import statistics, sys
name, runs, walls, cpus = sys.argv[1], sys.argv[2], list(map(int, sys.argv[3].split())), list(map(int, sys.argv[4].split()))
print(f"{name}\t{statistics.median(walls):.0f}\t{statistics.mean(walls):.0f}\t{min(walls)}\t{statistics.median(cpus):.0f}\t{runs}")
PY
}

if command -v hyperfine >/dev/null; then
  hyperfine -N -w 1 -r "$RUNS" --export-json "$OUT/add-user.hyperfine.json" -n "add-user" "$ADD" \
      -n "JVM floor (--help)" "$HELP" >&2
  python3 - "$OUT/add-user.hyperfine.json" "$RUNS" >> "$TSV" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    ms = lambda s: f"{s * 1000:.0f}"
    print(f"{r['command']}\t{ms(r['median'])}\t{ms(r['mean'])}\t{ms(r['min'])}\t{ms(r['user'] + r['system'])}\t{sys.argv[2]}")
PY
else
  measure "add-user" "$ADD"
  measure "JVM floor (--help)" "$HELP"
fi
printf 'first add-user (migrates)\t%s\t%s\t%s\t\t1\n' "$first_ms" "$first_ms" "$first_ms" >> "$TSV"
column -t -s $'\t' "$TSV"
