import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { sendTrackedMessage, signupAdmin } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import type { HttpClient } from '../../helpers/http-client.js';
import { type MailUrls, onServer } from '../../helpers/mail-urls.js';
import { startTestRelay, type TestRelay } from '../../helpers/smtp-relay.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';

const BROWSER =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/**
 * Sends raw bytes and returns the raw answer: for requests no HTTP client would send. Several
 * pieces are written one after the other, each once the server has read the one before (as a
 * request split over packets arrives).
 */
function rawRequest(url: string, ...pieces: string[]): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, async () => {
      for (const [i, piece] of pieces.entries()) {
        if (i > 0) await new Promise((r) => setImmediate(r));
        await new Promise<void>((r) => socket.write(piece, () => r()));
      }
    });
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
    });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

const isHtmlPage = (response: Response) =>
  /^text\/html/.test(response.headers.get('content-type') ?? '');

for (const engine of testEngines()) {
  describe(`the tracking endpoints are their own plugin, with no API hook (${engine})`, () => {
    let relay: TestRelay;
    let server: TestService;
    let admin: HttpClient;
    let urls: MailUrls;
    let messageId: string;

    before(async () => {
      relay = await startTestRelay();
      server = await startTestService(engine, { SMTP_URL: relay.url }, { outbox: { pollMs: 50 } });
      admin = (await signupAdmin(server.url, { name: 'Anna' })).client;
      const sent = await sendTrackedMessage(admin, {}, { relay });
      messageId = sent.id;
      urls = sent.urls();
    });
    after(async () => {
      await server.close();
      await relay.close();
    });

    for (const authorization of [
      'Basic bWFyaW86c2VncmV0bw==',
      'Bearer not-a-key',
      'Bearer mb_0000000000000000000000000000000000000000',
      'garbage',
    ]) {
      it(`answers a hit carrying "Authorization: ${authorization.split(' ')[0]} …" as any other`, async () => {
        const headers = { authorization, 'user-agent': BROWSER };
        const pixel = await fetch(onServer(urls.pixel, server.url), { headers });
        assert.equal(pixel.status, 200);
        assert.equal(pixel.headers.get('content-type'), 'image/gif');
        const click = await fetch(onServer(urls.clicks[0]!, server.url), {
          headers,
          redirect: 'manual',
        });
        assert.equal(click.status, 302);
        assert.equal(click.headers.get('location'), 'https://example.com/offer');
        const privacy = await fetch(onServer(urls.privacy!, server.url), { headers });
        assert.equal(privacy.status, 200);
        assert.ok(isHtmlPage(privacy));
      });
    }

    it('records those hits: the Authorization header changed nothing', async () => {
      await server.service.idle();
      const metrics = await (await fetch(new URL('/metrics', server.url))).text();
      assert.match(metrics, /^mailbeacon_pipeline_lag_seconds 0$/m, 'caught up, and says so');
      assert.match(metrics, /^mailbeacon_pipeline_processed_hits [1-9]/m);
      const events = (await admin.get(`/api/v1/messages/${messageId}/events`)).body.events;
      assert.equal(events.filter((e: any) => e.type === 'open' && !e.inferred).length, 4);
      assert.equal(events.filter((e: any) => e.type === 'click').length, 4);
    });

    it('answers Fastify’s own routing errors under /t with the recipient’s page, never JSON', async () => {
      const cases: [string, number][] = [
        ['/t/o/%zz', 400],
        ['/t/c/%E0%A4%A', 400],
        [`/t/o/${'A'.repeat(300)}`, 404],
        [`/t/c/${'x'.repeat(150)}`, 404],
        ['/t/o/', 404],
        ['/t/nothing-here', 404],
        ['/t/', 404],
      ];
      for (const [path, status] of cases) {
        const response = await fetch(new URL(path, server.url));
        assert.equal(response.status, status, path);
        assert.ok(isHtmlPage(response), `${path}: ${response.headers.get('content-type')}`);
        assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'/);
        const body = await response.text();
        assert.match(body, /<html/);
        assert.doesNotMatch(body, /"error"/);
      }
    });

    it('answers a body the download button never sends with a page, not JSON', async () => {
      const download = onServer(urls.download ?? urls.privacy!, server.url);
      for (const [type, body] of [
        ['application/json', '{not json'],
        ['application/x-unknown', 'x'],
      ]) {
        const response = await fetch(download, {
          method: 'POST',
          headers: { 'content-type': type! },
          body,
        });
        assert.ok(response.status >= 400 && response.status < 500, `${type}: ${response.status}`);
        assert.ok(isHtmlPage(response), type);
      }
    });

    it('answers a request with a malformed header line under /t with an HTML 400', async () => {
      const path = new URL(urls.pixel).pathname;
      const answer = await rawRequest(
        server.url,
        `GET ${path} HTTP/1.1\r\nHost: localhost\r\nBad Header Line\r\n\r\n`,
      );
      assert.match(answer, /^HTTP\/1\.1 400/);
      assert.match(answer, /content-type: text\/html/i);
      assert.doesNotMatch(answer, /"error"/);
      const api = await rawRequest(
        server.url,
        'GET /api/v1/messages HTTP/1.1\r\nHost: localhost\r\nBad Header Line\r\n\r\n',
      );
      assert.match(api, /^HTTP\/1\.1 400/);
      assert.match(api, /"error":\{"code":"bad_request"/);
    });

    it('answers a malformed request under /t with a page, whatever packets it came in', async () => {
      const path = new URL(urls.pixel).pathname;
      const cases = [
        // The bad line in a later packet than the request line.
        [`GET ${path} HTTP/1.1\r\nHost: localhost\r\n`, 'Bad Header Line\r\n\r\n'],
        // Headers far over the limit.
        [`GET ${path} HTTP/1.1\r\nHost: localhost\r\n`, `X-Big: ${'a'.repeat(100_000)}\r\n\r\n`],
        // The absolute form and a leading empty line.
        [`\r\nGET http://localhost${path} HTTP/1.1\r\nBad Header Line\r\n\r\n`],
      ];
      for (const pieces of cases) {
        const answer = await rawRequest(server.url, ...pieces);
        assert.match(answer, /^HTTP\/1\.1 4\d\d/, pieces[0]);
        assert.match(answer, /content-type: text\/html/i, pieces[0]);
        assert.doesNotMatch(answer, /"error"/);
      }
    });

    it('keeps the API’s JSON errors and its auth where they belong', async () => {
      const unknown = await fetch(new URL('/api/v1/nothing', server.url));
      assert.equal(unknown.status, 404);
      assert.equal(((await unknown.json()) as any).error.code, 'route_not_found');
      const badEscape = await fetch(new URL('/api/v1/messages/%zz', server.url));
      assert.equal(badEscape.status, 400);
      assert.equal(((await badEscape.json()) as any).error.code, 'bad_request');
      const garbage = await fetch(new URL('/api/v1/messages', server.url), {
        headers: { authorization: 'Bearer not-a-key' },
      });
      assert.equal(garbage.status, 401);
    });

    it('tells the sender’s own browser by its session cookie', async () => {
      const response = await fetch(onServer(urls.pixel, server.url), {
        headers: { cookie: admin.cookie!, 'user-agent': BROWSER },
      });
      assert.equal(response.status, 200);
      await server.service.idle();
      const events = (await admin.get(`/api/v1/messages/${messageId}/events`)).body.events;
      const last = events.filter((e: any) => e.type === 'open').at(-1);
      assert.equal(last.classification, 'self');
      assert.equal(last.reason, 'sender_session');
    });
  });
}
