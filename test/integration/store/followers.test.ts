import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  findFollower,
  followMessage,
  listListeningFollowersOf,
  newId,
  setMuted,
  unfollowMessage,
} from '../../../src/store/index.js';
import { insertTestMessage, insertTestUser } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

for (const engine of testEngines()) {
  describe(`the followers table (${engine})`, () => {
    const test = useTestStore(engine);

    it('follows a message once, and a mute keeps the follower but silences them', async () => {
      const { db } = test.store;
      const sender = await insertTestUser(db);
      const { messageId } = await insertTestMessage(db, sender);
      const key = { messageId, userId: sender.id, workspaceId: sender.workspaceId };
      await followMessage(db, key);
      await followMessage(db, key);
      const followed = await findFollower(db, messageId, sender.id);
      assert.deepEqual({ ...followed, createdAt: 0 }, { ...key, muted: 0, createdAt: 0 });
      assert.equal(typeof followed?.createdAt, 'number');

      await setMuted(db, key, true);
      assert.equal((await findFollower(db, messageId, sender.id))?.muted, 1);
      await followMessage(db, key);
      assert.equal(
        (await findFollower(db, messageId, sender.id))?.muted,
        1,
        'following again keeps the mute',
      );
      await setMuted(db, key, false);
      assert.equal((await findFollower(db, messageId, sender.id))?.muted, 0);

      await unfollowMessage(db, messageId, sender.id);
      assert.equal(await findFollower(db, messageId, sender.id), undefined);
      await unfollowMessage(db, messageId, sender.id);
    });

    it('muting a message one does not follow makes one a silent follower', async () => {
      const { db } = test.store;
      const sender = await insertTestUser(db);
      const colleague = await insertTestUser(db, { workspaceId: sender.workspaceId });
      const { messageId } = await insertTestMessage(db, sender);
      await setMuted(
        db,
        { messageId, userId: colleague.id, workspaceId: sender.workspaceId },
        true,
      );
      assert.equal((await findFollower(db, messageId, colleague.id))?.muted, 1);
      assert.deepEqual((await listListeningFollowersOf(db, [messageId])).get(messageId), []);
    });

    it('lists each message’s listening followers with their language, muted ones left out', async () => {
      const { db } = test.store;
      const sender = await insertTestUser(db, { language: 'it' });
      const { workspaceId } = sender;
      const [english, muted] = [
        await insertTestUser(db, { workspaceId, language: 'en' }),
        await insertTestUser(db, { workspaceId }),
      ];
      const { messageId: a } = await insertTestMessage(db, sender);
      const { messageId: b } = await insertTestMessage(db, sender);
      const { messageId: quiet } = await insertTestMessage(db, sender);
      for (const user of [sender, english, muted]) {
        await followMessage(db, { messageId: a, userId: user.id, workspaceId });
      }
      await setMuted(db, { messageId: a, userId: muted.id, workspaceId }, true);
      await followMessage(db, { messageId: b, userId: english.id, workspaceId });

      const listening = await listListeningFollowersOf(db, [a, b, quiet]);
      const expectedA = [
        { userId: sender.id, language: 'it' },
        { userId: english.id, language: 'en' },
      ].sort((x, y) => (x.userId < y.userId ? -1 : 1));
      assert.deepEqual(
        listening,
        new Map([
          [a, expectedA],
          [b, [{ userId: english.id, language: 'en' }]],
          [quiet, []],
        ]),
      );
      assert.deepEqual(await listListeningFollowersOf(db, []), new Map());
      const unknown = newId();
      assert.deepEqual(await listListeningFollowersOf(db, [unknown]), new Map([[unknown, []]]));
    });
  });
}
