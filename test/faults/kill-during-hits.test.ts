import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { cliDatabaseEnv, serveCli } from '../../helpers/cli.js';
import { testEngines } from '../../helpers/engines.js';
import { mailSentThenStopped } from '../../helpers/mail-sent-then-stopped.js';
import { mailUrls, onServer } from '../../helpers/mail-urls.js';
import { startServiceOn } from '../../helpers/test-service.js';

const RECIPIENTS = 12;
/** The load stops, by SIGKILL, once this many hits have been answered. */
const ANSWERED_BEFORE_KILL = 600;
const CONNECTIONS = 16;

for (const engine of testEngines()) {
  describe(`a crash under load loses no answered hit and counts none twice (${engine})`, () => {
    const cleanup: (() => Promise<void>)[] = [];
    after(async () => {
      for (const step of cleanup.reverse()) await step();
    });

    it('stores every answered hit once after SIGKILL and a restart, and counts each once', async () => {
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
      const loop = async () => {
        while (!killed) {
          const n = sentCount++;
          // Each hit says who it is: its User-Agent is stored with its event.
          const userAgent = `Mozilla/5.0 (X11; Linux x86_64) LoadTest/${n}`;
          try {
            const response = await fetch(onServer(targets[n % targets.length]!, url), {
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
      await Promise.all(Array.from({ length: CONNECTIONS }, loop));
      await exited;
      assert.ok(answered.size >= ANSWERED_BEFORE_KILL);

      // Restarted: whatever the log held is processed.
      const again = await startServiceOn(database, env, { outbox: { pollMs: 50 } });
      cleanup.push(() => again.close());
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
      assert.deepEqual(lost, [], 'every answered hit is stored');
      const twice = [...stored].filter(([, n]) => n > 1);
      assert.deepEqual(twice, [], 'none is stored twice');
      // Only hits that were sent can be there: answered ones, and some the kill cut off.
      assert.ok(stored.size <= sentCount);
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
