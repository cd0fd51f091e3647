import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  findActiveApiKey,
  findApiKeyOwner,
  insertApiKey,
  isUniqueViolation,
  listActiveApiKeys,
  markApiKeyUsed,
  newId,
  revokeApiKey,
  type UserRow,
} from '../../../src/store/index.js';
import { insertTestUser } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

const T0 = Date.UTC(2026, 10, 30, 8);

const apiKey = (user: UserRow, createdAt: number, keyHash = `hash-${newId()}`) => ({
  id: newId(createdAt),
  workspaceId: user.workspaceId,
  userId: user.id,
  name: `key ${createdAt}`,
  keyHash,
  last4: keyHash.slice(-4),
  createdAt,
});

for (const engine of testEngines()) {
  describe(`the api_keys table (${engine})`, () => {
    const test = useTestStore(engine);

    it('finds an API key’s owner by hash until the key is revoked', async () => {
      const { db } = test.store;
      const user = await insertTestUser(db, { role: 'member' });
      const key = await insertApiKey(db, apiKey(user, T0, 'hash-1'));
      assert.deepEqual(await findApiKeyOwner(db, 'hash-1'), { keyId: key.id, user });
      assert.equal(await findApiKeyOwner(db, 'hash-2'), undefined);
      await revokeApiKey(db, key.id, T0 + 1);
      assert.equal(await findApiKeyOwner(db, 'hash-1'), undefined);
    });

    it('lists a user’s live keys oldest first as written, and finds one in its workspace only', async () => {
      const { db } = test.store;
      const user = await insertTestUser(db);
      const stranger = await insertTestUser(db);
      const newer = await insertApiKey(db, apiKey(user, T0 + 2000));
      const older = await insertApiKey(db, apiKey(user, T0));
      const revoked = await insertApiKey(db, apiKey(user, T0 + 1000));
      await insertApiKey(db, apiKey(stranger, T0));
      await revokeApiKey(db, revoked.id, T0 + 3000);
      await markApiKeyUsed(db, newer.id, T0 + 4000);

      const used = { ...newer, lastUsedAt: T0 + 4000 };
      assert.deepEqual(await listActiveApiKeys(db, user.id), [older, used]);
      assert.deepEqual(await findActiveApiKey(db, user.workspaceId, newer.id), used);
      assert.equal(await findActiveApiKey(db, stranger.workspaceId, newer.id), undefined);
      assert.equal(await findActiveApiKey(db, user.workspaceId, revoked.id), undefined);
    });

    it('refuses a second key with the same hash', async () => {
      const { db } = test.store;
      const user = await insertTestUser(db);
      await insertApiKey(db, apiKey(user, T0, 'hash-same'));
      await assert.rejects(insertApiKey(db, apiKey(user, T0 + 1, 'hash-same')), (e) =>
        isUniqueViolation(e),
      );
    });
  });
}
