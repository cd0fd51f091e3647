import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  failPendingDeliveries,
  findWebhookDelivery,
  insertWebhookDeliveryOnce,
  listWebhookDeliveries,
  newId,
  recordDeliveryAttempt,
  type WebhookDeliveryRow,
  type WebhookRow,
  webhookDeliveredSince,
} from '../../../src/store/index.js';
import { insertTestUser, insertTestWebhook } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

const T0 = Date.UTC(2026, 10, 30, 14);

const delivery = (hook: WebhookRow, at: number): WebhookDeliveryRow => ({
  id: newId(at),
  webhookId: hook.id,
  workspaceId: hook.workspaceId,
  eventId: newId(at),
  eventType: 'open',
  payload: JSON.stringify({ type: 'open', at }),
  status: 'pending',
  attempts: 0,
  responseStatus: null,
  error: null,
  createdAt: at,
  lastAttemptAt: null,
  deliveredAt: null,
});

for (const engine of testEngines()) {
  describe(`the webhook_deliveries table (${engine})`, () => {
    const test = useTestStore(engine);
    const subscription = async () =>
      insertTestWebhook(test.store.db, await insertTestUser(test.store.db, { role: 'admin' }));

    it('writes a delivery once, its first payload kept', async () => {
      const { db } = test.store;
      const row = delivery(await subscription(), T0);
      assert.equal(await insertWebhookDeliveryOnce(db, row), true);
      assert.equal(await insertWebhookDeliveryOnce(db, { ...row, payload: '{}' }), false);
      assert.deepEqual(await findWebhookDelivery(db, row.id), row);
      assert.equal(await findWebhookDelivery(db, newId()), undefined);
    });

    it('records attempts while pending; once delivered, later attempts are refused', async () => {
      const { db } = test.store;
      const hook = await subscription();
      const row = delivery(hook, T0);
      await insertWebhookDeliveryOnce(db, row);
      const retry = {
        status: 'pending' as const,
        attempts: 1,
        responseStatus: 503,
        error: 'HTTP 503',
        lastAttemptAt: T0 + 1000,
      };
      assert.equal(await recordDeliveryAttempt(db, row.id, retry), true);
      assert.deepEqual(await findWebhookDelivery(db, row.id), { ...row, ...retry });

      const success = {
        status: 'delivered' as const,
        attempts: 2,
        responseStatus: 200,
        error: null,
        lastAttemptAt: T0 + 5000,
        deliveredAt: T0 + 5000,
      };
      assert.equal(await recordDeliveryAttempt(db, row.id, success), true);
      assert.equal(
        await recordDeliveryAttempt(db, row.id, { ...retry, status: 'failed', attempts: 3 }),
        false,
      );
      assert.deepEqual(await findWebhookDelivery(db, row.id), { ...row, ...success });

      assert.equal(await webhookDeliveredSince(db, hook.id, T0 + 5000), true);
      assert.equal(await webhookDeliveredSince(db, hook.id, T0 + 5001), false);
      assert.equal(await webhookDeliveredSince(db, (await subscription()).id, 0), false);
    });

    it('gives up a subscription’s pending deliveries only', async () => {
      const { db } = test.store;
      const hook = await subscription();
      const other = await subscription();
      const [pending, delivered, theirs] = [
        delivery(hook, T0),
        delivery(hook, T0 + 1),
        delivery(other, T0 + 2),
      ];
      for (const row of [pending, delivered, theirs]) await insertWebhookDeliveryOnce(db, row);
      await recordDeliveryAttempt(db, delivered.id, {
        status: 'delivered',
        attempts: 1,
        responseStatus: 204,
        error: null,
        lastAttemptAt: T0 + 10,
        deliveredAt: T0 + 10,
      });

      await failPendingDeliveries(db, hook.id, 'subscription disabled');
      const states = async (rows: WebhookDeliveryRow[]) =>
        Promise.all(
          rows.map(async (row) => {
            const found = await findWebhookDelivery(db, row.id);
            return [found?.status, found?.error];
          }),
        );
      assert.deepEqual(await states([pending, delivered, theirs]), [
        ['failed', 'subscription disabled'],
        ['delivered', null],
        ['pending', null],
      ]);
      assert.equal(
        await recordDeliveryAttempt(db, pending.id, {
          status: 'delivered',
          attempts: 1,
          responseStatus: 200,
          error: null,
          lastAttemptAt: T0 + 20,
        }),
        false,
        'a late attempt on a given-up delivery',
      );
    });

    it('pages a subscription’s delivery log newest first', async () => {
      const { db } = test.store;
      const hook = await subscription();
      const other = await subscription();
      const rows = [0, 1, 2, 3, 4].map((i) => delivery(hook, T0 + i));
      for (const row of [...rows].reverse()) await insertWebhookDeliveryOnce(db, row);
      await insertWebhookDeliveryOnce(db, delivery(other, T0 + 10));
      const ids = (list: WebhookDeliveryRow[]) => list.map((row) => row.id);

      assert.deepEqual(await listWebhookDeliveries(db, hook.id, { limit: 2 }), [rows[4], rows[3]]);
      assert.deepEqual(
        ids(await listWebhookDeliveries(db, hook.id, { limit: 2, before: rows[3]!.id })),
        ids([rows[2]!, rows[1]!]),
      );
      assert.deepEqual(
        ids(await listWebhookDeliveries(db, hook.id, { limit: 2, before: rows[1]!.id })),
        ids([rows[0]!]),
      );
    });
  });
}
