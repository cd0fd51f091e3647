-- Fills the tables of schema :schema (migrated by migrate.ts) with a year of tracking:
-- 10 workspaces, 200,000 messages, 1,000,000 recipients (one copy each), and :events events
-- spread evenly over 2025-12-01 .. 2026-12-01 UTC, each on a random recipient. Ids are made as
-- src/store/ids.ts makes them: 10 Crockford base32 characters of epoch ms, then 16 random ones.
--   psql "$URL" -v schema=plain -v events=12000000 -f fill.sql
\set ON_ERROR_STOP on
set search_path = :schema;
set maintenance_work_mem = '1GB';
set synchronous_commit = off;

create or replace function public.mb_id(ms bigint) returns text language sql immutable parallel safe as $$
  select string_agg(substr('0123456789abcdefghjkmnpqrstvwxyz', ((ms >> (5 * (9 - i))) & 31)::int + 1, 1), '' order by i)
  from generate_series(0, 9) as i
$$;
create or replace function public.mb_new_id(ms bigint) returns text language sql volatile parallel safe as $$
  select public.mb_id(ms) || translate(substr(md5(random()::text), 1, 16), 'abcdef', 'vwxyzq')
$$;

\set t0 1764547200000
\set t1 1796083200000

insert into workspaces (id, name, created_at)
  select 'ws' || g, 'workspace ' || g, :t0 from generate_series(0, 9) g;
insert into users (id, workspace_id, email, name, password_hash, role, created_at)
  select 'u' || g, 'ws' || g, 'user' || g || '@example.org', 'User ' || g, 'x', 'owner', :t0
  from generate_series(0, 9) g;

create temporary table msg as
  select g as n, public.mb_new_id(:t0 + (g::bigint * (:t1 - :t0)) / 200000) as id,
    'ws' || (g % 10) as workspace_id, 'u' || (g % 10) as sender_id,
    :t0 + (g::bigint * (:t1 - :t0)) / 200000 as sent_at
  from generate_series(0, 199999) g;
insert into messages (id, workspace_id, sender_id, status, subject, html, text, from_email,
    from_name, to_list, cc_list, bcc_list, tracking_enabled, attachment_link_ttl_days, language,
    created_at, updated_at, sent_at)
  select id, workspace_id, sender_id, 'sent', 'Quarterly figures ' || n, '<p>Hello</p>', 'Hello',
    'user@example.org', 'User', '[]', '[]', '[]', 1, 30, 'en', sent_at, sent_at, sent_at
  from msg;

create temporary table rcp as
  select r.n, public.mb_new_id(m.sent_at) as id, public.mb_new_id(m.sent_at) as copy_id,
    m.id as message_id, m.workspace_id, m.sent_at
  from (select g as n from generate_series(0, 999999) g) r join msg m on m.n = r.n / 5;
create unique index on rcp (n);
insert into copies (id, message_id, workspace_id, tracked, message_id_header, status, sent_at)
  select copy_id, message_id, workspace_id, 1, '<' || copy_id || '@example.org>', 'sent', sent_at
  from rcp;
insert into recipients (id, message_id, workspace_id, copy_id, email, kind, position, tracked,
    tracking_id, delivery)
  select id, message_id, workspace_id, copy_id, 'person' || n || '@example.com', 'to', n % 5, 1,
    md5(id), 'sent'
  from rcp;
analyze rcp;

-- The events, indexes built after the load (as a restore would).
create temporary table events_indexes as
  select indexname, indexdef from pg_indexes
  where schemaname = :'schema' and tablename = 'events' and indexname <> 'events_pkey';
do $$ declare i record; begin
  for i in select indexname from events_indexes loop execute format('drop index %I', i.indexname); end loop;
end $$;
alter table events drop constraint events_pkey;
insert into events (id, workspace_id, message_id, recipient_id, type, at, link_idx, ip,
    user_agent, client, method, classification, reason, inferred, details)
  select public.mb_new_id(e.at), r.workspace_id, r.message_id, r.id,
    case when e.k < 70 then 'open' when e.k < 95 then 'click' else 'download' end, e.at,
    case when e.k between 70 and 94 then e.k % 4 end, '203.0.113.0',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15',
    '{"browser":"Safari","os":"macOS","device":"desktop"}', 'GET',
    case when e.k % 7 = 0 then 'proxy' when e.k % 11 = 0 then 'machine' else 'human' end,
    case when e.k % 11 = 0 then 'scanner' end, 0,
    '{"accept":"image/avif,image/webp,*/*","fetchSite":"cross-site"}'
  from (select g, :t0 + (g * (:t1 - :t0)) / :events as at, (g * 7919) % 100 as k,
          (hashint8(g) & 2147483647) % 1000000 as rn
        from generate_series(0::bigint, :events - 1) g) e
  join rcp r on r.n = e.rn;
alter table events add constraint events_pkey primary key (id);
do $$ declare i record; begin
  for i in select indexdef from events_indexes loop execute i.indexdef; end loop;
end $$;
vacuum analyze;
