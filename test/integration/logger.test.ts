import assert from 'node:assert/strict';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { sendTrackedMessage, signupAdmin } from '../factories.js';
import { cliDatabaseEnv, serveCli } from '../helpers/cli.js';
import { testEngines } from '../helpers/engines.js';
import { HttpClient } from '../helpers/http-client.js';
import { onServer } from '../helpers/mail-urls.js';
import { startTestRelay } from '../helpers/smtp-relay.js';
import { createTestDatabase } from '../helpers/test-database.js';

const IPV4 = '203.0.113.77';
const IPV6 = '2001:db8:abcd:12:34::1';
const READERS = ['JOSÉ.Ünal@ext.example', 'mario.rossi+news@example.org'];
const REFERER =
  'https://webmail.example.net/inbox/read/mario.rossi+news@example.org?folder=secret-folder';

/** Paths holding an address in the forms a review found logged verbatim, and what they leak. */
const REVIEWED_PATHS = [
  '/api/v1/messages/"lee%20bianchi"@x.example',
  '/api/v1/messages/katerina@192.168.1.1',
  '/api/v1/messages/katerina@[10.1.2.3]',
  '/api/v1/messages/annalisa%2540b.example',
  "/api/v1/messages/o'brienne@x.example",
];
const REVIEWED_LEAKS = ['bianchi', 'katerina', '192.168.1.1', '10.1.2.3', 'annalisa', 'brienne'];

/** The forms an address takes in a URL or a log line. */
function spellings(address: string): string[] {
  return [
    address,
    address.toLowerCase(),
    encodeURIComponent(address),
    encodeURIComponent(address.toLowerCase()),
    address.split('@')[0]!,
    encodeURIComponent(address.split('@')[0]!),
  ];
}

/** The token of a tracking URL: what must never reach a log. */
const tokenOf = (url: string) => new URL(url).pathname.split('/')[3]!;

const CASES = [
  { level: 'info', trackingIp: 'anonymize' },
  { level: 'debug', trackingIp: 'full' },
  { level: 'debug', trackingIp: 'none' },
] as const;

