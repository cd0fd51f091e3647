import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sendTrackedMessage, signupAdmin, TRACKED_LINK } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { HttpClient } from '../../helpers/http-client.js';
import { onServer } from '../../helpers/mail-urls.js';
import { startTestRelay } from '../../helpers/smtp-relay.js';
import { createTestDatabase } from '../../helpers/test-database.js';
import { startServiceOn } from '../../helpers/test-service.js';

for (const engine of testEngines()) {
  describe(`hits while the database is away (${engine})`, () => {
    it('answers every hit, spools what it cannot record, and writes it after a restart', async () => {
      const relay = await startTestRelay();
      const database = await createTestDatabase(engine);
      const env = { SMTP_URL: relay.url, SECRET: 's'.repeat(40) };
      const first = await startServiceOn(database, env, { outbox: { pollMs: 100 } });
      let second: Awaited<ReturnType<typeof startServiceOn>> | undefined;
      try {
        const { client, input } = await signupAdmin(first.url);
        const sent = await sendTrackedMessage(
          client,
          { to: [{ email: 'mario@example.org' }, { email: 'Lucía.Núñez@example.org' }] },
          { relay },
        );
        const urls = sent.urls('mario@example.org');
        // Lucía's copy is never looked up before the database goes: not in memory.
        const coldPixel = sent.urls('Lucía.Núñez@example.org').pixel;
        // A first hit puts the copy and its link in memory.
        assert.equal((await fetch(onServer(urls.pixel, first.url))).status, 200);

        await first.service.store.close();
        const pixel = await fetch(onServer(urls.pixel, first.url));
        assert.equal(pixel.status, 200);
        assert.equal(pixel.headers.get('content-type'), 'image/gif');
        const click = await fetch(onServer(urls.clicks[0]!, first.url), { redirect: 'manual' });
        assert.equal(click.status, 302, 'a click keeps redirecting without the database');
        assert.equal(click.headers.get('location'), TRACKED_LINK);
        const cold = await fetch(onServer(coldPixel, first.url));
        assert.equal(cold.status, 200, 'a copy not in memory still gets its pixel');
        assert.equal(cold.headers.get('content-type'), 'image/gif');
        const forged = await fetch(
          onServer(
            coldPixel.replace(/.(?=[^/]*$)/, (c) => (c === 'A' ? 'B' : 'A')),
            first.url,
          ),
        );
        assert.equal(
          forged.status,
          404,
          'a token that is not ours is refused without the database',
        );

        const spool = join(database.dataDir, 'spool', 'hits.jsonl');
        assert.ok(existsSync(spool));
        const spooled = readFileSync(spool, 'utf8');
        assert.equal(spooled.trim().split('\n').length, 3, 'two hits and one to complete later');
        assert.ok(!spooled.includes('127.0.0.1'), 'the spool keeps the address anonymised');
        assert.ok(spooled.includes('127.0.0.0'));
        const metrics = await new HttpClient(first.url).get('/metrics');
        assert.match(metrics.text, /mailbeacon_tracking_record_failures_total\{type="open"\} 2/);
        assert.match(metrics.text, /mailbeacon_tracking_record_failures_total\{type="click"\} 1/);
        await first.close();

        second = await startServiceOn(database, env, { outbox: { pollMs: 100 } });
        assert.equal(existsSync(spool), false, 'the spool was written and emptied at start');
        const again = new HttpClient(second.url);
        const login = await again.post('/api/v1/auth/login', {
          email: input.email,
          password: input.password,
        });
        assert.equal(login.status, 200, login.text);
        await second.service.idle();
        const reply = await again.get(`/api/v1/messages/${sent.id}/events`);
        assert.equal(reply.status, 200, reply.text);
        const events = reply.body.events;
        const of = (email: string) =>
          events.filter((e: any) => e.recipient.email === email).map((e: any) => e.type);
        assert.deepEqual(of('mario@example.org'), ['open', 'open', 'click']);
        assert.deepEqual(of('Lucía.Núñez@example.org'), ['open'], 'completed from its token');
        const view = (await again.get(`/api/v1/messages/${sent.id}`)).body;
        // Each spooled hit counted once, wherever its label puts it.
        const [mario, lucia] = view.recipients;
        assert.equal(mario.opens + mario.machine.opens, 2);
        assert.equal(mario.clicks + mario.machine.clicks, 1);
        assert.equal(lucia.opens + lucia.machine.opens, 1);
      } finally {
        await second?.close();
        if (!second) await first.close().catch(() => {});
        await database.drop();
        await relay.close();
      }
    });
  });
}
