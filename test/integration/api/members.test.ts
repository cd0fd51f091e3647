import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sendTrackedMessage, signupAdmin, signupMember } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { HttpClient } from '../../helpers/http-client.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';

for (const engine of testEngines()) {
  describe(`removing a member from the workspace (${engine})`, () => {
    let server: TestService;
    let admin: Awaited<ReturnType<typeof signupAdmin>>;

    before(async () => {
      server = await startTestService(engine);
      admin = await signupAdmin(server.url);
    });
    after(async () => {
      await server?.close();
    });

    it('ends the member’s sessions and keys, refuses their login, keeps their messages', async () => {
      const member = await signupMember(admin.client);
      const key = await member.client.post('/api/v1/api-keys', { name: 'scripts' });
      assert.equal(key.status, 201, key.text);
      const sent = await sendTrackedMessage(member.client, { subject: 'From the member' });

      const removed = await admin.client.delete(`/api/v1/workspace/members/${member.user.id}`);
      assert.equal(removed.status, 204, removed.text);

      assert.equal((await member.client.get('/api/v1/auth/me')).status, 401, 'the session ended');
      const byKey = new HttpClient(server.url);
      byKey.apiKey = key.body.key;
      assert.equal((await byKey.get('/api/v1/auth/me')).status, 401, 'the key was revoked');
      const login = await new HttpClient(server.url).post('/api/v1/auth/login', {
        email: member.input.email,
        password: member.input.password,
      });
      assert.equal(login.status, 401);
      assert.equal(login.body.error.code, 'invalid_credentials', 'told like a wrong password');

      const members = (await admin.client.get('/api/v1/workspace/members')).body.members as any[];
      assert.ok(!members.some((m) => m.id === member.user.id), 'no longer listed');
      const message = await admin.client.get(`/api/v1/messages/${sent.id}`);
      assert.equal(message.status, 200, 'their message stays');
      assert.equal(message.body.subject, 'From the member');
    });

    it('refuses an admin removing themselves (409), a member removing anyone (403), and unknown or removed ids (404)', async () => {
      const self = await admin.client.delete(`/api/v1/workspace/members/${admin.user.id}`);
      assert.equal(self.status, 409);
      assert.equal(self.body.error.code, 'member_is_self');

      const member = await signupMember(admin.client);
      const other = await signupMember(admin.client);
      const byMember = await member.client.delete(`/api/v1/workspace/members/${other.user.id}`);
      assert.equal(byMember.status, 403);

      const unknown = await admin.client.delete(
        '/api/v1/workspace/members/01unknownunknownunknownun',
      );
      assert.equal(unknown.status, 404);
      assert.equal(
        (await admin.client.delete(`/api/v1/workspace/members/${other.user.id}`)).status,
        204,
      );
      const again = await admin.client.delete(`/api/v1/workspace/members/${other.user.id}`);
      assert.equal(again.status, 404, 'already removed');
      // The one who was refused is still a member.
      assert.equal((await member.client.get('/api/v1/auth/me')).status, 200);
    });
  });
}
