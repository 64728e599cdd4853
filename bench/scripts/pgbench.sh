#!/usr/bin/env bash
# The storage floor: PostgreSQL's own commit rate on this machine, pgbench running a single INSERT per
# transaction (a row of about the size of a stored plan revision) against a scratch database, with 16 and 64
# clients, as the HTTP benchmark uses. A stored decision is one transaction too, so the stored-decision rate of
# http.sh reads as a fraction of this.
#
#   bench/scripts/pgbench.sh            BENCH_DURATION=15 seconds per point
# Writes $OUT/pgbench.tsv.
source "$(dirname "$0")/lib.sh"
DB=smartcity_bench_pgbench
TSV="$OUT/pgbench.tsv"

psql $PG -q -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null
psql $PG -q -d postgres -c "CREATE DATABASE $DB" >/dev/null
trap 'psql $PG -q -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null' EXIT
psql $PG -q -d "$DB" -c "CREATE TABLE decisions (id BIGSERIAL PRIMARY KEY, plan_id VARCHAR(36) NOT NULL,
    content TEXT NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL)" >/dev/null
cat > "$WORK/insert.sql" <<'SQL'
INSERT INTO decisions (plan_id, content, created_at) VALUES (md5(random()::text), repeat('{"criterion":"SC-01"}', 150), now());
SQL

settings=$(psql $PG -At -d "$DB" -c "SELECT string_agg(name || '=' || setting, ' ') FROM pg_settings
    WHERE name IN ('server_version', 'fsync', 'synchronous_commit', 'wal_sync_method', 'max_connections')")
log "PostgreSQL: $settings"
printf 'clients\ttps\tlatency_avg_ms\ttransactions\tsettings\n' > "$TSV"
for clients in 16 64; do
  r=$(pgbench $PG -n -c "$clients" -j 2 -T "$DURATION" -f "$WORK/insert.sql" "$DB" 2>&1)
  tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$r" | head -1)
  lat=$(sed -n 's/^latency average = \([0-9.]*\) ms.*/\1/p' <<<"$r")
  n=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' <<<"$r")
  line=$(printf '%s\t%s\t%s\t%s\t%s' "$clients" "$tps" "$lat" "$n" "$settings")
  echo "$line" >> "$TSV"
  log "$line"
done
column -t -s $'\t' "$TSV"
