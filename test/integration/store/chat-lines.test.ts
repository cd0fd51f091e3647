import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  insertChatLine,
  insertChatLinesOnce,
  listChatLines,
  newId,
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
        data: JSON.stringify({ n: 1 }),
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
  });
}
