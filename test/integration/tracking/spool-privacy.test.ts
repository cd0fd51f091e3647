import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sendTrackedMessage, signupAdmin } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { onServer } from '../../helpers/mail-urls.js';
import { startTestRelay } from '../../helpers/smtp-relay.js';
import { startTestService } from '../../helpers/test-service.js';

const REFERER_PATH = '/mail/u/0/inbox/read/anna.verdi@example.org';
const REFERER = `https://webmail.example.net${REFERER_PATH}?folder=private#msg-42`;

/** Each client address, and what each TRACKING_IP keeps of it. */
const CLIENTS = [
  { ip: '203.0.113.77', anonymize: '203.0.113.0' },
  { ip: '2001:db8:abcd:12:34::1', anonymize: '2001:db8:abcd::' },
  { ip: '::ffff:198.51.100.9', anonymize: '198.51.100.0', full: '198.51.100.9' },
];

for (const engine of testEngines()) {
  describe(`the spool keeps what the hit log keeps (${engine})`, () => {
    for (const mode of ['anonymize', 'full', 'none'] as const) {
      it(`holds each address as TRACKING_IP=${mode} keeps it, and the Referer's origin only`, async () => {
        const relay = await startTestRelay();
        const server = await startTestService(engine, {
          SMTP_URL: relay.url,
          TRACKING_IP: mode,
          TRUST_PROXY: 'true',
        });
        try {
          const { client } = await signupAdmin(server.url);
          const sent = await sendTrackedMessage(client, {}, { relay });
          const urls = sent.urls();
          // A first hit puts the copy in memory, so hits are answered without the database.
          assert.equal((await fetch(onServer(urls.pixel, server.url))).status, 200);
          await server.service.idle();
          await server.service.store.close();

          for (const { ip } of CLIENTS) {
            const headers = { 'x-forwarded-for': ip, referer: REFERER, accept: 'image/*' };
            const pixel = await fetch(onServer(urls.pixel, server.url), { headers });
            assert.equal(pixel.status, 200);
            const click = await fetch(onServer(urls.clicks[0]!, server.url), {
              headers,
              redirect: 'manual',
            });
            assert.equal(click.status, 302);
          }

          const file = join(server.database.dataDir, 'spool', 'hits.jsonl');
          assert.equal(statSync(file).mode & 0o777, 0o600, 'the spool is private');
          const text = readFileSync(file, 'utf8');
          const hits = text
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line));
          assert.equal(hits.length, CLIENTS.length * 2);
          for (const [index, hit] of hits.entries()) {
            const client = CLIENTS[Math.floor(index / 2)]!;
            const kept =
              mode === 'none'
                ? null
                : mode === 'full'
                  ? (client.full ?? client.ip)
                  : client.anonymize;
            assert.equal(hit.ip, kept, `${client.ip} under ${mode}`);
            assert.equal(JSON.parse(hit.headers).referer, 'https://webmail.example.net');
          }
          for (const needle of ['/mail/u/0', 'anna.verdi', 'folder=private', 'msg-42']) {
            assert.ok(!text.includes(needle), `the spool holds ${needle}`);
          }
          if (mode !== 'full') {
            for (const { ip } of CLIENTS) assert.ok(!text.includes(ip), `the spool holds ${ip}`);
            assert.ok(!text.includes('198.51.100.9'));
          }
        } finally {
          await server.close().catch(() => {});
          await relay.close();
        }
      });
    }
  });
}
