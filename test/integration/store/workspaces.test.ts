import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  findWorkspaceById,
  findWorkspaceByName,
  insertWorkspace,
  isUniqueViolation,
  newId,
  updateWorkspaceSettings,
} from '../../../src/store/index.js';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

for (const engine of testEngines()) {
  describe(`the workspaces table (${engine})`, () => {
    const test = useTestStore(engine);

    it('gives a workspace back as written, its time a number and its settings the empty default', async () => {
      const { db } = test.store;
      const createdAt = Date.UTC(2026, 10, 27, 12, 0, 0, 123);
      const inserted = await insertWorkspace(db, { id: newId(), name: 'Numbers', createdAt });
      assert.deepEqual(inserted, { id: inserted.id, name: 'Numbers', settings: '{}', createdAt });
      const found = await findWorkspaceById(db, inserted.id);
      assert.deepEqual(found, inserted);
      assert.equal(typeof found?.createdAt, 'number');
      assert.deepEqual(await findWorkspaceByName(db, 'Numbers'), inserted);
      assert.equal(await findWorkspaceById(db, newId()), undefined);
      assert.equal(await findWorkspaceByName(db, 'numbers'), undefined, 'names match exactly');
    });

    it('keeps names unique, reporting the violation alike on both engines', async () => {
      const { db } = test.store;
      await insertWorkspace(db, { id: newId(), name: 'Taken', createdAt: 1 });
      await assert.rejects(insertWorkspace(db, { id: newId(), name: 'Taken', createdAt: 2 }), (e) =>
        isUniqueViolation(e),
      );
    });

    it('replaces one workspace’s settings and leaves the others’ alone', async () => {
      const { db } = test.store;
      const a = await insertWorkspace(db, { id: newId(), name: 'Settings A', createdAt: 1 });
      const b = await insertWorkspace(db, { id: newId(), name: 'Settings B', createdAt: 1 });
      await updateWorkspaceSettings(db, a.id, '{"tracking":false}');
      assert.equal((await findWorkspaceById(db, a.id))?.settings, '{"tracking":false}');
      assert.equal((await findWorkspaceById(db, b.id))?.settings, '{}');
    });
  });
}
