import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { AcquireLease, Lease } from '../lease.js';

/** Waits `ms`, or less when `signal` aborts (the caller then sees it aborted). */
const pause = (ms: number, signal: AbortSignal) => sleep(ms, undefined, { signal }).catch(() => {});

/**
 * Leases on PostgreSQL: a session advisory lock (`pg_try_advisory_lock`) held on a connection of
 * its own, keyed by the lease's name and the connection's schema (installations in other schemas
 * of the database have leases of their own). PostgreSQL releases it the moment that session ends — the node died, or its
 * connection did — so a node waiting for it takes over at its next try. `config` opens the
 * connection as the store's pool does (URL, schema, type parsers).
 */
export function postgresLeases(config: pg.ClientConfig): AcquireLease {
  return async (name, { retryMs, signal, onError }) => {
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
            // Advisory locks belong to the database: the schema names the installation.
            "select pg_try_advisory_lock(hashtext('mailbeacon:' || current_schema() || ':' || $1)) as held",
            [name],
          );
          if (rows[0]?.held) return held(client, lost);
          await pause(retryMs, signal);
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

function held(client: pg.Client, lost: Promise<void>): Lease {
  return {
    lost,
    // Ending the session releases its advisory locks.
    release: () => client.end().catch(() => {}),
  };
}
