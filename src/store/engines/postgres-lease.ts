import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import {
  type AcquireLease,
  type FencedHolder,
  LEASE_HEARTBEAT_MS,
  LEASE_STALE_MS,
  type Lease,
} from '../lease.js';

/** Waits `ms`, or less when `signal` aborts (the caller then sees it aborted). */
const pause = (ms: number, signal: AbortSignal) => sleep(ms, undefined, { signal }).catch(() => {});

// Advisory locks belong to the database: the schema names the installation.
const LOCK_KEY = "hashtext('mailbeacon:' || current_schema() || ':' || $1)::bigint";

/**
 * The node holding the lease `$1` when its lease session has been idle for `$2` ms or more, with
 * every session of that node: it ran no heartbeat, so its process is frozen (SIGSTOP, a stalled
 * VM) while its connection lives on. All its sessions are to be ended, not only the lease's: a
 * batch it had in hand must not commit after another node took over, nor hold row locks the new
 * leader would wait for. A node is known by its connections' `application_name`
 * (`nodeApplicationName`); a holder that is not a Mailbeacon node loses only its lease session.
 * A single-key advisory lock shows in `pg_locks` as the key's high 32 bits in `classid`, its low
 * 32 in `objid`, and `objsubid` 1. Reading only: the sessions are ended by a second statement
 * (`pg_terminate_backend` in a filter could be evaluated before the filter's other conditions).
 */
const FIND_STALE_HOLDER = `
  with key as (select ${LOCK_KEY} as k),
  holder as (
    select a.pid, a.application_name,
           (extract(epoch from clock_timestamp() - a.state_change) * 1000)::int8 as silent_ms
      from pg_locks l
      join pg_stat_activity a on a.pid = l.pid, key
     where l.locktype = 'advisory' and l.granted and l.objsubid = 1
       and l.database = (select oid from pg_database where datname = current_database())
       and l.classid::int8 = ((key.k >> 32) & 4294967295)
       and l.objid::int8 = (key.k & 4294967295)
       and a.state = 'idle'
       and a.state_change < clock_timestamp() - make_interval(secs => $2::float8 / 1000)
  )
  select h.application_name as node, h.silent_ms,
         array(select a.pid from pg_stat_activity a
                where a.pid = h.pid
                   or (h.application_name like 'mailbeacon %'
                       and a.application_name = h.application_name
                       and a.pid <> pg_backend_pid())) as pids
    from holder h`;

/**
 * The `application_name` of every PostgreSQL connection of this process (all its threads: the
 * name is kept in the environment, which worker threads copy at start), so that a node found
 * frozen can be fenced off whole. 63 bytes at most (PostgreSQL's NAMEDATALEN − 1).
 */
export function nodeApplicationName(): string {
  process.env.MAILBEACON_NODE ??= `mailbeacon ${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  return process.env.MAILBEACON_NODE.slice(0, 63);
}

/**
 * Leases on PostgreSQL: a session advisory lock (`pg_try_advisory_lock`) held on a connection of
 * its own, keyed by the lease's name and the connection's schema (installations in other schemas
 * of the database have leases of their own). PostgreSQL releases it the moment that session
 * ends — the node died, or its connection did — so a node waiting for it takes over at its next
 * try. A holder that is alive but frozen keeps its session: the holder runs a query every
 * `heartbeatMs`, and a node finding the lease's session silent for `staleMs` ends that node's
 * sessions (FIND_STALE_HOLDER) and takes the lease at its next try. `config` opens the
 * connection as the store's pool does (URL, schema, type parsers).
 */
export function postgresLeases(config: pg.ClientConfig): AcquireLease {
  return async (name, options) => {
    const { retryMs, signal, onError } = options;
    const staleMs = options.staleMs ?? LEASE_STALE_MS;
    while (!signal.aborted) {
      const client = new pg.Client({ ...config, keepAlive: true });
      let ended = false;
      const lost = new Promise<void>((resolve) => {
        client.once('end', resolve);
        client.on('error', () => resolve());
      }).then(() => {
        ended = true;
      });
      try {
        await client.connect();
        // The server drops the lock only when it sees the session end: a holder whose machine
        // lost power or its network would keep it for the system's keepalive default (hours).
        // Probing this session's socket after 3 s of silence, every 2 s, 3 times (and giving up
        // on unacknowledged data after 8 s) frees it within about 9 s: within the 10 s a
        // takeover is promised in, with the others asking every 2 s.
        await client.query(
          'set tcp_keepalives_idle = 3; set tcp_keepalives_interval = 2; set tcp_keepalives_count = 3; set tcp_user_timeout = 8000',
        );
        while (!signal.aborted && !ended) {
          const { rows } = await client.query<{ held: boolean }>(
            `select pg_try_advisory_lock(${LOCK_KEY}) as held`,
            [name],
          );
          if (rows[0]?.held) return held(client, lost, options.heartbeatMs ?? LEASE_HEARTBEAT_MS);
          const stale = await client.query<{ node: string; silent_ms: number; pids: number[] }>(
            FIND_STALE_HOLDER,
            [name, staleMs],
          );
          for (const holder of stale.rows) {
            const ended = await client.query<{ ended: boolean }>(
              'select pg_terminate_backend(pid) as ended from unnest($1::int4[]) as pid',
              [holder.pids],
            );
            options.onFence?.({
              node: holder.node,
              silentMs: holder.silent_ms,
              sessionsEnded: ended.rows.filter((row) => row.ended).length,
            } satisfies FencedHolder);
          }
          // The ended sessions' locks go as their backends exit: ask again in a moment.
          await pause(stale.rows.length === 0 ? retryMs : Math.min(retryMs, 100), signal);
        }
      } catch (error) {
        onError?.(error);
      }
      await client.end().catch(() => {});
      await pause(retryMs, signal);
    }
    return undefined;
  };
}

function held(client: pg.Client, lost: Promise<void>, heartbeatMs: number): Lease {
  // The heartbeat: each query moves the session's `state_change`, which the others judge.
  const heartbeat = setInterval(() => {
    client.query('select 1').catch(() => {});
  }, heartbeatMs);
  void lost.then(() => clearInterval(heartbeat));
  return {
    lost,
    release: async () => {
      clearInterval(heartbeat);
      // Ending the session releases its advisory locks.
      await client.end().catch(() => {});
    },
  };
}
