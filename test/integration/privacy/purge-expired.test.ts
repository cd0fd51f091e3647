import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { purgeExpired, retentionCutoff } from '../../../src/privacy/index.js';
import {
  derivedId,
  insertChatLine,
  insertEventRows,
  insertInvite,
  insertNotifications,
  insertPasswordReset,
  insertSession,
  insertWebhookDeliveryOnce,
  listRecipients,
  newId,
  reachPerDay,
  type Store,
} from '../../../src/store/index.js';
import { DAY_MS, HOUR_MS } from '../../../src/time-units.js';
import { HitSpool } from '../../../src/tracking/index.js';
import {
  buildEventRow,
  buildHitLogRow,
  buildNotificationRow,
  insertTestMessage,
  insertTestUser,
  insertTestWebhook,
} from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

const DAYS = 30;
const NOW = Date.UTC(2026, 11, 1, 12);
/** The cut-off: the start of the UTC day 30 days before NOW. */
const CUTOFF = Date.UTC(2026, 10, 1);
/** Times on either side of it, and the day before the cut-off's. */
const OLD = CUTOFF - 3 * HOUR_MS;
const OLDER = CUTOFF - 2 * DAY_MS;
const NEW = CUTOFF + 3 * HOUR_MS;

describe('the retention cut-off', () => {
  it('is the start of the UTC day the retention period reaches back to', () => {
    assert.equal(retentionCutoff(NOW, DAYS), CUTOFF);
    assert.equal(retentionCutoff(Date.UTC(2026, 11, 1, 0, 0, 0, 1), DAYS), CUTOFF);
    assert.equal(retentionCutoff(Date.UTC(2026, 11, 1, 23, 59), DAYS), CUTOFF);
    assert.equal(retentionCutoff(Date.UTC(2026, 11, 1), 1), Date.UTC(2026, 10, 30));
    assert.equal(retentionCutoff(Date.UTC(2026, 11, 1), 365), Date.UTC(2025, 11, 1));
  });
});

