import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lineText, parseFact } from '../../../src/notify/index.js';
import { insertEventRows, listChatLines, newId } from '../../../src/store/index.js';
import { buildEventRow, insertTestMessage, insertTestUser } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { createTestDatabase } from '../../helpers/test-database.js';
import { testMigrator } from '../../helpers/test-migrator.js';
import { openTestStore } from '../../helpers/test-store.js';

/** The last migration before lines kept facts. */
const BEFORE = '2026_12_04_044000_shared_mailbox';
const T0 = Date.UTC(2026, 11, 3, 9);

for (const engine of testEngines()) {
  describe(`turning stored lines into facts (${engine})`, () => {
    it('reads old English rows back as facts that then read in Italian; what it cannot read stays as it was', async () => {
      const database = await createTestDatabase(engine);
      const store = await openTestStore(database, { migrate: false });
      try {
        const { plain, migrator } = testMigrator(database, store);
        assert.equal((await migrator.migrateTo(BEFORE)).error, undefined);
        const { db } = store;
        const sender = await insertTestUser(db, { name: 'Grace' });
        const { messageId, recipients } = await insertTestMessage(
          db,
          sender,
          ['ada@example.org'],
          {},
          ['searchText'],
        );
        const ada = recipients[0]!;
        const open = buildEventRow(ada, T0, { type: 'open' });
        await insertEventRows(db, [open]);
        const base = { message_id: messageId, workspace_id: sender.workspaceId, count: 1 };
        const chat = (id: string, at: number, kind: string, text: string, data: object | null) => ({
          ...base,
          id,
          at,
          author_id: kind === 'tracking' || kind === 'delivery' ? null : sender.id,
          kind,
          text,
          data: data === null ? null : JSON.stringify(data),
          fold_key: null,
          event_id: kind === 'tracking' ? open.id : null,
        });
        const expiresAt = new Date(Date.UTC(2027, 0, 1)).toISOString();
        await plain
          .insertInto('chat_lines')
          .values([
            chat(open.id, T0, 'tracking', 'ada@example.org opened «Offerta Q4» (2nd time)', {
              eventId: open.id,
              count: 1,
              type: 'open',
            }),
            chat(
              newId(T0 + 1),
              T0 + 1,
              'expiry',
              'Grace extended the link to q4.pdf until 1 January 2027',
              {
                attachmentId: 'a1',
                filename: 'q4.pdf',
                expiresAt,
                revoked: false,
              },
            ),
            chat(
              newId(T0 + 2),
              T0 + 2,
              'delivery',
              'Delivery to ada@example.org was rejected: 550 no such user',
              {
                recipientId: ada.id,
                email: ada.email,
                response: '550 no such user',
              },
            ),
            chat(newId(T0 + 3), T0 + 3, 'note', 'Call her tomorrow', null),
            chat(newId(T0 + 4), T0 + 4, 'expiry', 'Something else happened', {
              filename: 'q4.pdf',
            }),
          ])
          .execute();
        const notification = (id: string, type: string, text: string, eventId: string | null) => ({
          id,
          workspace_id: sender.workspaceId,
          user_id: sender.id,
          message_id: eventId === null ? null : messageId,
          event_id: eventId,
          type,
          text,
          at: T0,
          count: 1,
          fold_key: null,
          read: 0,
          seq: id,
        });
        const gone = newId(T0 + 9);
        await plain
          .insertInto('notifications')
          .values([
            notification(
              newId(T0),
              'open',
              'ada@example.org opened «Offerta Q4» (2nd time)',
              open.id,
            ),
            notification(
              newId(T0 + 5),
              'webhook_disabled',
              'Webhook https://hooks.example/… was disabled after 3 failed deliveries (last error: 500); create it again once the receiver works',
              null,
            ),
            // Its event was purged: nothing to read it back from.
            notification(gone, 'click', 'Ada clicked https://example.org', newId(T0 + 8)),
          ])
          .execute();

        assert.equal((await migrator.migrateToLatest()).error, undefined);

        const lines = await listChatLines(db, messageId);
        const read = (fact: string | null, language: 'en' | 'it') =>
          lineText(parseFact(fact!), language);
        assert.deepEqual(
          lines.map((line) => (line.fact === null ? line.text : read(line.fact, 'it'))),
          [
            'ada@example.org ha aperto «Offerta Q4» (2ª volta)',
            'Grace ha prolungato il link a q4.pdf fino al 1° gennaio 2027',
            'La consegna a ada@example.org è stata rifiutata: 550 no such user',
            'Call her tomorrow',
            'Something else happened',
          ],
        );
        assert.deepEqual(
          lines.map((line) => line.fact && parseFact(line.fact).kind),
          ['event', 'link_extended', 'delivery_rejected', null, 'legacy'],
        );
        assert.deepEqual(
          lines.map((line) => line.text),
          ['', '', '', 'Call her tomorrow', ''],
          'a chat line keeps a text for notes only',
        );
        assert.equal(read(lines[0]!.fact, 'en'), 'ada@example.org opened «Offerta Q4» (2nd time)');

        const notices = await db.selectFrom('notifications').selectAll().orderBy('id').execute();
        assert.deepEqual(
          notices.map((n) => [parseFact(n.fact).kind, read(n.fact, 'it')]),
          [
            ['event', 'ada@example.org ha aperto «Offerta Q4» (2ª volta)'],
            [
              'webhook_disabled',
              'Il webhook https://hooks.example/… è stato disattivato dopo 3 consegne non riuscite (ultimo errore: 500); ricrealo quando il destinatario funziona',
            ],
            ['legacy', 'Ada clicked https://example.org'],
          ],
        );
        assert.ok(!('text' in notices[0]!), 'notifications keep no sentence');
      } finally {
        await store.close();
        await database.drop();
      }
    });
  });
}
