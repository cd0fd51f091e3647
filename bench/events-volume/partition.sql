-- A copy of :src.events in schema part, partitioned by month of its id (ids start with their
-- time: range bounds are the time prefixes of each month's first millisecond), with the same
-- primary key (id: the partition key, so a unique key on it alone is allowed), the same foreign
-- keys and the same indexes (each partitioned: one per month).
--   psql "$URL" -v src=plain -f partition.sql
\set ON_ERROR_STOP on
set maintenance_work_mem = '1GB';
set synchronous_commit = off;
drop schema if exists part cascade;
create schema part;
create table part.events (like plain.events including defaults) partition by range (id);
do $$ declare m date := date '2025-12-01'; begin
  while m < date '2027-01-01' loop
    execute format('create table part.%I partition of part.events for values from (%L) to (%L)',
      'events_' || to_char(m, 'YYYY_MM'),
      public.mb_id((extract(epoch from m) * 1000)::bigint),
      public.mb_id((extract(epoch from m + interval '1 month') * 1000)::bigint));
    m := m + interval '1 month';
  end loop;
end $$;
insert into part.events select * from plain.events;
alter table part.events add primary key (id);
alter table part.events add foreign key (message_id) references plain.messages (id) on delete cascade;
alter table part.events add foreign key (recipient_id) references plain.recipients (id) on delete cascade;
do $$ declare i record; begin
  for i in select indexdef from pg_indexes where schemaname = 'plain' and tablename = 'events'
      and indexname <> 'events_pkey' loop
    execute replace(i.indexdef, 'ON plain.events', 'ON part.events');
  end loop;
end $$;
vacuum analyze part.events;
