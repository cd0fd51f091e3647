import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import {
  type Db,
  insertCopies,
  insertEventRows,
  newId,
  type RecipientRow,
  type UserRow,
  ZERO_COUNTERS,
} from '../../../src/store/index.js';
import { buildEventRow, buildMessageRow, insertTestUser } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { createTestDatabase } from '../../helpers/test-database.js';
import { testMigrator } from '../../helpers/test-migrator.js';
import { openTestStore } from '../../helpers/test-store.js';

/** The last migration before addresses were keyed. */
const BEFORE = '2026_12_01_000000_blob_chunks';
const T0 = Date.UTC(2026, 10, 30, 9);

/** A sent message to `emails`, written as the schema was before `email_key` existed. */
async function insertOldMessage(
  db: Db,
  sender: UserRow,
  emails: readonly string[],
  optedOutAt: number | null = null,
): Promise<Omit<RecipientRow, 'emailKey' | 'erasedAt' | 'replied'>[]> {
  // The messages table as it was too: without the tracking policy's later columns.
  const {
    trackingPolicy,
    aggregateId,
    aggregateOpens,
    aggregateMachineOpens,
    searchText,
    ...message
  } = buildMessageRow(sender, { createdAt: T0, sentAt: T0 });
  await (db as Kysely<any>).insertInto('messages').values(message).execute();
  const recipients = emails.map((email, position) => ({
    id: newId(T0),
    messageId: message.id,
    workspaceId: sender.workspaceId,
    copyId: newId(T0),
    email,
    name: null,
    kind: 'to' as const,
    position,
    tracked: 1,
    notTrackedReason: null,
    trackingId: randomBytes(8).toString('base64url'),
    delivery: 'sent' as const,
    smtpResponse: null,
    ...ZERO_COUNTERS,
    lastEventAt: null,
    optedOutAt,
  }));
  await insertCopies(
    db,
    recipients.map((r) => ({
      id: r.copyId,
      messageId: message.id,
      workspaceId: sender.workspaceId,
      tracked: 1,
      messageIdHeader: `<${r.copyId}@example.net>`,
      status: 'sent' as const,
      attempts: 1,
      smtpResponse: '250 OK',
      lastAttemptAt: T0,
      sentAt: T0,
    })),
    [],
  );
  // The recipients table as it was, without email_key.
  await (db as Kysely<any>).insertInto('recipients').values(recipients).execute();
  return recipients;
}

