/**
 * Fault drill: the server is killed with SIGKILL in the middle of 1,000 hits from 16
 * connections, restarted, and sent the rest. Every answered hit must be stored once and counted
 * once. The drill ends with its count of what was lost (a TAP diagnostic), which must be 0.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { cliDatabaseEnv, serveCli } from '../helpers/cli.js';
import { testEngines } from '../helpers/engines.js';
import { mailSentThenStopped } from '../helpers/mail-sent-then-stopped.js';
import { mailUrls, onServer } from '../helpers/mail-urls.js';
import { startServiceOn } from '../helpers/test-service.js';

const RECIPIENTS = 12;
const HITS = 1000;
/** The server is killed with SIGKILL once this many hits have been answered. */
const ANSWERED_BEFORE_KILL = 500;
const CONNECTIONS = 16;

for (const engine of testEngines()) {
  describe(`fault: the server is killed with SIGKILL during 1,000 hits (${engine})`, () => {
    const cleanup: (() => Promise<void>)[] = [];
    after(async () => {
      for (const step of cleanup.reverse()) await step();
    });

    it('stores every answered hit once after SIGKILL and a restart, and counts each once', async (t) => {
      const { relay, database, env, account, messageId, mails } = await mailSentThenStopped(
        engine,
        RECIPIENTS,
        cleanup,
      );
      const targets = mails.flatMap((m) => {
        const urls = mailUrls(m.parsed);
        return [urls.pixel, urls.clicks[0]!];
      });

      // The real command, under load from 16 connections, killed mid-stream.
      const { child, url } = await serveCli({
        ...(await cliDatabaseEnv(database)),
        SMTP_URL: relay.url,
      });
      const answered = new Set<string>();
      let sentCount = 0;
      let killed = false;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      /** Sends hits to `server` until all HITS are sent or `stop()` says so. */
      const load = (server: string, stop: () => boolean) => async () => {
        while (!stop() && sentCount < HITS) {
          const n = sentCount++;
          // Each hit says who it is: its User-Agent is stored with its event.
          const userAgent = `Mozilla/5.0 (X11; Linux x86_64) LoadTest/${n}`;
          try {
            const response = await fetch(onServer(targets[n % targets.length]!, server), {
              redirect: 'manual',
              headers: { 'user-agent': userAgent },
            });
            await response.arrayBuffer();
            if (response.status === 200 || response.status === 302) answered.add(userAgent);
          } catch {
            return; // the server is gone
          }
          if (answered.size >= ANSWERED_BEFORE_KILL && !killed) {
            killed = true;
            child.kill('SIGKILL');
          }
        }
      };
      await Promise.all(
        Array.from(
          { length: CONNECTIONS },
          load(url, () => killed),
        ),
      );
      await exited;
      assert.ok(answered.size >= ANSWERED_BEFORE_KILL);
      assert.ok(sentCount < HITS, 'killed during the hits');

      // Restarted: whatever the log held is processed, and the rest of the hits are sent.
      const again = await startServiceOn(database, env, { outbox: { pollMs: 50 } });
      cleanup.push(() => again.close());
      await Promise.all(
        Array.from(
          { length: CONNECTIONS },
          load(again.url, () => false),
        ),
      );
      assert.equal(sentCount, HITS);
      await again.service.idle();
      const db = again.service.store.db;
      const events = await db
        .selectFrom('events')
        .select(['userAgent', 'type', 'classification', 'recipientId', 'inferred'])
        .where('messageId', '=', messageId)
        .execute();
      const hits = events.filter((e) => e.inferred === 0 && e.userAgent?.includes('LoadTest/'));
      const stored = new Map<string, number>();
      for (const e of hits) stored.set(e.userAgent!, (stored.get(e.userAgent!) ?? 0) + 1);
      const lost = [...answered].filter((ua) => !stored.has(ua));
      const twice = [...stored].filter(([, n]) => n > 1);
      t.diagnostic(
        `lost: ${lost.length} of ${answered.size} answered hits (stored twice: ${twice.length}; ` +
          `killed after ${ANSWERED_BEFORE_KILL}; ${HITS - answered.size} cut off by the kill; ${engine})`,
      );
      assert.deepEqual(lost, [], 'every answered hit is stored');
      assert.deepEqual(twice, [], 'none is stored twice');
      // Only hits that were sent can be there: answered ones, and some the kill cut off.
      assert.ok(stored.size <= HITS);
      assert.equal(await again.service.store.hitLog.pending(), 0, 'the hit log is drained');

      // Counted once: each recipient's counters are its events, people apart from machines.
      const recipients = await db
        .selectFrom('recipients')
        .selectAll()
        .where('messageId', '=', messageId)
        .execute();
      for (const r of recipients) {
        const mine = events.filter((e) => e.recipientId === r.id);
        const n = (type: string, labels: string[]) =>
          mine.filter((e) => e.type === type && labels.includes(e.classification)).length;
        assert.deepEqual(
          [r.opens, r.clicks, r.machineOpens, r.machineClicks],
          [
            n('open', ['human', 'proxy']),
            n('click', ['human', 'proxy']),
            n('open', ['machine']),
            n('click', ['machine']),
          ],
          r.email,
        );
      }
      const login = await fetch(new URL('/api/v1/auth/login', again.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: account.email, password: account.password }),
      });
      assert.equal(login.status, 200);
    });
  });
}
