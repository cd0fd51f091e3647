import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUserInWorkspace } from '../../../src/accounts/index.js';
import { signupAdmin } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { HttpClient, type Reply } from '../../helpers/http-client.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';

for (const engine of testEngines()) {
  describe(`one message, one workspace (${engine})`, () => {
    let server: TestService;
    let admin: HttpClient;
    let outsider: HttpClient;
    let messageId: string;

    before(async () => {
      server = await startTestService(engine);
      admin = (await signupAdmin(server.url)).client;
      const created = await admin.post('/api/v1/messages', {
        to: [{ email: 'mario@example.org' }],
        subject: 'Acme only',
        text: 'hello',
      });
      assert.equal(created.status, 201, created.text);
      messageId = created.body.id;
      // Another workspace, made the operator's way (the open signup is taken).
      await createUserInWorkspace(
        server.service.store.db,
        { email: 'other@example.net', password: 'another-long-password', name: 'Other' },
        'Another workspace',
      );
      outsider = new HttpClient(server.url);
      const login = await outsider.post('/api/v1/auth/login', {
        email: 'other@example.net',
        password: 'another-long-password',
      });
      assert.equal(login.status, 200, login.text);
    });
    after(() => server.close());

    /** Every route on one message, each as `client` calls it. */
    const routes: [string, (client: HttpClient) => Promise<Reply>][] = [
      ['read', (c) => c.get(`/api/v1/messages/${messageId}`)],
      ['edit', (c) => c.patch(`/api/v1/messages/${messageId}`, { subject: 'Taken' })],
      ['chat', (c) => c.get(`/api/v1/messages/${messageId}/chat`)],
      ['note', (c) => c.post(`/api/v1/messages/${messageId}/chat`, { text: 'hi' })],
      ['events', (c) => c.get(`/api/v1/messages/${messageId}/events`)],
      ['follow', (c) => c.put(`/api/v1/messages/${messageId}/follow`)],
      ['unfollow', (c) => c.delete(`/api/v1/messages/${messageId}/follow`)],
      ['mute', (c) => c.put(`/api/v1/messages/${messageId}/notifications`, { muted: true })],
      [
        'attachment link',
        (c) =>
          c.patch(`/api/v1/messages/${messageId}/attachments/00000000000000000000000000`, {
            revoked: true,
          }),
      ],
      ['delete', (c) => c.delete(`/api/v1/messages/${messageId}`)],
      ['send', (c) => c.post(`/api/v1/messages/${messageId}/send`)],
    ];

    it('is 404 on every route to another workspace, as if it never was', async () => {
      for (const [name, call] of routes) {
        const reply = await call(outsider);
        assert.equal(reply.status, 404, `${name}: ${reply.text}`);
        assert.equal(reply.body.error.code, 'not_found', name);
        assert.equal(reply.body.error.message, 'No such message', name);
      }
      const mine = await admin.get(`/api/v1/messages/${messageId}`);
      assert.equal(mine.status, 200);
      assert.equal(mine.body.subject, 'Acme only');
      assert.equal(mine.body.status, 'draft');
    });
  });
}
