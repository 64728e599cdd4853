# Sourced by the bench/scripts/*.sh: paths, the service's life cycle on a scratch database, users, wrk points.
# Everything talks to 127.0.0.1 only, and every load point is bounded in time.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH="$ROOT/bench"
SERVICE_JAR="$ROOT/service/target/smartcity-service.jar"
BENCH_JAR="$BENCH/target/benchmarks.jar"
OUT="${BENCH_OUT:-$BENCH/target/results}"
WORK="$BENCH/target/work"
PORT="${BENCH_PORT:-28080}"
ADMIN_PORT="${BENCH_ADMIN_PORT:-28081}"
DURATION="${BENCH_DURATION:-15}"       # seconds per measured point
WARMUP="${BENCH_WARMUP:-10}"           # seconds of warm-up load after each start
PG="-h 127.0.0.1 -p 5432 -U postgres"
EXAMPLES="${BENCH_EXAMPLES:-$ROOT/examples}"
REALISTIC="$EXAMPLES/phuket-livable-pass.plan.json"
mkdir -p "$OUT" "$WORK"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# the jars, built once (mvn -DskipTests package builds both; a test build leaves the bench uber-jar out)
ensure_jars() {
  if [[ ! -f "$SERVICE_JAR" || ! -f "$BENCH_JAR" ]]; then
    log "building the jars"
    (cd "$ROOT" && mvn -B -q -DskipTests package)
  fi
}

ensure_wrk() {
  command -v wrk >/dev/null || { log "installing wrk (Debian)"; apt-get install -y -qq wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }; }
}

# config.yml as the service ships it, plus the no-op endpoint. Another one for an older jar that knows fewer settings:
# BENCH_CONFIG_FILE, or a file beside the jar named like it (/tmp/base.jar: /tmp/base.config.yml, e.g. from
# git show REV:config.yml), so that scripts running several jars give each its own.
bench_config() {
  local cfg="${BENCH_CONFIG_FILE:-}"
  [[ -z $cfg && -f "${SERVICE_JAR%.jar}.config.yml" ]] && cfg="${SERVICE_JAR%.jar}.config.yml"
  { cat "${cfg:-$ROOT/config.yml}"; printf '\n# bench/: POST /api/noop, the transport ceiling\nbenchmarkNoop: true\n'; } > "$WORK/config.yml"
  echo "$WORK/config.yml"
}

# db_url h2|pg NAME: a fresh, empty scratch database
db_url() {
  local kind=$1 name=$2
  if [[ $kind == h2 ]]; then
    rm -rf "$WORK/h2-$name"; mkdir -p "$WORK/h2-$name"
    echo "jdbc:h2:file:$WORK/h2-$name/smartcity"
  else
    psql $PG -q -d postgres -c "DROP DATABASE IF EXISTS $name" >/dev/null
    psql $PG -q -d postgres -c "CREATE DATABASE $name" >/dev/null
    echo "jdbc:postgresql://127.0.0.1:5432/$name"
  fi
}

# drop_db NAME: the scratch PostgreSQL database goes when a script ends (BENCH_KEEP_DB=1 keeps it)
drop_db() {
  [[ -n "${BENCH_KEEP_DB:-}" ]] || psql $PG -q -d postgres -c "DROP DATABASE IF EXISTS $1" >/dev/null 2>&1 || true
}

service_env() {
  local url=$1 user=sa
  [[ $url == jdbc:postgresql:* ]] && user=postgres
  echo "PORT=$PORT ADMIN_PORT=$ADMIN_PORT DATABASE_URL=$url DATABASE_USER=$user DATABASE_PASSWORD= RULES_WATCH=false RATE_LIMIT_PER_MINUTE=0"
}

