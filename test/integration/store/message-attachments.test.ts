import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  listMessageAttachments,
  newId,
  replaceMessageAttachments,
  setAttachmentExpiry,
  updateMessageAttachment,
} from '../../../src/store/index.js';
import { insertTestAttachment, insertTestMessage, insertTestUser } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

const T0 = Date.UTC(2026, 10, 30, 12);

for (const engine of testEngines()) {
  describe(`the message_attachments table (${engine})`, () => {
    const test = useTestStore(engine);

    it('replaces a message’s attachments, keeping the new order, with their rows joined in', async () => {
      const { db } = test.store;
      const sender = await insertTestUser(db);
      const { messageId } = await insertTestMessage(db, sender);
      const { messageId: otherMessage } = await insertTestMessage(db, sender);
      const [a, b, c] = await Promise.all(
        ['a.pdf', 'b.pdf', 'c.pdf'].map((filename) =>
          insertTestAttachment(db, sender, { filename }),
        ),
      );
      await replaceMessageAttachments(db, messageId, [a!.id, b!.id]);
      await replaceMessageAttachments(db, otherMessage, [a!.id]);
      await replaceMessageAttachments(db, messageId, [c!.id, b!.id]);

      const links = { expiresAt: null, revokedAt: null };
      assert.deepEqual(await listMessageAttachments(db, messageId), [
        { ...c, ...links },
        { ...b, ...links },
      ]);
      assert.deepEqual(await listMessageAttachments(db, otherMessage), [{ ...a, ...links }]);
      await replaceMessageAttachments(db, otherMessage, []);
      assert.deepEqual(await listMessageAttachments(db, otherMessage), []);
    });

    it('sets the links’ expiry for the whole message, then extends or revokes one link', async () => {
      const { db } = test.store;
      const sender = await insertTestUser(db);
      const { messageId } = await insertTestMessage(db, sender);
      const { messageId: otherMessage } = await insertTestMessage(db, sender);
      const a = await insertTestAttachment(db, sender);
      const b = await insertTestAttachment(db, sender);
      await replaceMessageAttachments(db, messageId, [a.id, b.id]);
      await replaceMessageAttachments(db, otherMessage, [a.id]);

      await setAttachmentExpiry(db, messageId, T0);
      assert.equal(await updateMessageAttachment(db, messageId, a.id, { expiresAt: T0 + 5 }), true);
      assert.equal(await updateMessageAttachment(db, messageId, b.id, { revokedAt: T0 + 1 }), true);
      assert.equal(await updateMessageAttachment(db, messageId, newId(), { revokedAt: T0 }), false);

      const states = async (id: string) =>
        (await listMessageAttachments(db, id)).map((row) => [row.id, row.expiresAt, row.revokedAt]);
      assert.deepEqual(await states(messageId), [
        [a.id, T0 + 5, null],
        [b.id, T0, T0 + 1],
      ]);
      assert.deepEqual(await states(otherMessage), [[a.id, null, null]], 'another message');

      assert.equal(await updateMessageAttachment(db, messageId, b.id, { revokedAt: null }), true);
      assert.deepEqual((await states(messageId))[1], [b.id, T0, null], 'restored');
    });
  });
}
