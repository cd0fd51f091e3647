import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pg from 'pg';
import type { FencedHolder } from '../../../src/store/index.js';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';
import { waitUntil } from '../../helpers/wait.js';

const KEY = "hashtext('mailbeacon:' || current_schema() || ':processing')";

// Only PostgreSQL has leases another node can hold.
if (testEngines().includes('postgres')) {
  describe('the processing lease’s fence (postgres)', () => {
    const test = useTestStore('postgres');

    /** A session of a node named `node` on the test schema; `ended` resolves when it is cut. */
    async function session(node: string) {
      const client = new pg.Client({
        connectionString: process.env.TEST_DATABASE_URL,
        options: `-c search_path=${test.database.schema}`,
        application_name: node,
      });
      const ended = new Promise<void>((resolve) => {
        client.on('error', () => resolve());
        client.once('end', resolve);
      });
      await client.connect();
      return { client, ended };
    }

    it('ends every session of a holder that went silent, and takes the lease', async () => {
      // A node frozen while leading: its lease session and a batch's transaction, both silent.
      const node = `mailbeacon frozen-${process.pid}`;
      const lease = await session(node);
      await lease.client.query(`select pg_advisory_lock(${KEY})`);
      const batch = await session(node);
      await batch.client.query('begin');
      await batch.client.query('select * from notification_sequence for update');
      const bystander = await session('psql');

      const fenced: FencedHolder[] = [];
      const stop = new AbortController();
      const taken = await test.store.acquireLease('processing', {
        retryMs: 50,
        staleMs: 300,
        signal: stop.signal,
        onFence: (holder) => fenced.push(holder),
      });
      assert.ok(taken, 'the lease was taken over');
      await Promise.all([lease.ended, batch.ended]);
      assert.equal(fenced[0]?.node, node);
      assert.equal(fenced[0]?.sessionsEnded, 2, 'the lease’s session and the batch’s');
      assert.ok(fenced[0]!.silentMs >= 300);
      const still = await bystander.client.query('select 1 as one');
      assert.equal(still.rows[0].one, 1, 'another application’s session is left alone');
      // The frozen batch's row lock went with it: the new leader is not blocked.
      await test.store.db.transaction().execute(async (trx) => {
        await trx.selectFrom('notificationSequence').selectAll().forUpdate().execute();
      });
      await taken.release();
      await bystander.client.end();
    });

    it('never fences a holder whose heartbeat runs', async () => {
      const stop = new AbortController();
      const holder = await test.store.acquireLease('processing', {
        retryMs: 50,
        heartbeatMs: 50,
        signal: stop.signal,
      });
      assert.ok(holder);
      let lost = false;
      void holder.lost.then(() => (lost = true));
      const fenced: FencedHolder[] = [];
      let taken = false;
      const waiting = test.store
        .acquireLease('processing', {
          retryMs: 50,
          staleMs: 400,
          signal: stop.signal,
          onFence: (h) => fenced.push(h),
        })
        .then((lease) => {
          taken = lease !== undefined;
          return lease;
        });
      // Watch the holder's session from outside until it has lived well past the stale time,
      // beat after beat.
      const watcher = await session('watcher');
      const beats = new Set<string>();
      await waitUntil(async () => {
        const { rows } = await watcher.client.query(
          `select a.state_change::text as at from pg_locks l join pg_stat_activity a using (pid)
            where l.locktype = 'advisory' and l.granted and l.objid::bigint = (${KEY}::bigint & 4294967295)`,
        );
        if (rows[0]) beats.add(rows[0].at);
        return beats.size >= 20;
      }, 'twenty heartbeats of the holder');
      assert.equal(taken, false, 'the other node still waits');
      assert.deepEqual(fenced, []);
      assert.equal(lost, false);
      stop.abort();
      assert.equal(await waiting, undefined);
      await holder.release();
      await watcher.client.end();
    });
  });
}
