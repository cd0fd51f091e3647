import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { APP_CSP } from './csp.js';
import { SPA_ROUTES } from './spa-routes.js';

export interface WebAppOptions {
  /** The built app: `web/dist`, holding index.html and assets/. */
  readonly root: string;
}

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Mailbeacon</title>
<p>The web app is not built yet: run <code>npm run build</code>.</p>`;

/**
 * Serves the React app: hashed assets for a year, and index.html (never cached, so a new build
 * is picked up at once) for each of the app's own addresses. The API, the tracking and dev
 * inbox pages and the operations endpoints keep their own routes and headers.
 */
export async function webAppRoutes(app: FastifyInstance, options: WebAppOptions): Promise<void> {
  const indexPath = join(options.root, 'index.html');
  // Read for each page load (a small file the OS keeps cached): a build made while the server
  // runs names new asset files, and the old index would point at ones that are gone.
  const loadIndex = () => readFile(indexPath).catch(() => undefined);

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('content-security-policy', APP_CSP);
    reply.header('x-content-type-options', 'nosniff');
    // same-origin, not no-referrer: with no-referrer a browser sends `Origin: null` on the
    // app's own POSTs, which the API refuses as cross-site.
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    return payload;
  });

  await app.register(fastifyStatic, {
    root: join(options.root, 'assets'),
    prefix: '/assets/',
    decorateReply: false,
    index: false,
    immutable: true,
    maxAge: '365d',
  });

  const sendIndex = async (reply: FastifyReply) => {
    const html = await loadIndex();
    return reply
      .status(html ? 200 : 503)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(html ?? NOT_BUILT);
  };
  for (const url of Object.values(SPA_ROUTES)) {
    app.get(url, { config: { access: 'public' }, schema: { hide: true } }, (_request, reply) =>
      sendIndex(reply),
    );
  }

  app.get(
    '/favicon.svg',
    { config: { access: 'public' }, schema: { hide: true } },
    async (_request, reply) => {
      const icon = await readFile(join(options.root, 'favicon.svg')).catch(() => undefined);
      if (!icon) return reply.status(404).type('text/plain').send('not found');
      return reply
        .type('image/svg+xml')
        .header('cache-control', 'public, max-age=86400')
        .send(icon);
    },
  );
}
