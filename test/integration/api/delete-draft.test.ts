import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUserInWorkspace } from '../../../src/accounts/index.js';
import { signupAdmin, uploadAttachment } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { bodyOf, HttpClient } from '../../helpers/http-client.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';

// Issue 16, point 1: DELETE /api/v1/messages/:id deletes a draft with its attachments, and
// nothing another message holds.

const draftOf = (attachments: string[] = []) => ({
  to: [{ email: 'luisa@example.org' }],
  subject: 'A draft to throw away',
  text: 'Never mind.',
  attachments,
});

for (const engine of testEngines()) {
  describe(`deleting a draft (${engine})`, () => {
    let server: TestService;
    let ada: HttpClient;

    before(async () => {
      server = await startTestService(engine);
      ada = (await signupAdmin(server.url)).client;
    });
    after(async () => {
      await server?.close();
    });

    /** Whether the blob store still has the bytes under `key`. */
    async function blobKept(key: string): Promise<boolean> {
      const opened = await server.service.app.blobs.open(key);
      opened?.stream.destroy();
      return opened !== undefined;
    }

    async function upload(client: HttpClient, name: string, content: string) {
      return bodyOf(await uploadAttachment(client, name, content)) as { id: string };
    }

    const sha256Of = async (id: string) => {
      const row = await server.service.store.db
        .selectFrom('attachments')
        .select('sha256')
        .where('id', '=', id)
        .executeTakeFirst();
      return row?.sha256;
    };

    it('answers 204, and the draft, its attachment row and its bytes are gone', async () => {
      const file = await upload(ada, 'quote.pdf', '%PDF only this draft’s bytes');
      const key = await sha256Of(file.id);
      assert.ok(key && (await blobKept(key)));
      const draft = bodyOf(await ada.post('/api/v1/messages', draftOf([file.id])));

      const deleted = await ada.delete(`/api/v1/messages/${draft.id}`);
      assert.equal(deleted.status, 204, deleted.text);
      assert.equal(deleted.text, '');
      assert.equal((await ada.get(`/api/v1/messages/${draft.id}`)).status, 404);
      const drafts = (await ada.get('/api/v1/messages?status=draft')).body.messages;
      assert.ok(!drafts.some((m: { id: string }) => m.id === draft.id));
      assert.equal(await sha256Of(file.id), undefined, 'the attachment row');
      assert.equal(await blobKept(key), false, 'the bytes');

      const again = await ada.delete(`/api/v1/messages/${draft.id}`);
      assert.equal(again.status, 404);
      assert.equal(again.body.error.code, 'not_found');
    });

    it('keeps equal bytes another draft’s file holds, and a file a sent message holds', async () => {
      const same = '%PDF the same bytes in two uploads';
      const mine = await upload(ada, 'mine.pdf', same);
      const theirs = await upload(ada, 'theirs.pdf', same);
      const key = await sha256Of(mine.id);
      assert.equal(key, await sha256Of(theirs.id), 'equal bytes are stored once');
      const shared = await upload(ada, 'shared.pdf', '%PDF a file in a draft and a sent mail');
      const sharedKey = (await sha256Of(shared.id))!;

      const other = bodyOf(await ada.post('/api/v1/messages', draftOf([theirs.id])));
      const sent = bodyOf(
        await ada.post('/api/v1/messages', { ...draftOf([shared.id]), send: true }),
      );
      await server.service.idle();
      const draft = bodyOf(await ada.post('/api/v1/messages', draftOf([mine.id, shared.id])));

      assert.equal((await ada.delete(`/api/v1/messages/${draft.id}`)).status, 204);
      assert.equal(await sha256Of(mine.id), undefined, 'its own file row goes');
      assert.ok(key && (await blobKept(key)), 'the bytes stay: the other draft’s file has them');
      assert.equal(await sha256Of(shared.id), sharedKey, 'the sent message’s file row stays');
      assert.ok(await blobKept(sharedKey));
      const otherNow = bodyOf(await ada.get(`/api/v1/messages/${other.id}`), 200);
      assert.deepEqual(
        otherNow.attachments.map((a: { id: string }) => a.id),
        [theirs.id],
      );
      const sentNow = bodyOf(await ada.get(`/api/v1/messages/${sent.id}`), 200);
      assert.deepEqual(
        sentNow.attachments.map((a: { id: string }) => a.id),
        [shared.id],
      );

      // The other draft goes too: now nothing holds the bytes.
      assert.equal((await ada.delete(`/api/v1/messages/${other.id}`)).status, 204);
      assert.equal(await blobKept(key!), false);
    });

    it('refuses a sent message (409 message_sent) and deletes nothing', async () => {
      const sent = bodyOf(await ada.post('/api/v1/messages', { ...draftOf(), send: true }));
      const refused = await ada.delete(`/api/v1/messages/${sent.id}`);
      assert.equal(refused.status, 409);
      assert.equal(refused.body.error.code, 'message_sent');
      assert.equal((await ada.get(`/api/v1/messages/${sent.id}`)).status, 200);
      await server.service.idle();
    });

    it('answers another workspace 404 and leaves the draft as it was', async () => {
      const file = await upload(ada, 'private.pdf', '%PDF Ada’s own');
      const draft = bodyOf(await ada.post('/api/v1/messages', draftOf([file.id])));
      // Another workspace, made the operator's way (the open signup is taken).
      const login = { email: 'bob@elsewhere.example', password: 'another-long-password' };
      await createUserInWorkspace(server.service.store.db, { ...login, name: 'Bob' }, 'Elsewhere');
      const bob = new HttpClient(server.url);
      bodyOf(await bob.post('/api/v1/auth/login', login), 200);
      const foreign = await bob.delete(`/api/v1/messages/${draft.id}`);
      assert.equal(foreign.status, 404);
      assert.equal(foreign.body.error.code, 'not_found');
      const kept = bodyOf(await ada.get(`/api/v1/messages/${draft.id}`), 200);
      assert.equal(kept.attachments[0].id, file.id);
      assert.ok(await blobKept((await sha256Of(file.id))!));
    });
  });
}
