import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eraseRecipient } from '../../../src/privacy/index.js';
import {
  insertEventRows,
  listRecipients,
  type RecipientRow,
  type Store,
} from '../../../src/store/index.js';
import { hasConsent, importConsent } from '../../../src/workspace/index.js';
import {
  buildEventRow,
  buildHitLogRow,
  insertTestMessage,
  insertTestUser,
} from '../../factories.js';
import { cliDatabaseEnv, runCli } from '../../helpers/cli.js';
import { testEngines } from '../../helpers/engines.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.js';
import { openTestStore } from '../../helpers/test-store.js';

/**
 * Pairs of spellings of one address, each under the product's rule (src/mail/address-key.ts):
 * the sharp s folded to ss, a Greek final sigma, a Cyrillic capital, an IDN domain as Unicode
 * and as punycode, an ASCII capital.
 */
const SAME_PERSON: readonly (readonly [string, string])[] = [
  ['Straße@example.org', 'STRASSE@EXAMPLE.ORG'],
  ['ΟΔΥΣΣΕΥΣ@example.gr', 'οδυσσευς@Example.GR'],
  ['Ёлка@пример.рф', 'ёлка@xn--e1afmkfd.xn--p1ai'],
  ['josé.ünal@Bücher.example', 'JOSÉ.ÜNAL@xn--bcher-kva.example'],
  ['Mario@example.org', 'mario@EXAMPLE.org'],
];

