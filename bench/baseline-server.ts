/**
 * The baselines, each in its own process: what bare Node (`node`) or bare Fastify (`fastify`)
 * serve for the same answers as the tracking endpoints, doing nothing else — no token, no
 * lookup, no database.
 *
 *   GET [/t]/o/<anything>  → 200, a 43-byte GIF, the pixel's cache headers
 *   GET [/t]/c/<anything>  → 302 to a fixed URL, the click's headers
 *
 * The optional /t prefix lets the bench send a baseline the very requests it sends Mailbeacon.
 *
 * Usage: node --import tsx bench/baseline-server.ts node|fastify
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { announce, stopWhenAsked } from './lib/child-protocol.mjs';

/** The classic transparent 1×1 GIF (43 bytes). */
const GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
const NO_STORE = 'no-store, no-cache, must-revalidate, private';
const TARGET = 'https://shop.example.com/offerta?id=42&ref=mail#prezzi';

async function bareNode(): Promise<void> {
  const server = createServer((request, response) => {
    const url = request.url ?? '';
    // Past an optional /t, read in place: no new string per request on the baseline's path.
    const from = url.startsWith('/t/') ? 2 : 0;
    if (url.startsWith('/o/', from)) {
      response.writeHead(200, {
        'content-type': 'image/gif',
        'content-length': GIF.length,
        'cache-control': NO_STORE,
        pragma: 'no-cache',
        expires: '0',
      });
      response.end(GIF);
    } else if (url.startsWith('/c/', from)) {
      response.writeHead(302, {
        location: TARGET,
        'content-length': 0,
        'cache-control': NO_STORE,
        'referrer-policy': 'no-referrer',
      });
      response.end();
    } else {
      response.writeHead(404, { 'content-length': 0 });
      response.end();
    }
  });
  // As Fastify's default, so that neither side drops an idle keep-alive connection first.
  server.keepAliveTimeout = 72_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  announce({ address: `http://127.0.0.1:${port}`, kind: 'node' });
  stopWhenAsked(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
}

async function bareFastify(): Promise<void> {
  const app = Fastify({ logger: false });
  // Synchronous handlers that send: the cheapest way Fastify answers.
  for (const prefix of ['', '/t']) {
    app.get(`${prefix}/o/:token`, (_request, reply) => {
      reply
        .header('content-type', 'image/gif')
        .header('cache-control', NO_STORE)
        .header('pragma', 'no-cache')
        .header('expires', '0')
        .send(GIF);
    });
    app.get(`${prefix}/c/:token`, (_request, reply) => {
      reply
        .status(302)
        .header('location', TARGET)
        .header('cache-control', NO_STORE)
        .header('referrer-policy', 'no-referrer')
        .send();
    });
  }
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  announce({ address, kind: 'fastify' });
  stopWhenAsked(() => app.close());
}

const kind = process.argv[2];
if (kind === 'node') await bareNode();
else if (kind === 'fastify') await bareFastify();
else {
  process.stderr.write('usage: baseline-server.ts node|fastify\n');
  process.exit(64);
}
