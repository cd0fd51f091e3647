import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { pino } from 'pino';
import { createUserInWorkspace } from '../../../../src/accounts/index.js';
import type { JobHandler } from '../../../../src/jobs/index.js';
import {
  enqueueWebhookDeliveries,
  type WebhookEvent,
  webhookDeliveryHandler,
} from '../../../../src/notify/webhooks/index.js';
import {
  insertWebhook,
  type JobRow,
  type NotificationRow,
  newId,
  type UserRow,
} from '../../../../src/store/index.js';
import type { EventType } from '../../../../src/vocabulary.js';
import { testEngines } from '../../../helpers/engines.js';
import { useTestStore } from '../../../helpers/test-store.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../../helpers/webhook-receiver.js';

const log = pino({ level: 'silent' });

for (const engine of testEngines()) {
  describe(`the webhook delivery handler (${engine})`, () => {
    const test = useTestStore(engine);
    let receiver: WebhookReceiver;
    let admin: UserRow;
    let otherAdmin: UserRow;
    let member: UserRow;
    let notified: NotificationRow[][];

    const handler = (deps: { retryDelaysMs?: number[]; disableAfterFailures?: number } = {}) =>
      webhookDeliveryHandler({
        store: test.store,
        config: { allowPrivateNetworks: true },
        log,
        retryDelaysMs: [1000, 2000],
        onAdminNotified: (rows) => notified.push([...rows]),
        ...deps,
      });

    async function subscribe(
      events: EventType[] = ['open', 'click'],
      format: 'json' | 'slack' = 'json',
    ) {
      const id = newId();
      await insertWebhook(test.store.db, {
        id,
        workspaceId: admin.workspaceId,
        url: receiver.url,
        events,
        secret: 'whsec_handler-test-secret',
        format,
        createdBy: admin.id,
        createdAt: Date.now(),
        consecutiveFailures: 0,
      });
      return id;
    }

    function event(overrides: Partial<WebhookEvent> = {}): WebhookEvent {
      return {
        id: newId(),
        workspaceId: admin.workspaceId,
        messageId: newId(),
        recipientId: newId(),
        type: 'click',
        at: Date.now(),
        classification: 'human',
        inferred: 0,
        linkUrl: 'https://shop.example.com/',
        messageSubject: 'Offerta Q4',
        recipientEmail: 'mario@example.org',
        recipientName: 'Mario Rossi',
        ...overrides,
      };
    }

    /** The pending webhook jobs of a subscription, as a worker would claim them. */
    const jobs = (webhookId: string): Promise<JobRow[]> =>
      test.store.db
        .selectFrom('jobs')
        .selectAll()
        .where('idempotencyKey', 'like', `webhook:${webhookId}:%`)
        .orderBy('id')
        .execute();
    const deliveriesOf = (webhookId: string) =>
      test.store.db
        .selectFrom('webhookDeliveries')
        .selectAll()
        .where('webhookId', '=', webhookId)
        .orderBy('id')
        .execute();
    const webhookRow = (id: string) =>
      test.store.db
        .selectFrom('webhooks')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    /** Runs a job until the handler stops asking for a retry; returns every outcome. */
    async function runToEnd(run: JobHandler, job: JobRow) {
      const outcomes = [];
      for (;;) {
        const outcome = await run(job);
        outcomes.push(outcome);
        if (outcome.kind !== 'retry') return outcomes;
      }
    }

    before(async () => {
      const account = (email: string) => ({ email, password: 'long-enough-password', name: email });
      ({ user: admin } = await createUserInWorkspace(
        test.store.db,
        account('a@example.com'),
        'Acme',
      ));
      ({ user: otherAdmin } = await createUserInWorkspace(
        test.store.db,
        account('b@example.com'),
        'Acme',
        'admin',
      ));
      ({ user: member } = await createUserInWorkspace(
        test.store.db,
        account('c@example.com'),
        'Acme',
      ));
      // An admin of another workspace hears nothing of Acme's subscriptions.
      await createUserInWorkspace(test.store.db, account('d@example.com'), 'Elsewhere');
      receiver = await startWebhookReceiver();
    });
    beforeEach(async () => {
      notified = [];
      receiver.respondWith(200);
      await test.store.db.deleteFrom('notifications').execute();
    });
    after(async () => {
      await receiver.close();
    });

    it('queues one delivery per subscription that wants the event, once, in its format', async () => {
      const both = await subscribe(['open', 'click']);
      const opens = await subscribe(['open']);
      const slack = await subscribe(['click'], 'slack');
      const click = event();
      const scanner = event({ classification: 'machine', reason: 'scanner_ua' });
      assert.equal(await enqueueWebhookDeliveries(test.store.db, [click, scanner]), 3);
      assert.equal(
        await enqueueWebhookDeliveries(test.store.db, [click, scanner]),
        0,
        'idempotent',
      );
      assert.equal((await deliveriesOf(both)).length, 2);
      assert.equal((await deliveriesOf(opens)).length, 0);
      const [toSlack] = await deliveriesOf(slack);
      assert.equal(toSlack!.eventId, click.id, 'a chat channel gets no scanner hits');
      assert.deepEqual(JSON.parse(toSlack!.payload), {
        text: 'Mario Rossi clicked https://shop.example.com/ — «Offerta Q4»',
      });
      assert.equal((await jobs(both)).length, 2);
      for (const id of [both, opens, slack]) {
        await test.store.db
          .updateTable('webhooks')
          .set({ deletedAt: Date.now() })
          .where('id', '=', id)
          .execute();
      }
    });

    it('retries with the given delays, then fails the delivery for good', async () => {
      const id = await subscribe();
      await enqueueWebhookDeliveries(test.store.db, [event()]);
      receiver.respondWith(503);
      const [job] = await jobs(id);
      const outcomes = await runToEnd(handler({ disableAfterFailures: 99 }), job!);
      assert.deepEqual(
        outcomes.map((o) => (o.kind === 'retry' ? o.delayMs : o.kind)),
        [1000, 2000, 'failed'],
      );
      const [delivery] = await deliveriesOf(id);
      assert.equal(delivery!.status, 'failed');
      assert.equal(delivery!.attempts, 3);
      assert.equal(delivery!.responseStatus, 503);
      assert.equal((await webhookRow(id)).consecutiveFailures, 1);
      assert.deepEqual(
        await handler()(job!),
        { kind: 'done' },
        'a settled delivery is not posted again',
      );
    });

    it('disables a subscription whose receiver failed for a whole retry period, and notifies its admins once', async () => {
      const id = await subscribe();
      await enqueueWebhookDeliveries(test.store.db, [event(), event()]);
      receiver.respondWith(500);
      const [first, second] = await jobs(id);
      const before = receiver.requests.length;
      const outcomes = await runToEnd(handler(), first!);
      assert.equal(outcomes.at(-1)!.kind, 'failed');

      const webhook = await webhookRow(id);
      assert.ok(webhook.disabledAt);
      assert.match(webhook.disabledReason!, /HTTP 500/);
      const deliveryOf = (job: JobRow) => JSON.parse(job.payload).deliveryId as string;
      const all = await deliveriesOf(id);
      const one = all.find((d) => d.id === deliveryOf(first!));
      const other = all.find((d) => d.id === deliveryOf(second!));
      assert.equal(one!.status, 'failed');
      assert.equal(one!.attempts, 3);
      assert.equal(other!.status, 'failed', 'the pending delivery is given up');
      assert.equal(other!.error, 'not sent: the subscription was disabled');

      assert.equal(notified.length, 1);
      assert.deepEqual(notified[0]!.map((n) => n.userId).sort(), [admin.id, otherAdmin.id].sort());
      const rows = await test.store.db
        .selectFrom('notifications')
        .selectAll()
        .where('type', '=', 'webhook_disabled')
        .execute();
      assert.deepEqual(rows.map((r) => r.id).sort(), notified[0]!.map((n) => n.id).sort());
      assert.ok(rows.every((r) => r.userId !== member.id && r.workspaceId === admin.workspaceId));
      assert.ok(rows.every((r) => r.seq && r.count === 1 && r.foldKey === null));

      assert.deepEqual(await handler()(second!), { kind: 'done' });
      assert.equal(receiver.requests.length - before, 3, 'only the first delivery was posted');
      assert.equal(notified.length, 1, 'told once');
      assert.equal(
        await enqueueWebhookDeliveries(test.store.db, [event()]),
        0,
        'no more deliveries',
      );
    });

    it('counts failed deliveries in a row, resets on a success, and disables at the limit', async () => {
      const id = await subscribe();
      const run = handler({ retryDelaysMs: [], disableAfterFailures: 3 });
      // All queued before the successes below: each failure is unlucky, not a dead receiver.
      await enqueueWebhookDeliveries(
        test.store.db,
        Array.from({ length: 7 }, () => event()),
      );
      const queued = await jobs(id);
      const runWith = async (status: number, job: JobRow) => {
        receiver.respondWith(status);
        return (await run(job)).kind;
      };
      assert.equal(await runWith(200, queued[0]!), 'done');
      assert.equal(await runWith(500, queued[1]!), 'failed');
      assert.equal(await runWith(500, queued[2]!), 'failed');
      assert.equal((await webhookRow(id)).consecutiveFailures, 2);
      assert.equal(await runWith(200, queued[3]!), 'done');
      assert.equal((await webhookRow(id)).consecutiveFailures, 0, 'reset by the success');
      assert.equal(await runWith(500, queued[4]!), 'failed');
      assert.equal(await runWith(500, queued[5]!), 'failed');
      assert.equal((await webhookRow(id)).disabledAt, null);
      assert.equal(notified.length, 0);
      assert.equal(await runWith(500, queued[6]!), 'failed');
      const webhook = await webhookRow(id);
      assert.ok(webhook.disabledAt, 'disabled at the third failure in a row');
      assert.match(webhook.disabledReason!, /3 failed deliveries in a row/);
      assert.equal(notified.length, 1);
    });

    it('posts nothing for a deleted subscription', async () => {
      const id = await subscribe();
      await enqueueWebhookDeliveries(test.store.db, [event()]);
      await test.store.db
        .updateTable('webhooks')
        .set({ deletedAt: Date.now() })
        .where('id', '=', id)
        .execute();
      const before = receiver.requests.length;
      const [job] = await jobs(id);
      assert.deepEqual(await handler()(job!), { kind: 'done' });
      assert.equal(receiver.requests.length, before);
      assert.equal((await deliveriesOf(id))[0]!.status, 'failed');
    });
  });
}
