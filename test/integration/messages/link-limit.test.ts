import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../../src/config.js';
import { createMessage, MAX_TRACKED_LINKS, queueMessage } from '../../../src/messages/index.js';
import {
  findCopyResponses,
  listMessageLinks,
  listMessageLinksOf,
  listRecipients,
  setRecipientDelivery,
} from '../../../src/store/index.js';
import {
  buildTrackedMessage,
  insertTestUser,
  sendTrackedMessage,
  signupAdmin,
} from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { rejectsWith } from '../../helpers/errors.js';
import type { HttpClient } from '../../helpers/http-client.js';
import { startTestRelay, type TestRelay } from '../../helpers/smtp-relay.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';
import { useTestStore } from '../../helpers/test-store.js';

/** A text part with `count` distinct URLs, one a line. */
function manyLinks(count: number): string {
  return Array.from({ length: count }, (_, i) => `https://shop.example.com/p/${i}`).join('\n');
}

/** The largest message the API takes: 500 addresses in each of to, cc and bcc. */
function manyRecipients() {
  const list = (kind: string) =>
    Array.from({ length: 500 }, (_, i) => ({ email: `${kind}${i}@example.org` }));
  return { to: list('to'), cc: list('cc'), bcc: list('bcc') };
}

for (const engine of testEngines()) {
  describe(`the tracked-link limit over HTTP (${engine})`, () => {
    let relay: TestRelay;
    let server: TestService;
    let admin: HttpClient;

    before(async () => {
      relay = await startTestRelay();
      server = await startTestService(engine, { SMTP_URL: relay.url });
      admin = (await signupAdmin(server.url)).client;
    });
    after(async () => {
      await server.close();
      await relay.close();
    });

    it(`sends a message of ${MAX_TRACKED_LINKS} distinct links, each one tracked`, async () => {
      const sent = await sendTrackedMessage(
        admin,
        { html: null as any, text: manyLinks(MAX_TRACKED_LINKS) },
        { relay, untilSent: true },
      );
      const links = await listMessageLinks(server.service.store.db, sent.id);
      assert.equal(links.length, MAX_TRACKED_LINKS);
      const text = sent.mails[0]!.parsed.text as string;
      assert.doesNotMatch(text, /shop\.example\.com/, 'every link is rewritten');
    });

    it('refuses one link more, and 10,923 links, with 400 naming the limit, on every way in', async () => {
      for (const count of [MAX_TRACKED_LINKS + 1, 10_923]) {
        const body = buildTrackedMessage({ html: undefined, text: manyLinks(count) });
        const composed = await admin.post('/api/v1/messages', body);
        assert.equal(composed.status, 400, composed.text);
        assert.equal(composed.body.error.code, 'too_many_links');
        assert.match(composed.body.error.message, new RegExp(`at most ${MAX_TRACKED_LINKS}`));
        assert.match(composed.body.error.message, new RegExp(`has ${count} distinct links`));

        const checked = await admin.post('/api/v1/messages/check', {
          text: body.text,
          tracking: { enabled: true },
        });
        assert.equal(checked.status, 400);
        assert.equal(checked.body.error.code, 'too_many_links');

        const draft = await admin.post('/api/v1/messages', { ...body, send: false });
        assert.equal(draft.status, 201, 'a draft may hold them');
        const send = await admin.post(`/api/v1/messages/${draft.body.id}/send`, {});
        assert.equal(send.status, 400);
        assert.equal(send.body.error.code, 'too_many_links');
        const after = await admin.get(`/api/v1/messages/${draft.body.id}`);
        assert.equal(after.body.status, 'draft', 'the refused send changed nothing');
      }
      const list = await admin.get('/api/v1/messages?status=queued');
      assert.deepEqual(list.body.messages, [], 'a refused compose-and-send saved nothing');
    });

    it('sends the same links untracked: the limit is on tracking only', async () => {
      const sent = await sendTrackedMessage(
        admin,
        { html: undefined, text: manyLinks(10_923), tracking: { enabled: false } },
        { relay, untilSent: true },
      );
      assert.match(sent.mails[0]!.parsed.text as string, /shop\.example\.com\/p\/10922/);
    });
  });

  describe(`a message of many links and many recipients in the store (${engine})`, () => {
    const test = useTestStore(engine);

    it('queues 1,500 recipients and 1,000 links, and reads and updates them back', async () => {
      const { db } = test.store;
      const user = await insertTestUser(db, { role: 'admin' });
      const config = loadConfig({ DATA_DIR: test.database.dataDir });
      const draft = await createMessage(db, config, user, {
        ...manyRecipients(),
        subject: 'Catalogo',
        text: manyLinks(MAX_TRACKED_LINKS),
        tracking: { enabled: true },
      });
      await queueMessage(db, user, draft.id);
      const recipients = await listRecipients(db, draft.id);
      assert.equal(recipients.length, 1_500);
      assert.deepEqual(
        recipients.map((r) => r.position),
        recipients.map((_, i) => i),
        'in the order addressed',
      );
      const links = (await listMessageLinksOf(db, [draft.id])).get(draft.id)!;
      assert.deepEqual(
        links.map((l) => l.idx),
        links.map((_, i) => i),
      );
      const ids = recipients.map((r) => r.id);
      await setRecipientDelivery(db, ids, 'deferred', '451 4.3.0 later');
      assert.ok((await listRecipients(db, draft.id)).every((r) => r.delivery === 'deferred'));
      const responses = await findCopyResponses(
        db,
        recipients.map((r) => r.copyId),
      );
      assert.equal(responses.size, 1_500);
    });

    it('refuses a send over the limit and leaves the draft as it was', async () => {
      const { db } = test.store;
      const user = await insertTestUser(db, { role: 'admin' });
      const config = loadConfig({ DATA_DIR: test.database.dataDir });
      const draft = await createMessage(db, config, user, {
        to: [{ email: 'anna@example.org' }],
        subject: 'Troppi link',
        text: manyLinks(10_923),
        tracking: { enabled: true },
      });
      await rejectsWith(queueMessage(db, user, draft.id), 'MB_ERR_TOO_MANY_LINKS');
      assert.deepEqual(await listRecipients(db, draft.id), []);
    });
  });
}
