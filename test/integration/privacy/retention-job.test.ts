import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import { SETTLE_MS } from '../../../src/pipeline/index.js';
import { startRetentionJob } from '../../../src/privacy/index.js';
import { insertSession } from '../../../src/store/index.js';
import { DAY_MS, HOUR_MS } from '../../../src/time-units.js';
import { insertTestUser, sendTrackedMessage, signupAdmin } from '../../factories.js';
import { deliveredAgo } from '../../helpers/delivery.js';
import { testEngines } from '../../helpers/engines.js';
import type { HttpClient } from '../../helpers/http-client.js';
import { mailUrls, onServer } from '../../helpers/mail-urls.js';
import { startTestRelay, type TestRelay } from '../../helpers/smtp-relay.js';
import { testClock } from '../../helpers/test-clock.js';
import { startServiceOn, startTestService, type TestService } from '../../helpers/test-service.js';
import { useTestStore } from '../../helpers/test-store.js';

const SAFARI =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
const RETENTION_DAYS = 30;

/** The retention jobs in the table: one per hour of the clock, whoever queued it. */
async function retentionJobs(server: TestService) {
  return server.service.store.db
    .selectFrom('jobs')
    .select(['idempotencyKey', 'status', 'runAt'])
    .where('queue', '=', 'retention')
    .orderBy('runAt')
    .execute();
}

for (const engine of testEngines()) {
  describe(`the retention job (${engine})`, () => {
    let relay: TestRelay;
    let server: TestService;
    let browser: HttpClient;
    let admin: HttpClient;
    let messageId: string;
    let before_: { list: any; message: any; stats: any };

    const hit = async (url: string) => {
      const response = await fetch(onServer(url, server.url), {
        redirect: 'manual',
        headers: { 'x-forwarded-for': '93.40.12.7', 'user-agent': SAFARI },
      });
      await response.arrayBuffer();
      await server.service.idle();
    };
    /** What the sent list, the message page and the statistics show. */
    const shown = async () => ({
      list: (await admin.get('/api/v1/messages')).body.messages.map((m: any) => [
        m.id,
        m.recipients?.map((r: any) => [r.opens, r.clicks, r.machine]),
      ]),
      message: (await admin.get(`/api/v1/messages/${messageId}`)).body.recipients.map((r: any) => [
        r.email,
        r.opens,
        r.clicks,
        r.downloads,
        r.machine,
        r.lastEventAt,
      ]),
      stats: (await admin.get('/api/v1/stats/daily?days=30')).body,
    });

    before(async () => {
      relay = await startTestRelay();
      server = await startTestService(
        engine,
        {
          SMTP_URL: relay.url,
          TRUST_PROXY: 'true',
          EVENT_RETENTION_DAYS: String(RETENTION_DAYS),
        },
        { outbox: { pollMs: 50 }, notify: { clickSettleMs: SETTLE_MS } },
      );
      const signup = await signupAdmin(server.url, { name: 'Anna' });
      browser = signup.client;
      // An API key does not expire: the session the browser holds will, once the clock moves.
      const key = await browser.post('/api/v1/api-keys', { name: 'test' });
      admin = browser.withApiKey(key.body.key);
      const sent = await sendTrackedMessage(
        admin,
        { to: [{ email: 'reader@example.org' }, { email: 'other@example.org' }] },
        { relay },
      );
      messageId = sent.id;
      await server.service.idle();
      await deliveredAgo(server.service.store, messageId);
      for (const mail of relay.messages) {
        const urls = mailUrls(mail.parsed);
        await hit(urls.pixel);
        await hit(urls.clicks[0]!);
      }
      server.clock.advance(SETTLE_MS + 1);
      await server.service.idle();
      const note = await admin.post(`/api/v1/messages/${messageId}/chat`, { text: 'A note' });
      assert.equal(note.status, 201);
      before_ = await shown();
    });
    after(async () => {
      await server?.close();
      await relay?.close();
    });

    it('runs at start: the current hour is done, the next one is queued', async () => {
      const jobs = await retentionJobs(server);
      assert.equal(jobs.length, 2, JSON.stringify(jobs));
      assert.equal(jobs[0]!.status, 'done');
      assert.equal(jobs[1]!.status, 'pending');
      const hour = Math.floor(Number(jobs[0]!.runAt) / HOUR_MS);
      assert.deepEqual(
        jobs.map((j) => j.idempotencyKey),
        [`retention:${hour}`, `retention:${hour + 1}`],
      );
      assert.equal(Number(jobs[1]!.runAt), (hour + 1) * HOUR_MS);
      // Nothing was old enough: the tracking is all there.
      const events = (await admin.get(`/api/v1/messages/${messageId}/events`)).body.events;
      assert.ok(events.length >= 4, JSON.stringify(events));
    });

    it('an hour later, purges nothing that is within the period', async () => {
      server.clock.advance(HOUR_MS);
      await server.service.idle();
      const jobs = await retentionJobs(server);
      assert.deepEqual(
        jobs.map((j) => j.status),
        ['done', 'done', 'pending'],
      );
      assert.deepEqual(await shown(), before_);
      assert.ok((await admin.get(`/api/v1/messages/${messageId}/events`)).body.events.length >= 4);
    });

    it('once the period has passed, purges events, notifications, tracking lines and expired sessions, and the totals stay', async () => {
      server.clock.advance((RETENTION_DAYS + 1) * DAY_MS);
      await server.service.idle();

      const events = await admin.get(`/api/v1/messages/${messageId}/events`);
      assert.deepEqual(events.body.events, []);
      const notifications = await admin.get('/api/v1/notifications');
      assert.deepEqual(notifications.body.notifications, []);
      const chat = (await admin.get(`/api/v1/messages/${messageId}/chat`)).body.lines as any[];
      assert.deepEqual(
        chat.map((line) => line.kind),
        ['note'],
      );
      // The sent list, the message page and the statistics show the same totals.
      assert.deepEqual(await shown(), before_);
      // The browser's session expired with the clock, and is gone.
      assert.equal((await browser.get('/api/v1/auth/me')).status, 401);
      const sessions = await server.service.store.db.selectFrom('sessions').selectAll().execute();
      assert.deepEqual(sessions, []);

      const metrics = await fetch(new URL('/metrics', server.url)).then((r) => r.text());
      const events_ = /^mailbeacon_retention_deleted_total\{kind="events"\} (\d+)$/m.exec(metrics);
      assert.ok(events_ && Number(events_[1]) >= 4, metrics);
      assert.match(metrics, /^mailbeacon_retention_deleted_total\{kind="notifications"\} [1-9]/m);
      assert.match(metrics, /^mailbeacon_retention_deleted_total\{kind="chatLines"\} [1-9]/m);
      assert.match(metrics, /^mailbeacon_retention_deleted_total\{kind="sessions"\} 1$/m);
      assert.match(metrics, /^mailbeacon_retention_last_run_deleted\{kind="events"\} \d+$/m);
    });

    it('runs once for a clock moved on by many hours, not once per hour skipped', async () => {
      const jobs = await retentionJobs(server);
      assert.equal(jobs.filter((j) => j.status === 'pending').length, 1);
      assert.equal(jobs.filter((j) => j.status === 'done').length, 3);
    });
  });
}

