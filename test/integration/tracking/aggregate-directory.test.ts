import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newTrackingId } from '../../../src/store/index.js';
import { TrackingDirectory } from '../../../src/tracking/index.js';
import { insertTestMessage, insertTestUser } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { createTestDatabase } from '../../helpers/test-database.js';
import { openTestStore } from '../../helpers/test-store.js';

const DAY = 86_400_000;

for (const engine of testEngines()) {
  describe(`the tracking directory's shared pixels (${engine})`, () => {
    it('starts warm with recent shared pixels, which then resolve without the database', async () => {
      const database = await createTestDatabase(engine);
      const store = await openTestStore(database);
      try {
        const sender = await insertTestUser(store.db);
        const now = Date.now();
        const recent = newTrackingId();
        const old = newTrackingId();
        const { messageId } = await insertTestMessage(store.db, sender, ['lucia@example.org'], {
          trackingPolicy: 'aggregate',
          aggregateId: recent,
          sentAt: now - DAY,
        });
        await insertTestMessage(store.db, sender, ['lucia@example.org'], {
          trackingPolicy: 'aggregate',
          aggregateId: old,
          sentAt: now - 60 * DAY,
        });
        const directory = new TrackingDirectory(store.db);
        await directory.warm(now);
        await store.close();
        // The database is gone: a warm pixel still resolves, an old one cannot be looked up.
        assert.equal((await directory.aggregate(recent))?.messageId, messageId);
        await assert.rejects(directory.aggregate(old));
      } finally {
        await database.drop();
      }
    });
  });
}