for (const engine of testEngines()) {
  describe(`eraseRecipient, every spelling, one workspace (${engine})`, () => {
    let database: TestDatabase;
    let store: Store;
    const now = () => Date.now();

    before(async () => {
      database = await createTestDatabase(engine);
      store = await openTestStore(database);
    });
    after(async () => {
      await store.close();
      await database.drop();
    });

    for (const [first, second] of SAME_PERSON) {
      it(`erases ${first} written as ${second}, and leaves the other workspace's ${first}`, async () => {
        const user = await insertTestUser(store.db, { role: 'admin' });
        const stranger = await insertTestUser(store.db, { role: 'admin' });
        const one = await insertTestMessage(store.db, user, [first, 'bystander@example.org']);
        const two = await insertTestMessage(store.db, user, [second]);
        const theirs = await insertTestMessage(store.db, stranger, [first]);
        const [mine, bystander] = one.recipients as [RecipientRow, RecipientRow];
        await insertEventRows(store.db, [
          buildEventRow(mine, Date.now() - 1000),
          buildEventRow(two.recipients[0]!, Date.now() - 500, { type: 'click', linkIdx: 0 }),
          buildEventRow(bystander, Date.now() - 400),
          buildEventRow(theirs.recipients[0]!, Date.now() - 300),
        ]);
        // A hit not processed yet: it leaves the hit log with the rest.
        await store.hitLog.append([
          buildHitLogRow(Date.now(), {
            workspaceId: user.workspaceId,
            messageId: one.messageId,
            recipientId: mine.id,
          }),
        ]);
        const pending = await store.hitLog.pending();
        // Consent given under one spelling, and another workspace's for the same address.
        await importConsent(store.db, user.workspaceId, { email: first, proof: 'form' }, user.id);
        await importConsent(
          store.db,
          stranger.workspaceId,
          { email: first, proof: 'x' },
          stranger.id,
        );

        const erased = await eraseRecipient(
          { db: store.db, hitLog: store.hitLog, now },
          user.workspaceId,
          second,
        );
        assert.equal(erased.copies, 2);
        assert.equal(erased.events, 2);
        assert.equal(erased.addressLists, 2);
        assert.equal(erased.hits, 1);
        assert.equal(erased.consents, 1);
        assert.equal(await hasConsent(store.db, user.workspaceId, second), false);
        assert.equal(await hasConsent(store.db, stranger.workspaceId, first), true);
        assert.equal(await store.hitLog.pending(), pending - 1);

        const rows = [
          ...(await listRecipients(store.db, one.messageId)),
          ...(await listRecipients(store.db, two.messageId)),
        ];
        assert.deepEqual(
          rows.map((r) => r.email),
          ['erased', 'bystander@example.org', 'erased'],
        );
        assert.ok(rows[0]!.erasedAt !== null && rows[0]!.optedOutAt !== null);
        const [other] = await listRecipients(store.db, theirs.messageId);
        assert.equal(other!.email, first, "another workspace's recipient is not touched");
        const mentioned = [...one.recipients, ...two.recipients, ...theirs.recipients].map(
          (r) => r.id,
        );
        const left = await store.db
          .selectFrom('events')
          .select('recipientId')
          .where('recipientId', 'in', mentioned)
          .execute();
        assert.deepEqual(left.map((e) => e.recipientId).sort(), [bystander.id, other!.id].sort());

        await assert.rejects(
          eraseRecipient({ db: store.db, hitLog: store.hitLog, now }, user.workspaceId, first),
          (error: any) => error.status === 404,
        );
      });
    }

    it('gives up a copy not sent yet to that person only, and keeps the others’ going without them', async () => {
      const user = await insertTestUser(store.db, { role: 'admin' });
      const sent = await insertTestMessage(store.db, user, [
        'Ünal@example.org',
        'mario@example.org',
      ]);
      await store.db
        .updateTable('copies')
        .set({ status: 'deferred' })
        .where('messageId', '=', sent.messageId)
        .execute();
      await store.db
        .updateTable('recipients')
        .set({ delivery: 'deferred' })
        .where('messageId', '=', sent.messageId)
        .execute();
      await eraseRecipient(
        { db: store.db, hitLog: store.hitLog, now },
        user.workspaceId,
        'üNAL@EXAMPLE.ORG',
      );
      const copies = await store.db
        .selectFrom('copies')
        .innerJoin('recipients', 'recipients.copyId', 'copies.id')
        .select(['recipients.email', 'recipients.delivery', 'copies.status'])
        .where('copies.messageId', '=', sent.messageId)
        .orderBy('recipients.position')
        .execute();
      assert.deepEqual(copies, [
        { email: 'erased', delivery: 'failed', status: 'failed' },
        { email: 'mario@example.org', delivery: 'deferred', status: 'deferred' },
      ]);
      // The headers of the copy still to go list the others only.
      const message = await store.db
        .selectFrom('messages')
        .select('toList')
        .where('id', '=', sent.messageId)
        .executeTakeFirstOrThrow();
      assert.deepEqual(JSON.parse(message.toList), [{ email: 'mario@example.org' }]);
    });

    it('refuses an address that is not one (400), whatever the spelling', async () => {
      const user = await insertTestUser(store.db, { role: 'admin' });
      for (const invalid of [
        '',
        'plain',
        'two@@example.org',
        '@example.org',
        'x@',
        'x@exa mple.org',
      ]) {
        await assert.rejects(
          eraseRecipient({ db: store.db, hitLog: store.hitLog, now }, user.workspaceId, invalid),
          (error: any) => error.status === 400 && /not an email address/.test(error.message),
          invalid,
        );
      }
    });
  });

  describe(`mailbeacon recipient erase (${engine})`, () => {
    let database: TestDatabase;
    let env: Record<string, string>;
    let workspace: string;
    let messageId: string;

    before(async () => {
      database = await createTestDatabase(engine);
      env = await cliDatabaseEnv(database);
      const store = await openTestStore(database);
      try {
        const user = await insertTestUser(store.db, { role: 'admin' });
        workspace = (
          await store.db
            .selectFrom('workspaces')
            .select('name')
            .where('id', '=', user.workspaceId)
            .executeTakeFirstOrThrow()
        ).name;
        const sent = await insertTestMessage(store.db, user, [
          'Ёлка@пример.рф',
          'mario@example.org',
        ]);
        messageId = sent.messageId;
        await insertEventRows(store.db, [buildEventRow(sent.recipients[0]!, Date.now() - 1000)]);
      } finally {
        await store.close();
      }
    });
    after(() => database.drop());

    it('erases the recipient in any spelling and prints what it erased', async () => {
      const result = await runCli(
        ['recipient', 'erase', 'ЁЛКА@xn--e1afmkfd.xn--p1ai', '--workspace', workspace],
        env,
      );
      assert.equal(result.code, 0, result.stderr);
      assert.match(
        result.stdout,
        /^erased events: 1, webhookDeliveries: 0, notifications: 0, chatLines: 0, addressLists: 1, consents: 0, copies: 1, hits: 0\n$/,
      );
      const store = await openTestStore(database);
      try {
        const rows = await listRecipients(store.db, messageId);
        assert.deepEqual(
          rows.map((r) => r.email),
          ['erased', 'mario@example.org'],
        );
      } finally {
        await store.close();
      }
    });

    it('refuses, exit 1 with the reason: nothing known, an invalid address, no such workspace, no address', async () => {
      const cases: [string[], RegExp][] = [
        [
          ['recipient', 'erase', 'ёлка@пример.рф', '--workspace', workspace],
          /Nothing is known of that address/,
        ],
        [
          ['recipient', 'erase', 'not-an-address', '--workspace', workspace],
          /is not an email address/,
        ],
        [
          ['recipient', 'erase', 'mario@example.org', '--workspace', 'No such team'],
          /no workspace named No such team/,
        ],
        [['recipient', 'erase', '--workspace', workspace], /needs the address/],
        [['recipient', 'erase', 'mario@example.org'], /--workspace is required/],
      ];
      for (const [args, reason] of cases) {
        const result = await runCli(args, env);
        assert.equal(result.code, 1, args.join(' '));
        assert.match(result.stderr, reason, args.join(' '));
      }
    });
  });
}
