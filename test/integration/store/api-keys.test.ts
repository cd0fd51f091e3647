import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findApiKeyOwner, insertApiKey, newId, revokeApiKey } from '../../../src/store/index.js';
import { insertTestUser } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

for (const engine of testEngines()) {
  describe(`the api_keys table (${engine})`, () => {
    const test = useTestStore(engine);

    it('finds an API key’s owner by hash until the key is revoked', async () => {
      const { db } = test.store;
      const user = await insertTestUser(db, { role: 'member' });
      const key = await insertApiKey(db, {
        id: newId(),
        workspaceId: user.workspaceId,
        userId: user.id,
        name: 'k',
        keyHash: 'hash-1',
        last4: 'abcd',
        createdAt: Date.now(),
      });
      assert.equal((await findApiKeyOwner(db, 'hash-1'))?.user.id, user.id);
      await revokeApiKey(db, key.id, Date.now());
      assert.equal(await findApiKeyOwner(db, 'hash-1'), undefined);
    });
  });
}
