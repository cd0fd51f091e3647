import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  findChatFoldTargets,
  insertChatLine,
  insertChatLinesOnce,
  listChatLines,
  newId,
  updateChatLine,
} from '../../../src/store/index.js';
import { insertTestMessage, insertTestUser } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

for (const engine of testEngines()) {
  describe(`the chat_lines table (${engine})`, () => {
    const test = useTestStore(engine);

    it('writes a system line once however often its job runs, and lists the chat in time order with names', async () => {
      const { db } = test.store;
      const sender = await insertTestUser(db);
      const { messageId } = await insertTestMessage(db, sender);
      const { workspaceId } = sender;
      const system = (id: string, at: number, text: string) => ({
        id,
        messageId,
        workspaceId,
        at,
        authorId: null,
        kind: 'tracking' as const,
        text,
        fact: null,
        data: JSON.stringify({ n: 1 }),
        foldKey: `r:${id}`,
        count: 1,
        eventId: id,
      });
      await insertChatLine(db, {
        id: newId(),
        messageId,
        workspaceId,
        at: 2000,
        authorId: sender.id,
        kind: 'note',
        text: 'Chiamalo domani',
        data: null,
      });
      await insertChatLinesOnce(db, [
        system('line-b', 3000, 'Mario opened'),
        system('line-a', 1000, 'Mario clicked'),
      ]);
      // The same job again (a retry after a crash), with a line rewritten: nothing changes.
      await insertChatLinesOnce(db, [
        system('line-a', 1000, 'rewritten'),
        system('line-b', 3000, 'rewritten'),
      ]);
      await insertChatLinesOnce(db, []);

      const lines = await listChatLines(db, messageId);
      assert.deepEqual(
        lines.map((line) => [line.at, line.kind, line.text, line.authorName]),
        [
          [1000, 'tracking', 'Mario clicked', null],
          [2000, 'note', 'Chiamalo domani', sender.name],
          [3000, 'tracking', 'Mario opened', null],
        ],
      );
      assert.equal(lines[0]!.data, '{"n":1}');
      assert.deepEqual(await listChatLines(db, newId()), []);
    });

    it('finds the tracking lines repeats may fold into, newest first, and updates one', async () => {
      const { db } = test.store;
      const sender = await insertTestUser(db);
      const { messageId } = await insertTestMessage(db, sender);
      const line = (id: string, at: number, foldKey: string) => ({
        id,
        messageId,
        workspaceId: sender.workspaceId,
        at,
        authorId: null,
        kind: 'tracking' as const,
        text: id,
        data: null,
        foldKey,
        count: 1,
        eventId: id,
      });
      await insertChatLinesOnce(db, [
        line('fold-old', 1000, 'k1'),
        line('fold-new', 5000, 'k1'),
        line('fold-other', 6000, 'k2'),
        line('fold-gone', 500, 'k1'),
      ]);
      // A note has no fold key: nothing folds into it.
      await insertChatLine(db, { ...line('note', 7000, 'k1'), kind: 'note', foldKey: null });
      const found = await findChatFoldTargets(db, ['k1'], 1000);
      assert.deepEqual(
        found.map((l) => l.id),
        ['fold-new', 'fold-old'],
      );
      assert.deepEqual(await findChatFoldTargets(db, [], 0), []);
      await updateChatLine(db, 'fold-new', {
        fact: 'three',
        at: 9000,
        count: 3,
        eventId: 'e3',
        data: '{"count":3}',
      });
      const [updated] = await findChatFoldTargets(db, ['k1'], 8000);
      assert.deepEqual(
        [updated!.id, updated!.fact, updated!.at, updated!.count, updated!.eventId],
        ['fold-new', 'three', 9000, 3, 'e3'],
      );
    });
  });
}