if (testEngines().includes('postgres')) {
  describe('the retention job on several nodes over one PostgreSQL', () => {
    let first: TestService;
    let second: TestService;
    before(async () => {
      first = await startTestService('postgres', { EVENT_RETENTION_DAYS: '30' });
      second = await startServiceOn(first.database, { EVENT_RETENTION_DAYS: '30' });
    });
    after(async () => {
      await second?.close();
      await first?.close();
    });

    it('runs each hour once, on one node, whichever node queued it', async () => {
      for (let hour = 0; hour < 3; hour++) {
        first.clock.advance(HOUR_MS);
        second.clock.advance(HOUR_MS);
        await Promise.all([first.service.idle(), second.service.idle()]);
      }
      const jobs = await retentionJobs(first);
      const keys = jobs.map((j) => j.idempotencyKey);
      assert.equal(new Set(keys).size, keys.length, 'one job per hour');
      assert.ok(jobs.filter((j) => j.status === 'done').length >= 4, JSON.stringify(jobs));
      assert.equal(jobs.filter((j) => j.status === 'pending').length, 1, JSON.stringify(jobs));
    });
  });
}

for (const engine of testEngines()) {
  describe(`the retention job's log line (${engine})`, () => {
    const test = useTestStore(engine);

    it('says how many rows of each kind each run deleted', async () => {
      const lines: any[] = [];
      const stream = new Writable({
        write(chunk, _encoding, done) {
          lines.push(JSON.parse(String(chunk)));
          done();
        },
      });
      const log = pino({ level: 'info' }, stream) as unknown as FastifyBaseLogger;
      const clock = testClock();
      const user = await insertTestUser(test.store.db);
      await insertSession(test.store.db, {
        id: 'expired',
        userId: user.id,
        createdAt: clock() - 2 * DAY_MS,
        expiresAt: clock() - DAY_MS,
      });
      const reports: Record<string, number>[] = [];
      const job = await startRetentionJob({
        store: test.store,
        log,
        clock,
        retentionDays: RETENTION_DAYS,
        dropSpooledBefore: async () => 0,
        onPurged: (report) => reports.push(report),
      });
      try {
        await job.idle();
      } finally {
        await job.stop();
      }
      const done = lines.filter((line) => line.msg === 'retention purge done');
      assert.equal(done.length, 1);
      assert.equal(done[0].retentionDays, RETENTION_DAYS);
      assert.equal(done[0].deleted.sessions, 1);
      for (const kind of ['events', 'hits', 'spooledHits', 'notifications', 'chatLines']) {
        assert.equal(done[0].deleted[kind], 0, kind);
      }
      assert.deepEqual(reports, [done[0].deleted]);
    });
  });
}
