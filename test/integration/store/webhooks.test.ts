import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addWebhookFailure,
  findWebhook,
  findWebhookById,
  listActiveWebhooks,
  listWebhooks,
  markWebhookDeleted,
  markWebhookDisabled,
  newId,
  resetWebhookFailures,
} from '../../../src/store/index.js';
import { insertTestUser, insertTestWebhook } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { useTestStore } from '../../helpers/test-store.js';

const T0 = Date.UTC(2026, 10, 30, 13);

for (const engine of testEngines()) {
  describe(`the webhooks table (${engine})`, () => {
    const test = useTestStore(engine);

    it('lists a workspace’s subscriptions oldest first as written, another’s never', async () => {
      const { db } = test.store;
      const admin = await insertTestUser(db, { role: 'admin' });
      const stranger = await insertTestUser(db, { role: 'admin' });
      const second = await insertTestWebhook(db, admin, { id: newId(T0 + 1), format: 'slack' });
      const first = await insertTestWebhook(db, admin, { id: newId(T0), createdAt: T0 });
      const theirs = await insertTestWebhook(db, stranger);

      assert.deepEqual(await listWebhooks(db, admin.workspaceId), [first, second]);
      assert.deepEqual(await findWebhook(db, admin.workspaceId, first.id), first);
      assert.equal(await findWebhook(db, admin.workspaceId, theirs.id), undefined);
      assert.equal(await markWebhookDeleted(db, admin.workspaceId, theirs.id, T0), false);
      assert.deepEqual(await findWebhook(db, stranger.workspaceId, theirs.id), theirs);
    });

    it('reads the events column as event types, leaving out one this version does not know', async () => {
      const { db } = test.store;
      const admin = await insertTestUser(db, { role: 'admin' });
      const webhook = await insertTestWebhook(db, admin, { events: ['click', 'download'] });
      await db
        .updateTable('webhooks')
        .set({ events: '["open","bounce"]' })
        .where('id', '=', webhook.id)
        .execute();
      assert.deepEqual((await findWebhookById(db, webhook.id))?.events, ['open']);
      const [listed] = await listActiveWebhooks(db, [admin.workspaceId]);
      assert.deepEqual(listed?.events, ['open']);
    });

    it('deletes a subscription once, keeping its row for its deliveries', async () => {
      const { db } = test.store;
      const admin = await insertTestUser(db, { role: 'admin' });
      const hook = await insertTestWebhook(db, admin);
      assert.equal(await markWebhookDeleted(db, admin.workspaceId, hook.id, T0), true);
      assert.equal(await markWebhookDeleted(db, admin.workspaceId, hook.id, T0 + 1), false);
      assert.deepEqual(await listWebhooks(db, admin.workspaceId), []);
      assert.equal(await findWebhook(db, admin.workspaceId, hook.id), undefined);
      assert.deepEqual(await findWebhookById(db, hook.id), { ...hook, deletedAt: T0 });
      assert.deepEqual(await listActiveWebhooks(db, [admin.workspaceId]), []);
    });

    it('disables once, and only neither disabled nor deleted subscriptions receive', async () => {
      const { db } = test.store;
      const a = await insertTestUser(db, { role: 'admin' });
      const b = await insertTestUser(db, { role: 'admin' });
      const c = await insertTestUser(db, { role: 'admin' });
      const live = await insertTestWebhook(db, a, { id: newId(T0) });
      const disabled = await insertTestWebhook(db, a, { id: newId(T0 + 1) });
      const deleted = await insertTestWebhook(db, b, { id: newId(T0 + 2) });
      const otherLive = await insertTestWebhook(db, b, { id: newId(T0 + 3) });
      await insertTestWebhook(db, c);

      const [one, two] = await Promise.all([
        markWebhookDisabled(db, disabled.id, T0 + 10, 'failing'),
        markWebhookDisabled(db, disabled.id, T0 + 20, 'failing again'),
      ]);
      assert.deepEqual([one, two].sort(), [false, true]);
      await markWebhookDeleted(db, b.workspaceId, deleted.id, T0);

      assert.deepEqual(await listActiveWebhooks(db, [a.workspaceId, b.workspaceId]), [
        live,
        otherLive,
      ]);
      assert.deepEqual(await listActiveWebhooks(db, []), []);
      const found = await findWebhook(db, a.workspaceId, disabled.id);
      assert.ok(found?.disabledAt === T0 + 10 || found?.disabledAt === T0 + 20);
      assert.equal(
        found?.disabledReason,
        found?.disabledAt === T0 + 10 ? 'failing' : 'failing again',
      );
      assert.deepEqual(await listWebhooks(db, a.workspaceId), [live, found], 'still listed');
    });

    it('counts consecutive failures until a success resets them', async () => {
      const { db } = test.store;
      const admin = await insertTestUser(db, { role: 'admin' });
      const hook = await insertTestWebhook(db, admin);
      const other = await insertTestWebhook(db, admin);
      assert.equal(await addWebhookFailure(db, hook.id), 1);
      assert.equal(await addWebhookFailure(db, hook.id), 2);
      assert.equal(await addWebhookFailure(db, other.id), 1);
      await resetWebhookFailures(db, hook.id);
      assert.equal((await findWebhookById(db, hook.id))?.consecutiveFailures, 0);
      assert.equal((await findWebhookById(db, other.id))?.consecutiveFailures, 1);
      assert.equal(await addWebhookFailure(db, hook.id), 1);
      assert.equal(await addWebhookFailure(db, newId()), 0, 'an unknown subscription');
    });
  });
}
