import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  addToMessageAggregates,
  findAggregateMessage,
  findMessageById,
  findTrackingPolicies,
  listRecentAggregateMessages,
  newId,
  newTrackingId,
  type UserRow,
} from '../../../src/store/index.js';
import { insertTestMessage, insertTestUser } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

const DAY = 86_400_000;

for (const engine of testEngines()) {
  describe(`messages under a tracking policy (${engine})`, () => {
    const test = useTestStore(engine);
    let sender: UserRow;
    const now = Date.UTC(2026, 11, 2, 12);
    const ids: Record<'old' | 'recent' | 'newest' | 'notice' | 'draft', string> = {
      old: '',
      recent: '',
      newest: '',
      notice: '',
      draft: '',
    };
    const aggregateIds = { old: newTrackingId(), recent: newTrackingId(), newest: newTrackingId() };

    before(async () => {
      const { db } = test.store;
      sender = await insertTestUser(db);
      for (const [name, sentAt] of [
        ['old', now - 40 * DAY],
        ['recent', now - 2 * DAY],
        ['newest', now - DAY],
      ] as const) {
        const { messageId } = await insertTestMessage(db, sender, ['lucia@example.org'], {
          id: newId(sentAt),
          trackingPolicy: 'aggregate',
          aggregateId: aggregateIds[name],
          sentAt,
          subject: `Listino ${name}`,
        });
        ids[name] = messageId;
      }
      ids.notice = (
        await insertTestMessage(db, sender, ['ada@example.org'], { sentAt: now })
      ).messageId;
      ids.draft = (
        await insertTestMessage(db, sender, ['ada@example.org'], {
          status: 'draft',
          sentAt: null,
          trackingPolicy: null,
        })
      ).messageId;
    });

    it('finds a message by its shared pixel’s id, with its workspace’s name, and nothing for another id', async () => {
      const { db } = test.store;
      const found = await findAggregateMessage(db, aggregateIds.recent);
      assert.equal(found?.messageId, ids.recent);
      assert.equal(found?.aggregateId, aggregateIds.recent);
      assert.equal(found?.subject, 'Listino recent');
      assert.match(found?.workspaceName ?? '', /^Workspace /);
      assert.equal(await findAggregateMessage(db, newTrackingId()), undefined);
    });

    it('lists the shared pixels of mail sent since a time, newest first, up to a limit', async () => {
      const { db } = test.store;
      const recent = await listRecentAggregateMessages(db, now - 30 * DAY, 10);
      assert.deepEqual(
        recent.map((m) => m.messageId),
        [ids.newest, ids.recent],
      );
      assert.deepEqual(
        (await listRecentAggregateMessages(db, 0, 1)).map((m) => m.messageId),
        [ids.newest],
      );
    });

    it('adds to each message’s open totals, people apart from machines', async () => {
      const { db } = test.store;
      await addToMessageAggregates(
        db,
        new Map([
          [ids.recent, { opens: 2, machineOpens: 1 }],
          [ids.newest, { opens: 0, machineOpens: 0 }],
        ]),
      );
      await addToMessageAggregates(db, new Map([[ids.recent, { opens: 1, machineOpens: 0 }]]));
      const recent = await findMessageById(db, ids.recent);
      assert.deepEqual([recent?.aggregateOpens, recent?.aggregateMachineOpens], [3, 1]);
      const newest = await findMessageById(db, ids.newest);
      assert.deepEqual([newest?.aggregateOpens, newest?.aggregateMachineOpens], [0, 0]);
    });

    it('tells the policy each message was sent under, null for a draft, nothing for an unknown id', async () => {
      const policies = await findTrackingPolicies(test.store.db, [
        ids.recent,
        ids.notice,
        ids.draft,
        ids.recent,
        newId(),
      ]);
      assert.deepEqual(Object.fromEntries(policies), {
        [ids.recent]: 'aggregate',
        [ids.notice]: 'notice',
        [ids.draft]: null,
      });
      assert.deepEqual(await findTrackingPolicies(test.store.db, []), new Map());
    });
  });
}
