import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  findSubmittedMessageId,
  insertSubmission,
  isUniqueViolation,
} from '../../../src/store/index.js';
import { insertTestMessage, insertTestUser } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

const T0 = Date.UTC(2026, 11, 4, 9);

for (const engine of testEngines()) {
  describe(`the submissions table (${engine})`, () => {
    const test = useTestStore(engine);

    it('finds a sender’s submission by its Message-ID as written; the pair is unique', async () => {
      const { db } = test.store;
      const anna = await insertTestUser(db);
      const luigi = await insertTestUser(db, { workspaceId: anna.workspaceId });
      const { messageId } = await insertTestMessage(db, anna);
      const header = '<CAF3a.x@mail.example.com>';
      await insertSubmission(db, {
        senderId: anna.id,
        messageIdHeader: header,
        workspaceId: anna.workspaceId,
        messageId,
        submittedAt: T0,
      });
      assert.equal(await findSubmittedMessageId(db, anna.id, header), messageId);
      assert.equal(await findSubmittedMessageId(db, anna.id, header.toLowerCase()), undefined);
      assert.equal(await findSubmittedMessageId(db, luigi.id, header), undefined, 'per sender');
      await assert.rejects(
        insertSubmission(db, {
          senderId: anna.id,
          messageIdHeader: header,
          workspaceId: anna.workspaceId,
          messageId,
          submittedAt: T0 + 1,
        }),
        isUniqueViolation,
      );
    });
  });
}
