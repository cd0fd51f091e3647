#!/usr/bin/env bash
# The events-volume measurement of docs/storage.md ("Volume"), step by step, on a database of its
# own (created here, dropped at the end unless KEEP=1). About an hour on a 2-core machine.
#   bash bench/events-volume/run.sh [postgres://postgres@127.0.0.1:5432/volume]
set -euo pipefail
cd "$(dirname "$0")/../.."
URL=${1:-postgres://postgres@127.0.0.1:5432/volume}
ADMIN=${URL%/*}/postgres
DB=${URL##*/}
HERE=bench/events-volume
LOGS=$(mktemp -d)
bench() { # schema seconds prefix: 2 clients inserting 200 events a transaction
  pgbench -n -f $HERE/insert.pgbench -D schema=$1 -c 2 -j 2 -T $2 -l --log-prefix=$LOGS/$3 "$URL" >/dev/null
  echo "$3: $(bash $HERE/latency.sh $LOGS/$3.*) over $2 s"
}
reader() { # a report reading events for 8 s
  psql "$URL" -qc "begin; select count(*) from $1.events where id >= public.mb_id(1793491200000); select pg_sleep(8); commit;" >/dev/null
}

psql "$ADMIN" -qc "drop database if exists $DB" -c "create database $DB"
node --import tsx $HERE/migrate.ts "$URL" plain
time psql "$URL" -q -v schema=plain -v events=12000000 -f $HERE/fill.sql
time psql "$URL" -q -f $HERE/partition.sql
psql "$URL" -qc "create table public.sample_events as select id, recipient_id, message_id from plain.events
  where id >= public.mb_id(1793491200000) and (hashtext(id) & 1023) = 0 order by id limit 500"

echo '== sizes'
psql "$URL" -Atc "select 'plain heap ' || pg_size_pretty(pg_relation_size('plain.events')) || ', indexes ' || pg_size_pretty(pg_indexes_size('plain.events'))"
echo '== hot queries'
for s in plain part; do psql "$URL" -v schema=$s -f $HERE/queries.sql > $LOGS/queries-$s.txt; done
for s in plain part; do
  awk -v s=$s '/^==/{name=$0; run=0} /QUERY PLAN/{run++; want=1} want && /Buffers:/{b=$0; want=0}
    /Execution Time/ && run==2 {print s " " name ": " $3 " ms, " b}' $LOGS/queries-$s.txt
done
echo '== insert rate'
for s in part plain part plain; do bench $s 30 insert-$s-$RANDOM; done

echo '== a month purged in batches (plain), inserts running'
bench plain 40 purge-plain & B=$!; sleep 5
node --import tsx $HERE/purge.ts "$URL" plain 1767225600000 5000; wait $B
echo '== a month detached concurrently and dropped (part), inserts running'
bench part 25 drop-part & B=$!; sleep 5
psql "$URL" -c '\timing on' -c 'alter table part.events detach partition part.events_2025_12 concurrently' \
  -c 'drop table part.events_2025_12' | grep Time; wait $B
echo '== a month dropped (part) while an 8 s report reads events, inserts running'
bench part 25 queue-part & B=$!; sleep 4; reader part & R=$!; sleep 1
psql "$URL" -c '\timing on' -c 'drop table part.events_2026_01' | grep Time; wait $R $B
echo '== a month purged in batches (plain) while an 8 s report reads events, inserts running'
bench plain 45 queue-plain & B=$!; sleep 4; reader plain & R=$!; sleep 1
node --import tsx $HERE/purge.ts "$URL" plain 1769904000000 5000; wait $R $B
echo '== vacuum after the purges (plain)'
psql "$URL" -c '\timing on' -c 'vacuum plain.events' | grep Time

[ "${KEEP:-}" = 1 ] || psql "$ADMIN" -qc "drop database $DB"
rm -rf "$LOGS"
