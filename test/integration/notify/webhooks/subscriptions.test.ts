import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUserInWorkspace } from '../../../../src/accounts/index.js';
import { signupAdmin, signupMember } from '../../../factories.js';
import { testEngines } from '../../../helpers/engines.js';
import type { HttpClient } from '../../../helpers/http-client.js';
import { startTestService, type TestService } from '../../../helpers/test-service.js';
import { login, TEST_SERVICE_OPTIONS, type WebhookApi, webhookApi } from './harness.js';

const RECEIVER = 'http://127.0.0.1:9/hook';

for (const engine of testEngines()) {
  describe(`webhook subscriptions (${engine})`, () => {
    let server: TestService;
    let api: WebhookApi;
    let admin: HttpClient;
    let member: HttpClient;
    let outsider: HttpClient;

    before(async () => {
      server = await startTestService(
        engine,
        { WEBHOOK_ALLOW_PRIVATE: 'true' },
        TEST_SERVICE_OPTIONS,
      );
      const signedUp = await signupAdmin(server.url);
      api = await webhookApi(server, signedUp.client);
      admin = api.as(signedUp.client);
      member = api.as((await signupMember(signedUp.client)).client);
      // Another workspace, made the operator's way (the open signup is taken).
      await createUserInWorkspace(
        server.service.store.db,
        { email: 'other-admin@example.net', password: 'another-long-password', name: 'Other' },
        'Another workspace',
      );
      outsider = api.as(
        await login(server.url, 'other-admin@example.net', 'another-long-password'),
      );
    });
    after(async () => {
      await api.close();
      await server.close();
    });

    it('creates a subscription with a generated secret, in JSON by default', async () => {
      const created = await admin.post('/api/v1/webhooks', {
        url: RECEIVER,
        events: ['click', 'open', 'click'],
      });
      assert.equal(created.status, 201, created.text);
      assert.match(created.body.id, /^[0-9a-z]{26}$/);
      assert.equal(created.body.url, RECEIVER);
      assert.deepEqual(created.body.events, ['open', 'click']);
      assert.equal(created.body.format, 'json');
      assert.match(created.body.secret, /^whsec_[A-Za-z0-9_-]{43}$/);
      assert.equal(created.body.disabledAt, null);

      const again = await admin.post('/api/v1/webhooks', { url: RECEIVER, events: ['open'] });
      assert.notEqual(again.body.secret, created.body.secret, 'each gets its own secret');
    });

    it('keeps a given secret and the Slack format, and lists both with their secrets', async () => {
      const created = await admin.post('/api/v1/webhooks', {
        url: 'http://127.0.0.1:9/slack',
        events: ['download', 'expired_access', 'opt_out'],
        secret: 'my-own-secret-of-some-length',
        format: 'slack',
      });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.secret, 'my-own-secret-of-some-length');
      assert.equal(created.body.format, 'slack');
      const list = await admin.get('/api/v1/webhooks');
      assert.equal(list.status, 200);
      const listed = list.body.webhooks.find((w: any) => w.id === created.body.id);
      assert.deepEqual(listed, created.body);
      assert.ok(list.body.webhooks.every((w: any) => typeof w.secret === 'string'));
    });

    it('refuses bad URLs, unknown event types and formats with 400', async () => {
      for (const url of ['ftp://example.com/hook', 'not a url', 'https://user:pw@example.com/x']) {
        const reply = await admin.post('/api/v1/webhooks', { url, events: ['open'] });
        assert.equal(reply.status, 400, url);
        assert.equal(reply.body.error.code, 'webhook_url_invalid', url);
      }
      for (const body of [
        { url: RECEIVER, events: ['opened'] },
        { url: RECEIVER, events: [] },
        { url: RECEIVER },
        { url: RECEIVER, events: ['open'], format: 'teams' },
        { url: RECEIVER, events: ['open'], secret: 'short' },
        { url: RECEIVER, events: ['open'], extra: true },
      ]) {
        const reply = await admin.post('/api/v1/webhooks', body);
        assert.equal(reply.status, 400, JSON.stringify(body));
        assert.equal(reply.body.error.code, 'validation_failed', JSON.stringify(body));
      }
    });

    it('is for admins only: members get 403 on every route', async () => {
      const id = (await admin.get('/api/v1/webhooks')).body.webhooks[0].id;
      for (const reply of [
        await member.post('/api/v1/webhooks', { url: RECEIVER, events: ['open'] }),
        await member.get('/api/v1/webhooks'),
        await member.delete(`/api/v1/webhooks/${id}`),
        await member.get(`/api/v1/webhooks/${id}/deliveries`),
      ]) {
        assert.equal(reply.status, 403);
        assert.equal(reply.body.error.code, 'forbidden');
      }
      assert.ok((await admin.get('/api/v1/webhooks')).body.webhooks.some((w: any) => w.id === id));
    });

    it('keeps workspaces apart: another workspace’s subscription is 404', async () => {
      const id = (await admin.get('/api/v1/webhooks')).body.webhooks[0].id;
      assert.deepEqual((await outsider.get('/api/v1/webhooks')).body, { webhooks: [] });
      for (const reply of [
        await outsider.get(`/api/v1/webhooks/${id}/deliveries`),
        await outsider.delete(`/api/v1/webhooks/${id}`),
      ]) {
        assert.equal(reply.status, 404);
        assert.equal(reply.body.error.code, 'not_found');
      }
      assert.ok((await admin.get('/api/v1/webhooks')).body.webhooks.some((w: any) => w.id === id));
    });

    it('deletes a subscription: gone from the list, its log 404, a second delete 404', async () => {
      const created = await admin.post('/api/v1/webhooks', { url: RECEIVER, events: ['open'] });
      const log = await admin.get(`/api/v1/webhooks/${created.body.id}/deliveries`);
      assert.deepEqual(log.body, { deliveries: [], cursor: null });
      const deleted = await admin.delete(`/api/v1/webhooks/${created.body.id}`);
      assert.equal(deleted.status, 204);
      const list = (await admin.get('/api/v1/webhooks')).body.webhooks;
      assert.ok(!list.some((w: any) => w.id === created.body.id));
      assert.equal((await admin.get(`/api/v1/webhooks/${created.body.id}/deliveries`)).status, 404);
      assert.equal((await admin.delete(`/api/v1/webhooks/${created.body.id}`)).status, 404);
    });
  });

  describe(`webhook targets without WEBHOOK_ALLOW_PRIVATE (${engine})`, () => {
    let server: TestService;
    let api: WebhookApi;
    let admin: HttpClient;

    before(async () => {
      server = await startTestService(engine, {}, TEST_SERVICE_OPTIONS);
      const signedUp = await signupAdmin(server.url);
      api = await webhookApi(server, signedUp.client);
      admin = api.as(signedUp.client);
    });
    after(async () => {
      await api.close();
      await server.close();
    });

    it('refuses loopback, private and link-local targets with 403 webhook_target_forbidden', async () => {
      for (const url of [
        'http://127.0.0.1:9/hook',
        'http://localhost:3000/hook',
        'http://2130706433/',
        'http://0x7f.1/',
        'http://[::1]/hook',
        'http://[::ffff:127.0.0.1]/',
        'http://10.1.2.3/hook',
        'http://192.168.1.10/hook',
        'http://169.254.169.254/latest/meta-data/',
        'http://[fd00::1]/hook',
      ]) {
        const reply = await admin.post('/api/v1/webhooks', { url, events: ['click'] });
        assert.equal(reply.status, 403, url);
        assert.equal(reply.body.error.code, 'webhook_target_forbidden', url);
        assert.match(reply.body.error.message, /this machine|address/, url);
      }
      assert.deepEqual((await admin.get('/api/v1/webhooks')).body.webhooks, []);
    });

    it('refuses a host that does not resolve, and accepts a public address', async () => {
      const nowhere = await admin.post('/api/v1/webhooks', {
        url: 'https://hooks.nowhere.invalid/x',
        events: ['click'],
      });
      assert.equal(nowhere.status, 400);
      assert.equal(nowhere.body.error.code, 'webhook_target_unresolvable');
      const created = await admin.post('/api/v1/webhooks', {
        url: 'https://93.184.215.14/hook',
        events: ['click'],
      });
      assert.equal(created.status, 201, created.text);
    });
  });
}