for (const engine of testEngines()) {
  describe(`what the logs keep (${engine})`, () => {
    for (const { level, trackingIp } of CASES) {
      it(`carries no address, full IP, Referer path or token at ${level}, TRACKING_IP=${trackingIp}`, async () => {
        const relay = await startTestRelay();
        const database = await createTestDatabase(engine);
        const env = {
          ...(await cliDatabaseEnv(database)),
          SMTP_URL: relay.url,
          SECRET: 'l'.repeat(40),
          TRUST_PROXY: 'true',
          TRACKING_IP: trackingIp,
          LOG_LEVEL: level,
        };
        const server = await serveCli(env);
        let stderr = '';
        server.child.stderr?.on('data', (chunk) => {
          stderr += chunk;
        });
        let exited = false;
        try {
          const { client } = await signupAdmin(server.url);
          const sent = await sendTrackedMessage(
            client,
            { to: READERS.map((email) => ({ email })) },
            { relay },
          );
          const tokens: string[] = [];
          for (const [index, reader] of READERS.entries()) {
            const urls = sent.urls(reader);
            tokens.push(tokenOf(urls.pixel), tokenOf(urls.clicks[0]!), tokenOf(urls.privacy!));
            const headers = {
              'x-forwarded-for': index === 0 ? IPV4 : IPV6,
              referer: REFERER,
              'user-agent': `Mozilla/5.0 (reader ${reader})`,
            };
            for (const url of [urls.pixel, urls.clicks[0]!, urls.privacy!]) {
              const answer = await fetch(onServer(url, server.url), {
                headers,
                redirect: 'manual',
              });
              assert.ok(answer.status < 400, `${url}: ${answer.status}`);
            }
            // Refused hits log at debug: a forged token, a bad escape, an unknown kind.
            for (const path of [
              `/t/o/${tokenOf(urls.pixel).slice(0, -4)}AAAA`,
              `/t/c/${tokenOf(urls.clicks[0]!)}%E0%A4%A`,
              `/t/x/${tokenOf(urls.pixel)}?email=${encodeURIComponent(reader)}`,
            ]) {
              const answer = await fetch(new URL(path, server.url), { headers });
              assert.ok(
                answer.status === 400 || answer.status === 404,
                `${path}: ${answer.status}`,
              );
            }
          }
          // The API, with addresses in paths and query strings, answered and refused.
          const api = { 'x-forwarded-for': IPV4, referer: REFERER };
          for (const reader of READERS) {
            const entry = encodeURIComponent(reader);
            const added = await client.post('/api/v1/do-not-track', { entry: reader });
            assert.equal(added.status, 201, added.text);
            const removed = await client.request('DELETE', `/api/v1/do-not-track/${entry}`, {
              headers: api,
            });
            assert.ok(removed.status < 500, removed.text);
            for (const [method, path] of [
              ['DELETE', `/api/v1/recipients/${entry}`],
              ['GET', `/api/v1/messages?cursor=${entry}&limit=x`],
              ['GET', `/api/v1/messages/${entry}`],
              ['GET', `/api/v1/consents/${entry}`],
              ['GET', `/api/v1/events.csv?email=${entry}`],
              ['POST', `/api/v1/auth/password-reset?email=${entry}`],
            ] as const) {
              const answer = await client.request(method, path, { headers: api });
              assert.ok(answer.status < 500, `${method} ${path}: ${answer.status}`);
            }
            const stranger = await new HttpClient(server.url).request(
              'GET',
              `/api/v1/do-not-track?email=${entry}`,
              { headers: api },
            );
            assert.equal(stranger.status, 401);
            const malformed = await client.request('POST', `/api/v1/messages?to=${entry}`, {
              rawBody: `{"to": [{"email": "${reader}"`,
              headers: api,
            });
            assert.equal(malformed.status, 400);
          }
          // The forms the review found logged verbatim (issue 13 point 5).
          for (const path of REVIEWED_PATHS) {
            const answer = await client.request('GET', path, { headers: api });
            assert.ok(answer.status < 500, `GET ${path}: ${answer.status}`);
          }
          server.child.kill('SIGTERM');
          await once(server.child, 'exit');
          exited = true;

          const log = server.output();
          if (process.env.MB_LOG_COPY) writeFileSync(process.env.MB_LOG_COPY, log);
          const lines = log.split('\n').filter((line) => line.trim() !== '');
          for (const line of lines) JSON.parse(line);
          if (level === 'debug') {
            const completed = lines.filter((line) => line.includes('"request completed"'));
            assert.ok(completed.length > 10, 'debug logs each API request');
            assert.ok(log.includes('"tracking request refused"'));
            assert.ok(log.includes('/api/v1/do-not-track/[redacted]'));
            assert.ok(log.includes('/api/v1/messages?[query]'));
            // The address as TRACKING_IP keeps it, and never whole, even when it is `full`.
            if (trackingIp === 'none') assert.doesNotMatch(log, /"ip":/);
            else assert.ok(log.includes('"ip":"203.0.113.0"'), 'an anonymised address');
          }
          const session = client.cookie!.split(';')[0]!.split('=')[1]!;
          const forbidden = [
            IPV4,
            IPV6,
            session,
            ...READERS.flatMap(spellings),
            ...REVIEWED_LEAKS,
            '/inbox/read',
            'secret-folder',
            'webmail.example.net',
            ...tokens,
            'remoteAddress',
            'remotePort',
            '"headers"',
            'Mozilla/5.0',
          ];
          if (trackingIp === 'none') forbidden.push('203.0.113.0', '2001:db8:abcd::');
          for (const needle of forbidden) {
            assert.ok(!log.includes(needle), `the log holds ${JSON.stringify(needle)}`);
          }
        } catch (error) {
          // What the server said, to tell its failure from the test's.
          const said = `${server.output().slice(-3000)}\n${stderr.slice(-3000)}`;
          (error as Error).message += `\n--- the server's output:\n${said}`;
          throw error;
        } finally {
          if (!exited) server.child.kill('SIGKILL');
          await database.drop();
          await relay.close();
        }
      });
    }
  });
}
