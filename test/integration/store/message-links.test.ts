import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  findMessageLink,
  HONEYPOT_LINK_INDEX,
  insertMessageLinks,
  isUniqueViolation,
  listMessageLinks,
  listMessageLinksOf,
  newId,
} from '../../../src/store/index.js';
import { insertTestMessage, insertTestUser } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

for (const engine of testEngines()) {
  describe(`the message_links table (${engine})`, () => {
    const test = useTestStore(engine);

    it('lists each message’s links in their numbering, however they were written', async () => {
      const { db } = test.store;
      const sender = await insertTestUser(db);
      const { messageId: a } = await insertTestMessage(db, sender);
      const { messageId: b } = await insertTestMessage(db, sender);
      const link = (messageId: string, idx: number) => ({
        messageId,
        idx,
        url: `https://example.com/${messageId}/${idx}?utm=x&y=%20`,
      });
      await insertMessageLinks(db, [link(a, 2), link(a, 0), link(b, 0), link(a, 1)]);
      await insertMessageLinks(db, []);

      assert.deepEqual(await listMessageLinks(db, a), [link(a, 0), link(a, 1), link(a, 2)]);
      const none = newId();
      assert.deepEqual(
        await listMessageLinksOf(db, [b, a, none]),
        new Map([
          [b, [link(b, 0)]],
          [a, [link(a, 0), link(a, 1), link(a, 2)]],
          [none, []],
        ]),
      );
      assert.deepEqual(await listMessageLinksOf(db, []), new Map());
      assert.deepEqual(await findMessageLink(db, a, 1), { url: link(a, 1).url });
      assert.equal(await findMessageLink(db, b, 1), undefined);
      assert.equal(await findMessageLink(db, a, HONEYPOT_LINK_INDEX), undefined);
    });

    it('numbers a message’s links once', async () => {
      const { db } = test.store;
      const { messageId } = await insertTestMessage(db, await insertTestUser(db));
      await insertMessageLinks(db, [{ messageId, idx: 0, url: 'https://example.com/a' }]);
      await assert.rejects(
        insertMessageLinks(db, [{ messageId, idx: 0, url: 'https://example.com/b' }]),
        (e) => isUniqueViolation(e),
      );
    });
  });
}
