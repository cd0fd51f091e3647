import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { webAppRoutes } from '../../../src/api/index.js';
import { SPA_ROUTES } from '../../../src/api/web-app/spa-routes.js';

const INDEX = '<!doctype html><title>the app</title>';

describe('the web app’s addresses', () => {
  let root: string;
  let app: FastifyInstance;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'mailbeacon-web-'));
    await writeFile(join(root, 'index.html'), INDEX);
    app = Fastify();
    await app.register(webAppRoutes, { root });
  });
  after(async () => {
    await app.close();
    await rm(root, { recursive: true, force: true });
  });

  const get = (url: string) => app.inject({ method: 'GET', url });

  it('answers index.html, never cached, at each of the app’s addresses', async () => {
    for (const url of [
      '/',
      '/login',
      '/login?next=%2Fmessages',
      '/signup',
      '/messages',
      '/messages/',
      '/messages/m1',
      '/compose',
      '/compose/m1',
      '/overview',
      '/notifications',
      '/notifications?type=open&unread=true',
      '/settings',
      '/settings/',
      '/settings/webhooks',
      '/settings/a/b',
      '/dev-inbox',
    ]) {
      const reply = await get(url);
      assert.equal(reply.statusCode, 200, url);
      assert.equal(reply.body, INDEX, url);
      assert.equal(reply.headers['cache-control'], 'no-cache', url);
    }
  });

  it('answers index.html at every address of the list the app draws its pages from', async () => {
    for (const pattern of Object.values(SPA_ROUTES)) {
      const url = pattern.replace(/:\w+/g, 'x1').replace(/\*$/, 'section');
      assert.equal((await get(url)).body, INDEX, url);
    }
  });

  it('answers 404 anywhere else', async () => {
    for (const url of [
      '/nope',
      '/messages/m1/',
      '/messages/m1/more',
      '/compose/m1/more',
      '/overviews',
      '/api/v1/messages',
      '/t/o/x',
      '/dev/inbox',
      '/dev-inbox/x',
      '/index.html',
    ]) {
      assert.equal((await get(url)).statusCode, 404, url);
    }
  });
});