# add_user URL NAME ROLE [ORG]: prints the token (the command's last line)
add_user() {
  local url=$1 name=$2 role=$3 org=${4:-}
  local cfg; cfg=$(bench_config)
  # a CITY user needs its organisation registered (in Phuket, the examples' province); again is refused, harmless
  [[ -z $org ]] || (cd "$ROOT" && env $(service_env "$url") java -jar "$SERVICE_JAR" add-organisation --id "$org" \
      --name-th "หน่วยงาน $org" --name-en "Bench $org" --province Phuket --kind MUNICIPALITY "$cfg" \
      >>"$WORK/add-user.log" 2>&1 || true)
  (cd "$ROOT" && env $(service_env "$url") java -jar "$SERVICE_JAR" add-user --name "$name" --role "$role" \
      ${org:+--org "$org"} "$cfg" 2>>"$WORK/add-user.log" | tail -1)
}

# start_service URL LOGNAME [JAVA OPTIONS...]: sets SERVICE_PID, waits for /ping
start_service() {
  local url=$1 name=$2; shift 2
  local cfg; cfg=$(bench_config)
  if curl -s -o /dev/null "http://127.0.0.1:$ADMIN_PORT/ping"; then
    log "port $ADMIN_PORT is taken: set BENCH_PORT / BENCH_ADMIN_PORT"; return 1
  fi
  # BENCH_JFR=1: a flight recording of the whole run, $WORK/NAME.jfr (jfr print --events jdk.ExecutionSample ...)
  [[ -n "${BENCH_JFR:-}" ]] && set -- "$@" "-XX:StartFlightRecording=filename=$WORK/$name.jfr,settings=profile"
  (cd "$ROOT" && exec env $(service_env "$url") java "$@" -jar "$SERVICE_JAR" server "$cfg") \
      >"$WORK/service-$name.log" 2>&1 &
  SERVICE_PID=$!
  for _ in $(seq 1 240); do
    if curl -sf -o /dev/null "http://127.0.0.1:$ADMIN_PORT/ping"; then
      log "service up (pid $SERVICE_PID, $name)"; return 0
    fi
    kill -0 "$SERVICE_PID" 2>/dev/null || { tail -30 "$WORK/service-$name.log" >&2; return 1; }
    sleep 0.5
  done
  log "service did not start"; tail -30 "$WORK/service-$name.log" >&2; return 1
}

stop_service() {
  if [[ -n "${SERVICE_PID:-}" ]] && kill -0 "$SERVICE_PID" 2>/dev/null; then
    kill "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true
  fi
  SERVICE_PID=
}

# wrk_run CONNS SECONDS URL [BODY_FILE] [TOKEN]: prints the RESULT line
wrk_run() {
  local conns=$1 secs=$2 url=$3 body=${4:-} token=${5:-}
  local threads=2; (( conns < 2 )) && threads=1
  BODY_FILE="$body" TOKEN="$token" wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout 10s \
      -s "$BENCH/scripts/load.lua" "$url" | grep '^RESULT'
}

# field NAME LINE: a key=value out of a RESULT line
field() { sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p" <<<"$2"; }

# heap used (bytes) and RSS (kB) of the service, after a full GC
heap_after_gc() {
  jcmd "$SERVICE_PID" GC.run >/dev/null
  sleep 1
  curl -s "http://127.0.0.1:$ADMIN_PORT/metrics" | python3 -c \
    'import json,sys; print(json.load(sys.stdin)["gauges"]["jvm.memory.heap.used"]["value"])'
}
# CPU seconds (user + system) the service has used so far
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$SERVICE_PID/stat"; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$SERVICE_PID/status"; }

# use_jar SPEC: a jar with settings for its run after commas (gc.jar,SUBMISSION_BATCH_MAX=1): sets jar and label and
# exports the settings; drop_jar_settings unsets them after the run
use_jar() {
  IFS=, read -r -a JAR_SETTINGS <<<"$1"
  jar=${JAR_SETTINGS[0]}
  JAR_SETTINGS=("${JAR_SETTINGS[@]:1}")
  label=$(basename "$jar")
  local setting
  for setting in "${JAR_SETTINGS[@]}"; do export "$setting"; label+=",${setting%%=*}=$(basename "${setting#*=}")"; done
}
drop_jar_settings() {
  local setting
  for setting in "${JAR_SETTINGS[@]}"; do unset "${setting%%=*}"; done
}
