import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  findAttachmentNames,
  findAttachments,
  isUniqueViolation,
  newId,
} from '../../../src/store/index.js';
import { insertTestAttachment, insertTestUser } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

const byId = <T extends { id: string }>(rows: readonly T[]) =>
  [...rows].sort((a, b) => a.id.localeCompare(b.id));

for (const engine of testEngines()) {
  describe(`the attachments table (${engine})`, () => {
    const test = useTestStore(engine);

    it('finds a workspace’s attachments as written, and never another workspace’s', async () => {
      const { db } = test.store;
      const user = await insertTestUser(db);
      const stranger = await insertTestUser(db);
      const pdf = await insertTestAttachment(db, user, {
        filename: 'listino 2027.pdf',
        size: 3_000_000_000,
        createdAt: Date.UTC(2026, 10, 30, 8),
      });
      const png = await insertTestAttachment(db, user, {
        filename: 'logo.png',
        contentType: 'image/png',
      });
      const theirs = await insertTestAttachment(db, stranger);

      const found = await findAttachments(db, user.workspaceId, [pdf.id, png.id, theirs.id]);
      assert.deepEqual(byId(found), byId([pdf, png]));
      assert.equal(typeof found[0]?.size, 'number');
      assert.deepEqual(await findAttachments(db, stranger.workspaceId, [pdf.id]), []);
      assert.deepEqual(await findAttachments(db, user.workspaceId, []), []);
    });

    it('names attachments by id whatever their workspace, skipping unknown ids', async () => {
      const { db } = test.store;
      const a = await insertTestAttachment(db, await insertTestUser(db), { filename: 'a.pdf' });
      const b = await insertTestAttachment(db, await insertTestUser(db), { filename: 'b.txt' });
      assert.deepEqual(
        await findAttachmentNames(db, [a.id, b.id, newId()]),
        new Map([
          [a.id, 'a.pdf'],
          [b.id, 'b.txt'],
        ]),
      );
      assert.deepEqual(await findAttachmentNames(db, []), new Map());
    });

    it('refuses a second attachment with the same id', async () => {
      const { db } = test.store;
      const user = await insertTestUser(db);
      const row = await insertTestAttachment(db, user);
      await assert.rejects(insertTestAttachment(db, user, { id: row.id }), (e) =>
        isUniqueViolation(e),
      );
    });
  });
}