for (const engine of testEngines()) {
  describe(`the retention purge (${engine})`, () => {
    const test = useTestStore(engine);
    let spoolDir: string;
    let spool: HitSpool;
    let workspaceId: string;
    let messageId: string;
    let recipientIds: string[];
    const window = () => reachPerDay(test.store.db, workspaceId, OLDER - DAY_MS, false);
    const days = () => reachPerDay(test.store.db, workspaceId, OLDER - DAY_MS, true);
    const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
    let reachBefore: { window: string[]; days: string[] };
    const deps = (store: Store) => ({
      db: store.db,
      hitLog: store.hitLog,
      dropSpooledBefore: (before: number) => spool.dropBefore(before),
      retentionDays: DAYS,
    });

    before(async () => {
      const { db } = test.store;
      spoolDir = mkdtempSync(join(tmpdir(), 'mailbeacon-spool-'));
      spool = new HitSpool(join(spoolDir, 'hits.jsonl'));
      const user = await insertTestUser(db, { role: 'admin' });
      workspaceId = user.workspaceId;
      const sent = await insertTestMessage(
        db,
        user,
        ['a@example.org', 'b@example.org', 'c@example.org'],
        {
          createdAt: OLDER,
        },
      );
      messageId = sent.messageId;
      recipientIds = sent.recipients.map((r) => r.id);
      const [a, b, c] = sent.recipients as [any, any, any];
      await db
        .updateTable('recipients')
        .set({ opens: 3, clicks: 1, machineClicks: 1 })
        .where('id', '=', a.id)
        .execute();

      await insertEventRows(db, [
        buildEventRow(a, OLDER),
        buildEventRow(a, OLD),
        buildEventRow(b, OLD, { type: 'click', classification: 'machine', linkIdx: 0 }),
        buildEventRow(c, OLD, { classification: 'self' }),
        buildEventRow(a, NEW),
        buildEventRow(b, NEW, { type: 'click', linkIdx: 0 }),
      ]);
      await insertNotifications(db, [
        buildNotificationRow(user, OLD, newId(OLD), { messageId, type: 'open' }),
        buildNotificationRow(user, NEW, newId(NEW), { messageId, type: 'open' }),
      ]);
      const line = (at: number, kind: 'tracking' | 'note' | 'delivery') => ({
        id: newId(at),
        messageId,
        workspaceId,
        at,
        authorId: kind === 'note' ? user.id : null,
        kind,
        text: `${kind} line`,
        data: null,
      });
      for (const row of [
        line(OLD, 'tracking'),
        line(OLD, 'note'),
        line(OLD, 'delivery'),
        line(NEW, 'tracking'),
      ]) {
        await insertChatLine(db, row);
      }
      const webhook = await insertTestWebhook(db, user);
      for (const at of [OLD, NEW]) {
        await insertWebhookDeliveryOnce(db, {
          id: derivedId(newId(at), `${webhook.id}:${at}`),
          webhookId: webhook.id,
          workspaceId,
          eventId: newId(at),
          eventType: 'open',
          payload: '{"recipient":{"email":"a@example.org"}}',
          status: at === OLD ? 'delivered' : 'pending',
          attempts: 1,
          createdAt: at,
        });
      }
      for (const expiresAt of [NOW - 1, NOW, NOW + DAY_MS]) {
        await insertSession(db, { id: newId(), userId: user.id, createdAt: OLD, expiresAt });
      }
      const invite = (usedAt: number | null, expiresAt: number) => ({
        id: newId(),
        workspaceId,
        email: 'new@example.com',
        role: 'member' as const,
        tokenHash: newId(),
        createdBy: user.id,
        createdAt: OLD,
        expiresAt,
        usedAt,
      });
      await insertInvite(db, invite(NOW - DAY_MS, NOW + DAY_MS));
      await insertInvite(db, invite(null, NOW - 1));
      await insertInvite(db, invite(null, NOW + DAY_MS));
      // Reset links: used, made void (also usedAt), expired, and one still usable.
      for (const [usedAt, expiresAt] of [
        [NOW - HOUR_MS, NOW + HOUR_MS],
        [null, NOW - 1],
        [null, NOW + DAY_MS],
      ] as const) {
        await insertPasswordReset(db, {
          tokenHash: newId(),
          userId: user.id,
          createdAt: NOW - HOUR_MS,
          expiresAt,
          usedAt,
        });
      }

      // Raw hits not processed yet: one older than the period, one within it.
      await test.store.hitLog.append([
        buildHitLogRow(OLD, { workspaceId, messageId, recipientId: a.id }),
        buildHitLogRow(NEW, { workspaceId, messageId, recipientId: a.id }),
      ]);
      await spool.append([
        buildHitLogRow(OLDER, { recipientId: a.id }),
        buildHitLogRow(NEW, { recipientId: a.id }),
      ]);
      // A line an earlier version spooled (an event row) counts by its time too.
      writeFileSync(
        join(spoolDir, 'hits.jsonl'),
        `${readFileSync(join(spoolDir, 'hits.jsonl'), 'utf8')}${JSON.stringify({ row: buildEventRow(a, OLD) })}\n`,
      );
      reachBefore = { window: sorted(await window()), days: sorted(await days()) };
    });
    after(() => rmSync(spoolDir, { recursive: true, force: true }));

    it('deletes what the period no longer covers, and says how many of each', async () => {
      const report = await purgeExpired(deps(test.store), NOW);
      assert.deepEqual(report, {
        events: 4,
        erasedEvents: 0,
        hits: 1,
        spooledHits: 2,
        notifications: 1,
        chatLines: 1,
        webhookDeliveries: 1,
        sessions: 2,
        invites: 2,
        passwordResets: 2,
      });
    });

    it('leaves everything within the period, and what is not about tracking', async () => {
      const { db } = test.store;
      const events = await db.selectFrom('events').select('at').execute();
      assert.deepEqual(
        events.map((e) => Number(e.at)),
        [NEW, NEW],
      );
      const lines = await db.selectFrom('chatLines').select(['kind', 'at']).orderBy('id').execute();
      assert.deepEqual(lines.map((l) => [l.kind, Number(l.at)]).sort(), [
        ['delivery', OLD],
        ['note', OLD],
        ['tracking', NEW],
      ]);
      const notifications = await db.selectFrom('notifications').select('at').execute();
      assert.deepEqual(
        notifications.map((n) => Number(n.at)),
        [NEW],
      );
      const sessions = await db.selectFrom('sessions').select('expiresAt').execute();
      assert.deepEqual(
        sessions.map((s) => Number(s.expiresAt)),
        [NOW + DAY_MS],
      );
      const invites = await db.selectFrom('invites').select(['usedAt', 'expiresAt']).execute();
      assert.deepEqual(
        invites.map((i) => [i.usedAt, Number(i.expiresAt)]),
        [[null, NOW + DAY_MS]],
      );
      const resets = await db
        .selectFrom('passwordResets')
        .select(['usedAt', 'expiresAt'])
        .execute();
      assert.deepEqual(
        resets.map((r) => [r.usedAt, Number(r.expiresAt)]),
        [[null, NOW + DAY_MS]],
      );
      const deliveries = await db.selectFrom('webhookDeliveries').select('status').execute();
      assert.deepEqual(
        deliveries.map((d) => d.status),
        ['pending'],
      );
      // The hit within the period waits for the processing stage, unprocessed and whole.
      assert.equal(await test.store.hitLog.pending(), 1);
      const [waiting] = await test.store.hitLog.read(10);
      assert.equal(waiting?.at, NEW);
      const spooled = readFileSync(join(spoolDir, 'hits.jsonl'), 'utf8').trim().split('\n');
      assert.deepEqual(
        spooled.map((line) => JSON.parse(line).at),
        [NEW],
      );
    });

    it('keeps the counters and the statistics as anonymous totals', async () => {
      const rows = await listRecipients(test.store.db, messageId);
      assert.deepEqual(
        rows.map((r) => [r.opens, r.clicks, r.machineClicks]),
        [
          [3, 1, 1],
          [0, 0, 0],
          [0, 0, 0],
        ],
      );
      assert.deepEqual({ window: sorted(await window()), days: sorted(await days()) }, reachBefore);
      const kept = await test.store.db.selectFrom('reachDays').selectAll().execute();
      assert.ok(kept.length > 0);
      assert.ok(
        kept.every((row) => !('recipientId' in row)),
        'the totals name nobody',
      );
    });

    it('deletes nothing more when run again, and the statistics stay the same', async () => {
      const report = await purgeExpired(deps(test.store), NOW + HOUR_MS);
      assert.ok(
        Object.values(report).every((n) => n === 0),
        JSON.stringify(report),
      );
      assert.deepEqual({ window: sorted(await window()), days: sorted(await days()) }, reachBefore);
      assert.deepEqual(recipientIds.length, 3);
    });
  });
}
