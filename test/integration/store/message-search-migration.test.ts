import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { messageSearchText } from '../../../src/mail/index.js';
import { parseAddresses } from '../../../src/store/index.js';
import { buildMessageRow, insertTestUser } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { createTestDatabase } from '../../helpers/test-database.js';
import { testMigrator } from '../../helpers/test-migrator.js';
import { openTestStore } from '../../helpers/test-store.js';

/** The last migration before messages kept a search text. */
const BEFORE = '2026_12_04_060000_line_facts';
/** More messages than the migration reads at a time (500). */
const MANY = 501;

for (const engine of testEngines()) {
  describe(`giving every message its search text (${engine})`, () => {
    it('writes what messageSearchText writes today, for every message, drafts included', async () => {
      const database = await createTestDatabase(engine);
      const store = await openTestStore(database, { migrate: false });
      try {
        const { migrator } = testMigrator(database, store);
        assert.equal((await migrator.migrateTo(BEFORE)).error, undefined);
        const sender = await insertTestUser(store.db);
        const rows = Array.from({ length: MANY }, (_, i) => {
          const { searchText, ...row } = buildMessageRow(sender, {
            status: i === 0 ? 'draft' : 'sent',
            subject: i === 0 ? 'Bozza per la CITTÀ' : `Offerta n. ${i} — STRAẞE`,
            toList: JSON.stringify([{ email: `José.Ünal+${i}@Example.org`, name: 'José Ünal' }]),
            ccList: JSON.stringify([{ email: 'cc@example.org' }]),
            bccList: i === 1 ? JSON.stringify([{ email: 'Bcc@Example.org', name: 'Σοφία' }]) : '[]',
          });
          return row;
        });
        // The messages table as it was: no search text.
        await (store.db as Kysely<any>).insertInto('messages').values(rows).execute();
        assert.equal((await migrator.migrateToLatest()).error, undefined);

        const stored = await store.db.selectFrom('messages').selectAll().execute();
        assert.equal(stored.length, MANY);
        for (const message of stored) {
          const expected = messageSearchText({
            subject: message.subject,
            to: parseAddresses(message.toList),
            cc: parseAddresses(message.ccList),
            bcc: parseAddresses(message.bccList),
          });
          assert.equal(message.searchText, expected, message.subject);
        }
        const draft = stored.find((m) => m.status === 'draft');
        assert.equal(
          draft?.searchText,
          'bozza per la citta\njose.unal+0@example.org\njose unal\ncc@example.org',
        );
      } finally {
        await store.close();
        await database.drop();
      }
    });
  });
}
