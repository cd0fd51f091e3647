-- The hot queries on events (src/store/events.ts), as the store runs them, on schema :schema,
-- each run twice (the second timed: a warm cache, as on a busy server). Samples come from
-- public.sample_* (made by run.sh from the data: recent events and their recipients).
--   psql "$URL" -v schema=plain -f queries.sql
\set ON_ERROR_STOP on
set search_path = :schema, public;
\set explain 'explain (analyze, buffers, costs off, timing off, summary on)'

\echo '== listMessageEvents: a message''s events, first page of 100'
:explain select * from events where message_id = (select message_id from sample_events limit 1) order by id limit 100;
:explain select * from events where message_id = (select message_id from sample_events limit 1) order by id limit 100;

\echo '== findEventsByIds: a notify job''s 500 events'
:explain select * from events where id in (select id from sample_events) order by id;
:explain select * from events where id in (select id from sample_events) order by id;

\echo '== countOpensUpToEach: 50 events'' ordinals'
:explain with asked (recipient_id, event_id) as (select recipient_id, id from sample_events limit 50)
  select asked.event_id, (select count(*) from events e where e.recipient_id = asked.recipient_id
    and e.type = 'open' and e.classification in ('human', 'proxy') and e.id <= asked.event_id) as n
  from asked;
:explain with asked (recipient_id, event_id) as (select recipient_id, id from sample_events limit 50)
  select asked.event_id, (select count(*) from events e where e.recipient_id = asked.recipient_id
    and e.type = 'open' and e.classification in ('human', 'proxy') and e.id <= asked.event_id) as n
  from asked;

\echo '== listRecentHitsOf: 100 copies'' last 100 hits'
:explain select id, recipient_id, type, at, link_idx, ip, user_agent, classification, reason
  from (select e.*, row_number() over (partition by recipient_id order by at desc, id desc) as n
    from events e where recipient_id in (select recipient_id from sample_events limit 100) and inferred = 0) as recent
  where n <= 100 order by recipient_id, at, id;
:explain select id, recipient_id, type, at, link_idx, ip, user_agent, classification, reason
  from (select e.*, row_number() over (partition by recipient_id order by at desc, id desc) as n
    from events e where recipient_id in (select recipient_id from sample_events limit 100) and inferred = 0) as recent
  where n <= 100 order by recipient_id, at, id;

\echo '== reachPerDay: one workspace, last 30 days, per day'
:explain select type, case when classification = 'machine' then 'machines' else 'people' end as audience,
    count(distinct recipient_id), at / 86400000 as day
  from events where workspace_id = 'ws3' and at >= 1796083200000 - 30 * 86400000::bigint
    and type in ('open', 'click', 'download') and classification <> 'self'
  group by type, 2, at / 86400000;
:explain select type, case when classification = 'machine' then 'machines' else 'people' end as audience,
    count(distinct recipient_id), at / 86400000 as day
  from events where workspace_id = 'ws3' and at >= 1796083200000 - 30 * 86400000::bigint
    and type in ('open', 'click', 'download') and classification <> 'self'
  group by type, 2, at / 86400000;

\echo '== purge: one batch''s end (5,000th id below the cut-off)'
:explain select id from events where id > '' and id < public.mb_id(1767225600000) order by id offset 4999 limit 1;
