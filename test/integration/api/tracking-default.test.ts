import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findUserByEmail } from '../../../src/store/index.js';
import { effectiveTrackingDefault } from '../../../src/workspace/index.js';
import { signupAdmin, signupMember } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { bodyOf, type HttpClient } from '../../helpers/http-client.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';

// Issue 16, point 3: the workspace's `trackingDefault`, each user's override, and new messages
// starting from them when their author says nothing.

const message = (tracking?: { enabled?: boolean }) => ({
  to: [{ email: 'luisa@example.org' }],
  subject: 'Starting point',
  text: 'Hello',
  ...(tracking ? { tracking } : {}),
});

for (const engine of testEngines()) {
  describe(`the tracking default (${engine})`, () => {
    let server: TestService;
    let admin: HttpClient;
    let member: Awaited<ReturnType<typeof signupMember>>;

    before(async () => {
      server = await startTestService(engine);
      admin = (await signupAdmin(server.url)).client;
      member = await signupMember(admin);
    });
    after(async () => {
      await server?.close();
    });

    /** Whether a new message from `client` starts tracked, for each way of saying nothing. */
    async function startsTracked(client: HttpClient): Promise<boolean> {
      const omitted = bodyOf(await client.post('/api/v1/messages', message()));
      const empty = bodyOf(await client.post('/api/v1/messages', message({})));
      assert.equal(omitted.tracking.enabled, empty.tracking.enabled);
      return omitted.tracking.enabled;
    }

    const explicit = async (client: HttpClient, enabled: boolean) =>
      bodyOf(await client.post('/api/v1/messages', message({ enabled }))).tracking.enabled;

    /** The effective default as other modules read it (SMTP submission calls this). */
    const moduleSays = async () => {
      const user = await findUserByEmail(server.service.store.db, member.input.email);
      return effectiveTrackingDefault(server.service.store.db, user!);
    };

    it('is off for a workspace that never set it, as messages were before', async () => {
      const settings = bodyOf(await admin.get('/api/v1/workspace/settings'), 200);
      assert.equal(settings.trackingDefault, false);
      const me = bodyOf(await member.client.get('/api/v1/auth/me'), 200);
      assert.equal(me.user.trackingDefault, null, 'the member follows the workspace');
      assert.equal(me.trackingDefault, false);
      assert.equal(await startsTracked(member.client), false);
      assert.equal(await explicit(member.client, true), true, 'an explicit choice wins');
      assert.equal(await moduleSays(), false);
    });

    it('starts new messages tracked once an admin switches it on; explicit false still wins', async () => {
      const patched = await admin.patch('/api/v1/workspace/settings', { trackingDefault: true });
      assert.equal(patched.status, 200, patched.text);
      assert.equal(patched.body.trackingDefault, true);
      const refused = await member.client.patch('/api/v1/workspace/settings', {
        trackingDefault: false,
      });
      assert.equal(refused.status, 403, 'members read the setting, admins change it');
      const read = bodyOf(await member.client.get('/api/v1/workspace/settings'), 200);
      assert.equal(read.trackingDefault, true);

      assert.equal(bodyOf(await member.client.get('/api/v1/auth/me'), 200).trackingDefault, true);
      assert.equal(await startsTracked(member.client), true);
      assert.equal(await explicit(member.client, false), false);
      assert.equal(await moduleSays(), true);
      // A draft changed without `tracking` keeps what it has.
      const draft = bodyOf(
        await member.client.post('/api/v1/messages', message({ enabled: false })),
      );
      const changed = await member.client.patch(`/api/v1/messages/${draft.id}`, { subject: 'x' });
      assert.equal(changed.body.tracking.enabled, false);
    });

    it('follows the user’s own choice over the workspace’s, and the workspace again after null', async () => {
      const off = await member.client.patch('/api/v1/auth/me', { trackingDefault: false });
      assert.equal(off.status, 200, off.text);
      assert.equal(off.body.user.trackingDefault, false);
      assert.equal(off.body.trackingDefault, false);
      assert.equal(await startsTracked(member.client), false);
      assert.equal(await moduleSays(), false);
      assert.equal(await startsTracked(admin), true, 'a colleague still follows the workspace');

      bodyOf(await admin.patch('/api/v1/workspace/settings', { trackingDefault: false }), 200);
      const on = bodyOf(
        await member.client.patch('/api/v1/auth/me', { trackingDefault: true }),
        200,
      );
      assert.equal(on.trackingDefault, true);
      assert.equal(await startsTracked(member.client), true);

      const follow = bodyOf(
        await member.client.patch('/api/v1/auth/me', { trackingDefault: null }),
        200,
      );
      assert.equal(follow.user.trackingDefault, null);
      assert.equal(follow.trackingDefault, false);
      assert.equal(await startsTracked(member.client), false);
      // Changing one's name leaves the choice alone.
      bodyOf(await member.client.patch('/api/v1/auth/me', { trackingDefault: true }), 200);
      const renamed = bodyOf(
        await member.client.patch('/api/v1/auth/me', { name: 'Renamed' }),
        200,
      );
      assert.equal(renamed.user.trackingDefault, true);
    });

    it('refuses a tracking default that is not true, false or null: 400', async () => {
      const reply = await member.client.patch('/api/v1/auth/me', { trackingDefault: 'yes' });
      assert.equal(reply.status, 400);
      assert.equal(reply.body.error.code, 'validation_failed');
      const settings = await admin.patch('/api/v1/workspace/settings', { trackingDefault: 'yes' });
      assert.equal(settings.status, 400);
    });
  });
}