for (const engine of testEngines()) {
  describe(`keying addresses and starting the opt-out log (${engine})`, () => {
    it('keys recipients and the list in JavaScript, merges spellings, restores lost opt-outs, back-fills the proof', async () => {
      const database = await createTestDatabase(engine);
      const store = await openTestStore(database, { migrate: false });
      try {
        const { plain, migrator } = testMigrator(database, store);
        assert.equal((await migrator.migrateTo(BEFORE)).error, undefined);
        const { db } = store;
        const admin = await insertTestUser(db, { role: 'admin' });
        const other = await insertTestUser(db, { role: 'admin' });
        const ws = admin.workspaceId;

        // José opted out from the first copy (SQLite's lower() left the second unmarked);
        // Straße's opt-out entry was deleted by an admin, though her copy stays marked.
        const [jose] = await insertOldMessage(db, admin, ['JOSÉ.Ünal@Bücher.Example'], T0 + 1);
        const [joseAgain, cyrillic] = await insertOldMessage(db, admin, [
          'josé.ünal@xn--bcher-kva.example',
          'j\u043esé.ünal@bücher.example',
        ]);
        const [strasse] = await insertOldMessage(db, admin, ['STRAẞE@example.org'], T0 + 2);
        const [theirs] = await insertOldMessage(db, other, ['josé.ünal@bücher.example']);
        await insertEventRows(db, [
          buildEventRow({ ...jose!, emailKey: '', erasedAt: null, replied: 0 }, T0 + 1, {
            type: 'opt_out',
          }),
          buildEventRow({ ...jose!, emailKey: '', erasedAt: null, replied: 0 }, T0, {
            type: 'open',
          }),
        ]);
        const entry = (value: string, source: 'admin' | 'opt_out', createdAt: number) => ({
          id: newId(createdAt),
          workspace_id: ws,
          entry: value,
          source,
          created_by: source === 'admin' ? admin.id : null,
          created_at: createdAt,
        });
        await plain
          .insertInto('do_not_track')
          .values([
            // As the old code stored them: lower-cased (ß and final ς kept), domains punycoded.
            entry('josé.ünal@xn--bcher-kva.example', 'opt_out', T0 + 1),
            entry('@xn--bcher-kva.example', 'admin', T0),
            // An admin put Straße back after deleting her opt-out: the opt-out takes it over.
            entry('straße@example.org', 'admin', T0 + 5),
            // One person under two spellings: merged, the recipient's own entry kept.
            entry('ΟΔΥΣΣΕΎΣ@example.gr'.toLowerCase(), 'admin', T0),
            entry('οδυσσεύσ@example.gr', 'opt_out', T0 + 3),
            entry('ΣΟΦΊΑ@example.gr'.toLowerCase(), 'admin', T0),
          ])
          .execute();

        assert.equal((await migrator.migrateToLatest()).error, undefined);

        const keys = new Map(
          (
            await db.selectFrom('recipients').select(['id', 'emailKey', 'optedOutAt']).execute()
          ).map((r) => [r.id, r]),
        );
        assert.equal(keys.get(jose!.id)?.emailKey, 'josé.ünal@xn--bcher-kva.example');
        assert.equal(keys.get(joseAgain!.id)?.emailKey, 'josé.ünal@xn--bcher-kva.example');
        assert.equal(keys.get(cyrillic!.id)?.emailKey, 'j\u043esé.ünal@xn--bcher-kva.example');
        assert.equal(keys.get(strasse!.id)?.emailKey, 'strasse@example.org');
        // Every spelling's copy carries the opt-out; the look-alike's and the other
        // workspace's do not.
        assert.equal(keys.get(joseAgain!.id)?.optedOutAt, T0 + 1);
        assert.equal(keys.get(cyrillic!.id)?.optedOutAt, null);
        assert.equal(keys.get(theirs!.id)?.optedOutAt, null);

        const list = await db
          .selectFrom('doNotTrack')
          .select(['entry', 'source', 'createdAt'])
          .where('workspaceId', '=', ws)
          .execute();
        assert.deepEqual(
          list.sort((a, b) => (a.entry < b.entry ? -1 : 1)),
          [
            { entry: '@xn--bcher-kva.example', source: 'admin', createdAt: T0 },
            { entry: 'josé.ünal@xn--bcher-kva.example', source: 'opt_out', createdAt: T0 + 1 },
            { entry: 'strasse@example.org', source: 'opt_out', createdAt: T0 + 2 },
            { entry: 'οδυσσεύς@example.gr', source: 'opt_out', createdAt: T0 + 3 },
            { entry: 'σοφία@example.gr', source: 'admin', createdAt: T0 },
          ],
        );

        const proof = await db.selectFrom('optOutLog').selectAll().execute();
        assert.deepEqual(
          proof.map((p) => [p.action, p.email, p.emailKey, p.messageId, p.recipientId, p.at]),
          [
            [
              'opt_out',
              'JOSÉ.Ünal@Bücher.Example',
              'josé.ünal@xn--bcher-kva.example',
              jose!.messageId,
              jose!.id,
              T0 + 1,
            ],
          ],
        );
        assert.deepEqual(
          [proof[0]!.language, proof[0]!.wordingVersion, proof[0]!.pageText],
          ['en', 'unrecorded', ''],
        );

        // And back: the lower(email) index returns, the keys and the log go.
        assert.equal((await migrator.migrateTo(BEFORE)).error, undefined);
        const tables = await plain.introspection.getTables();
        const recipients = tables.find(
          (t) => t.name === 'recipients' && (t.schema ?? undefined) === database.schema,
        )!;
        assert.ok(!recipients.columns.some((c) => c.name === 'email_key'));
        assert.ok(
          !tables.some(
            (t) => t.name === 'opt_out_log' && (t.schema ?? undefined) === database.schema,
          ),
        );
      } finally {
        await store.close();
        await database.drop();
      }
    });
  });
}
