#!/usr/bin/env bash
# Statements per stored decision (issue 18): PostgreSQL's log_statement = all on a scratch database, then one
# POST /api/plans alone and BENCH_STATEMENTS_AT_ONCE (16) sent at once (a group commit's batch), for each jar. Counts
# what the server logged for that database (each statement executed: BEGIN, COMMIT, each INSERT; a JDBC batch is
# one network round trip for all its statements, rewritten into one multi-row INSERT with reWriteBatchedInserts).
#
#   bench/scripts/statements.sh [JAR[,NAME=value...]...]    (settings as stored.sh; BENCH_CONFIG_FILE for old jars)
# Needs the server log (Debian: /var/log/postgresql/postgresql-MAJOR-main.log, BENCH_PG_LOG) readable.
source "$(dirname "$0")/lib.sh"
AT_ONCE="${BENCH_STATEMENTS_AT_ONCE:-16}"
DB=smartcity_bench_statements
PGLOG="${BENCH_PG_LOG:-$(ls /var/log/postgresql/postgresql-*-main.log | tail -1)}"
trap 'stop_service; drop_db $DB' EXIT
JARS=("$@"); (( ${#JARS[@]} )) || JARS=("$SERVICE_JAR")
# the statements the server logged for $DB since byte offset $1, one per line
# (less the service's background polls: the rule set in force, due webhook deliveries)
logged_since() {
  tail -c +"$(( $1 + 1 ))" "$PGLOG" | grep -a "@$DB " | grep -aoE '(statement|execute [^:]*): .*' \
    | grep -avE "FROM rule_sets WHERE status = 'ACTIVE'|SELECT id FROM deliveries WHERE state = 'PENDING'" || true
}
i=0
for spec in "${JARS[@]}"; do
  i=$((i + 1))
  use_jar "$spec"
  SERVICE_JAR=$jar
  url=$(db_url pg $DB)
  psql $PG -q -d postgres -c "ALTER DATABASE $DB SET log_statement = 'all'" >/dev/null
  city=$(add_user "$url" "bench city" CITY bench-org)
  start_service "$url" "statements-$i"
  base="http://127.0.0.1:$PORT"
  post() { curl -s -o /dev/null -w '%{http_code}\n' -X POST "$base/api/plans" -H "Authorization: Bearer $city" \
      -H 'Content-Type: application/json' --data @"$REALISTIC"; }
  post >/dev/null; post >/dev/null                       # first requests: caches (organisation, rules) filled
  sleep 1; at=$(stat -c %s "$PGLOG")
  post >/dev/null
  sleep 1; alone=$(logged_since "$at" | wc -l)
  logged_since "$at" | sed 's/^/    /' | cut -c1-150 >&2
  at=$(stat -c %s "$PGLOG")
  pids=(); for _ in $(seq "$AT_ONCE"); do post >/dev/null & pids+=($!); done; wait "${pids[@]}"
  sleep 1; together=$(logged_since "$at" | wc -l); commits=$(logged_since "$at" | grep -c ': COMMIT' || true)
  log "$label: one submission alone: $alone statements; $AT_ONCE at once: $together" \
      "($(awk -v t="$together" -v n="$AT_ONCE" 'BEGIN {printf "%.1f", t / n}') per submission), $commits COMMITs"
  stop_service
  drop_jar_settings
done
