import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  countUnread,
  findFoldTargets,
  insertNotifications,
  listNotifications,
  listNotificationsChangedAfter,
  markOneRead,
  markReadUpTo,
  type NotificationRow,
  newId,
  type UserRow,
  updateNotification,
} from '../../../src/store/index.js';
import { insertTestMessage, insertTestUser } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

const T0 = Date.UTC(2026, 10, 30, 15);
const MINUTE = 60_000;

const ids = (rows: readonly NotificationRow[]) => rows.map((row) => row.id);

for (const engine of testEngines()) {
  describe(`the notifications table (${engine})`, () => {
    const test = useTestStore(engine);
    /** A user with a sent message, and a maker of their notifications about it. */
    const listener = async () => {
      const { db } = test.store;
      const user = await insertTestUser(db);
      const { messageId } = await insertTestMessage(db, user);
      const foldKey = `${messageId}:mario:open`;
      const notification = (
        at: number,
        overrides: Partial<NotificationRow> = {},
      ): NotificationRow => ({
        id: newId(at),
        workspaceId: user.workspaceId,
        userId: user.id,
        messageId,
        eventId: newId(at),
        type: 'open',
        fact: '{"kind":"legacy","data":{"text":"Mario opened"}}',
        at,
        count: 1,
        foldKey,
        read: 0,
        seq: newId(at),
        retracted: 0,
        classification: 'human',
        ...overrides,
      });
      return { user, notification, foldKey, messageId };
    };

    it('gives notifications back as written, newest first, a user’s own only, page by page', async () => {
      const { db } = test.store;
      const { user, notification } = await listener();
      const other = await listener();
      const rows = [0, 1, 2, 3, 4].map((i) => notification(T0 + i * MINUTE));
      await insertNotifications(db, rows.slice(0, 4));
      await insertNotifications(db, [rows[4]!]);
      await insertNotifications(db, []);
      await insertNotifications(db, [other.notification(T0 + 10 * MINUTE)]);

      const first = await listNotifications(db, user.id, { limit: 2 });
      assert.deepEqual(first, [rows[4], rows[3]]);
      const rest = await listNotifications(db, user.id, { limit: 10, before: rows[3]!.id });
      assert.deepEqual(ids(rest), ids([rows[2]!, rows[1]!, rows[0]!]));
      assert.deepEqual(await listNotifications(db, newId(), { limit: 10 }), []);
    });

    it('filters by action, label, message, unread and time, each narrowing the others', async () => {
      const { db } = test.store;
      const { user, notification } = await listener();
      const other = await insertTestMessage(db, user);
      const open = notification(T0);
      const proxyOpen = notification(T0 + MINUTE, { classification: 'proxy' });
      const click = notification(T0 + 2 * MINUTE, { type: 'click', read: 1 });
      const machineClick = notification(T0 + 3 * MINUTE, {
        type: 'click',
        classification: 'machine',
      });
      const elsewhere = notification(T0 + 4 * MINUTE, { messageId: other.messageId });
      const webhook = notification(T0 + 5 * MINUTE, {
        type: 'webhook_disabled',
        messageId: null,
        eventId: null,
        classification: null,
      });
      const retracted = notification(T0 + 6 * MINUTE, { retracted: 1 });
      const all = [open, proxyOpen, click, machineClick, elsewhere, webhook, retracted];
      await insertNotifications(db, all);
      const list = async (filter: Parameters<typeof listNotifications>[2]['filter']) =>
        ids(await listNotifications(db, user.id, { limit: 50, filter }));

      assert.deepEqual(
        await list({}),
        ids([webhook, elsewhere, machineClick, click, proxyOpen, open]),
      );
      assert.deepEqual(await list({ type: 'click' }), ids([machineClick, click]));
      assert.deepEqual(await list({ type: 'webhook_disabled' }), ids([webhook]));
      assert.deepEqual(await list({ classification: 'proxy' }), ids([proxyOpen]));
      assert.deepEqual(await list({ type: 'click', classification: 'human' }), ids([click]));
      assert.deepEqual(await list({ messageId: other.messageId }), ids([elsewhere]));
      assert.deepEqual(
        await list({ unreadOnly: true, type: 'click' }),
        ids([machineClick]),
        'read ones are left out',
      );
      assert.deepEqual(
        await list({ from: T0 + MINUTE, to: T0 + 3 * MINUTE }),
        ids([click, proxyOpen]),
        'from inclusive, to exclusive',
      );
      // A page of a filtered list continues after its last row, still filtered.
      const [first] = await listNotifications(db, user.id, {
        limit: 1,
        filter: { type: 'open' },
      });
      assert.equal(first?.id, elsewhere.id);
      assert.deepEqual(
        ids(
          await listNotifications(db, user.id, {
            limit: 5,
            before: first!.id,
            filter: { type: 'open' },
          }),
        ),
        ids([proxyOpen, open]),
      );
    });

    it('marks one notification read, the user’s own and listed only', async () => {
      const { db } = test.store;
      const { user, notification } = await listener();
      const colleague = await listener();
      const mine = notification(T0);
      const later = notification(T0 + MINUTE);
      const gone = notification(T0 + 2 * MINUTE, { retracted: 1 });
      const theirs = colleague.notification(T0);
      await insertNotifications(db, [mine, later, gone, theirs]);
      assert.equal(await markOneRead(db, user.id, mine.id), true);
      assert.equal(await markOneRead(db, user.id, mine.id), true, 'again: still true');
      assert.equal(await countUnread(db, user.id), 1, 'the later one stays unread');
      assert.equal(await markOneRead(db, user.id, theirs.id), false);
      assert.equal(await markOneRead(db, user.id, gone.id), false);
      assert.equal(await markOneRead(db, user.id, newId()), false);
      assert.equal(await countUnread(db, colleague.user.id), 1);
    });

    it('finds what a repeat folds into, and a fold moves the line in the live stream', async () => {
      const { db } = test.store;
      const { user, notification, foldKey } = await listener();
      const colleague = await listener();
      const old = notification(T0);
      const recent = notification(T0 + 2 * MINUTE);
      const newest = notification(T0 + 3 * MINUTE);
      const click = notification(T0 + 4 * MINUTE, { type: 'click', foldKey: 'click-key' });
      const unfoldable = notification(T0 + 5 * MINUTE, { type: 'system', foldKey: null });
      const theirs = colleague.notification(T0 + 2.5 * MINUTE, { foldKey: foldKey });
      await insertNotifications(db, [old, recent, newest, click, unfoldable, theirs]);

      // The runs of one batch: this user's opens and clicks since a minute ago, newest first.
      const since = T0 + MINUTE;
      assert.deepEqual(ids(await findFoldTargets(db, [user.id], [foldKey], since)), [
        newest.id,
        recent.id,
      ]);
      assert.deepEqual(
        ids(await findFoldTargets(db, [user.id, colleague.user.id], [foldKey, 'click-key'], since)),
        ids([click, newest, theirs, recent]),
      );
      assert.deepEqual(await findFoldTargets(db, [], [foldKey], 0), []);
      assert.deepEqual(await findFoldTargets(db, [user.id], [], 0), []);

      // A repeat folds into the newest: its facts, time, count and sequence change, its id stays.
      const seenUpTo = unfoldable.seq;
      const fold = {
        fact: '{"kind":"legacy","data":{"text":"Mario opened twice"}}',
        at: T0 + 6 * MINUTE,
        count: 2,
        seq: newId(T0 + 6 * MINUTE),
        eventId: newId(T0 + 6 * MINUTE),
        read: 0,
      };
      await updateNotification(db, newest.id, fold);
      assert.deepEqual(await listNotificationsChangedAfter(db, user.id, seenUpTo, 10), [
        { ...newest, ...fold },
      ]);
      assert.deepEqual(
        ids(await listNotificationsChangedAfter(db, user.id, old.seq, 2)),
        [recent.id, click.id],
        'in the order they changed, up to the limit',
      );
      assert.deepEqual(ids(await listNotifications(db, user.id, { limit: 3 })), [
        unfoldable.id,
        click.id,
        newest.id,
      ]);
    });

    it('counts unread notifications and marks them read up to one, the user’s own only', async () => {
      const { db } = test.store;
      const { user, notification } = await listener();
      const other = await listener();
      const rows = [0, 1, 2].map((i) => notification(T0 + i * MINUTE));
      const alreadyRead = notification(T0 + 5, { read: 1 });
      await insertNotifications(db, [...rows, alreadyRead]);
      await insertNotifications(db, [other.notification(T0)]);
      const unread = (who: UserRow) => countUnread(db, who.id);
      assert.equal(await unread(user), 3);

      await markReadUpTo(db, user.id, rows[1]!.id);
      assert.equal(await unread(user), 1);
      assert.equal(await unread(other.user), 1, 'another user’s stay unread');
      assert.deepEqual(
        (await listNotifications(db, user.id, { limit: 10 })).map((row) => [row.id, row.read]),
        [
          [rows[2]!.id, 0],
          [rows[1]!.id, 1],
          [alreadyRead.id, 1],
          [rows[0]!.id, 1],
        ],
      );
      assert.equal(await countUnread(db, newId()), 0);
    });
  });
}
