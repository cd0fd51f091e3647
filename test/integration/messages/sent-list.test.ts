import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUserInWorkspace } from '../../../src/accounts/index.js';
import { SETTLE_MS } from '../../../src/pipeline/index.js';
import {
  type MessagePayload,
  type SentMessage,
  sendTrackedMessage,
  signupAdmin,
  signupMember,
} from '../../factories.js';
import { deliveredAgo } from '../../helpers/delivery.js';
import { dovecotInstalled, startDovecot, type TestDovecot } from '../../helpers/dovecot.js';
import { testEngines } from '../../helpers/engines.js';
import { HttpClient } from '../../helpers/http-client.js';
import { onServer } from '../../helpers/mail-urls.js';
import { startTestRelay, type TestRelay } from '../../helpers/smtp-relay.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';

// The sent list a team works from (issue 16, point 8): search by subject and by recipients'
// addresses and names, filters by what people did, by tracking and by sender, each combined
// with the others and with paging; people only (machines and the team's own count on nobody);
// nothing of another workspace.

const THUNDERBIRD = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.4.0';
const SAFARI =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
const skipReplies = !dovecotInstalled() && 'Dovecot is not installed (dovecot-imapd)';

for (const engine of testEngines()) {
  describe(`the sent list: search, filters, sender (${engine})`, () => {
    let relay: TestRelay;
    let dovecot: TestDovecot | undefined;
    let server: TestService;
    let anna: HttpClient;
    let annaId: string;
    let bruno: HttpClient;
    let brunoId: string;
    let carlaEmail: string;
    let outsider: HttpClient;
    let outsiderId: string;
    /** The messages by name: what each test expects, in the list's order (newest first). */
    const ids: Record<string, string> = {};

    const hit = async (url: string, ip: string, userAgent: string) => {
      const response = await fetch(onServer(url, server.url), {
        redirect: 'manual',
        headers: { 'x-forwarded-for': ip, 'user-agent': userAgent },
      });
      assert.ok(response.status < 400, `${url}: ${response.status}`);
      await response.arrayBuffer();
    };
    const send = async (
      name: string,
      client: HttpClient,
      payload: Partial<MessagePayload>,
    ): Promise<SentMessage> => {
      const sent = await sendTrackedMessage(client, payload, { relay });
      ids[name] = sent.id;
      await server.service.idle();
      await deliveredAgo(server.service.store, sent.id);
      return sent;
    };
    /** The names of the messages `client` lists at `query`, newest first (one page). */
    const listed = async (query: string, client = anna) => {
      const reply = await client.get(`/api/v1/messages?${query}`);
      assert.equal(reply.status, 200, `${query}: ${reply.text}`);
      const byId = new Map(Object.entries(ids).map(([name, id]) => [id, name]));
      return (reply.body.messages as { id: string }[]).map((m) => byId.get(m.id) ?? m.id);
    };
    /** Every page of `query`, `limit` at a time, following the cursors. */
    const paged = async (query: string, limit: number) => {
      const names: string[] = [];
      const byId = new Map(Object.entries(ids).map(([name, id]) => [id, name]));
      let cursor: string | null = null;
      do {
        const reply: { status: number; body: any; text: string } = await anna.get(
          `/api/v1/messages?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        assert.equal(reply.status, 200, reply.text);
        assert.ok(reply.body.messages.length <= limit);
        names.push(...reply.body.messages.map((m: { id: string }) => byId.get(m.id) ?? m.id));
        cursor = reply.body.cursor;
      } while (cursor);
      return names;
    };
    const search = (q: string) => listed(`q=${encodeURIComponent(q)}`);

    before(async () => {
      relay = await startTestRelay();
      if (!skipReplies) dovecot = await startDovecot();
      server = await startTestService(
        engine,
        { SMTP_URL: relay.url, TRUST_PROXY: 'true', ALLOW_PRIVATE_NETWORKS: 'true' },
        { outbox: { pollMs: 50 }, notify: { clickSettleMs: SETTLE_MS } },
      );
      const admin = await signupAdmin(server.url, { name: 'Anna Admin' });
      anna = admin.client;
      annaId = admin.user.id;
      const brunoSignup = await signupMember(anna);
      bruno = brunoSignup.client;
      brunoId = brunoSignup.user.id;
      const carla = await signupMember(anna);
      carlaEmail = carla.input.email;
      // Another workspace, with a message the same searches would find.
      const other = await createUserInWorkspace(
        server.service.store.db,
        { email: 'olga@example.net', password: 'another-long-password', name: 'Olga' },
        'Another workspace',
      );
      outsiderId = other.user.id;
      outsider = new HttpClient(server.url);
      const login = await outsider.post('/api/v1/auth/login', {
        email: 'olga@example.net',
        password: 'another-long-password',
      });
      assert.equal(login.status, 200, login.text);
      if (dovecot) {
        const saved = await anna.patch('/api/v1/workspace/settings', {
          mailbox: {
            host: dovecot.host,
            port: dovecot.port,
            security: 'none',
            username: dovecot.user,
            password: dovecot.password,
          },
        });
        assert.equal(saved.status, 200, saved.text);
      }

      // Opened by a person: capitals and accents, a `%` in the subject.
      const opened = await send('opened', anna, {
        subject: 'Preventivo CITTÀ — sconto 50%',
        to: [{ email: 'JOSE.Unal@Example.org', name: 'José Ünal' }],
      });
      await hit(opened.urls().pixel, '93.40.12.7', THUNDERBIRD);
      // Opened only by Apple's privacy prefetch: a machine, so not opened by a person.
      const machine = await send('machineOnly', bruno, {
        subject: 'Offer_2026 per via STRASSE',
        to: [{ email: 'mario@example.org', name: 'Mario Rossi' }],
      });
      await hit(machine.urls().pixel, '17.58.63.10', 'Mozilla/5.0');
      // Opened only through the sender's own Bcc: the team's own look, counted on nobody.
      const self = await send('selfOnly', bruno, {
        subject: 'Weekly notes',
        to: [{ email: 'luca@example.org' }],
        bcc: [{ email: carlaEmail.toUpperCase() }],
      });
      await hit(self.urls(carlaEmail).pixel, '93.40.12.8', THUNDERBIRD);
      // Clicked by a person (the click implies an open): a backslash in the subject.
      const clicked = await send('clicked', bruno, {
        subject: 'Catalogo 100\\ prezzi',
        to: [{ email: 'gruesse@example.de', name: 'Grüße GmbH' }],
      });
      await hit(clicked.urls().clicks[0]!, '93.40.12.9', SAFARI);
      // Not tracked: `Straße` folds to `strasse`.
      await send('untracked', anna, {
        subject: 'Nota sulla Straße',
        to: [{ email: 'paolo@example.org', name: 'Paolo Bianchi' }],
        tracking: { enabled: false },
      });
      if (dovecot) {
        const replied = await send('replied', bruno, {
          subject: 'Appuntamento',
          to: [{ email: 'sara@example.org', name: 'Sara' }],
        });
        const header = await server.service.store.db
          .selectFrom('copies')
          .select('messageIdHeader')
          .where('messageId', '=', replied.id)
          .executeTakeFirstOrThrow();
        await dovecot.deliver(
          [
            'From: Sara <sara@example.org>',
            'To: team@example.com',
            'Subject: Re: Appuntamento',
            'Message-ID: <reply-1@example.org>',
            `In-Reply-To: ${header.messageIdHeader}`,
            'Content-Type: text/plain; charset=utf-8',
            '',
            'Va bene lunedì.',
          ].join('\r\n'),
        );
      }
      // A draft of Anna's, found by the same words as her sent messages.
      const draft = await anna.post('/api/v1/messages', {
        to: [{ email: 'jose.unal@example.org' }],
        subject: 'Bozza per José',
        text: 'Ciao',
        tracking: { enabled: false },
      });
      assert.equal(draft.status, 201, draft.text);
      ids.draft = draft.body.id;
      // The other workspace's, with the words of Anna's.
      const foreign = await outsider.post('/api/v1/messages', {
        to: [{ email: 'jose.unal@example.org', name: 'José Ünal' }],
        subject: 'Preventivo CITTÀ 50% Offer_2026 STRASSE',
        text: 'Ciao',
        tracking: { enabled: true },
        send: true,
      });
      assert.equal(foreign.status, 201, foreign.text);
      ids.foreign = foreign.body.id;
      server.clock.advance(SETTLE_MS + 1);
      await server.service.idle();
    });
    after(async () => {
      await server?.close();
      await relay?.close();
      await dovecot?.stop();
    });

    const withReplied = (names: string[]) =>
      dovecot ? names : names.filter((n) => n !== 'replied');

    it('names each message’s sender, beside its From', async () => {
      const { body } = await anna.get('/api/v1/messages');
      const bySender = new Map<string, { id: string }>(
        body.messages.map((m: { id: string; sender: { id: string } }) => [m.id, m.sender]),
      );
      assert.deepEqual(bySender.get(ids.opened!), {
        id: annaId,
        name: 'Anna Admin',
        email: (await anna.get('/api/v1/auth/me')).body.user.email,
      });
      assert.equal(bySender.get(ids.clicked!)?.id, brunoId);
      const one = await anna.get(`/api/v1/messages/${ids.machineOnly}`);
      assert.equal(one.body.sender.id, brunoId);
      assert.equal(one.body.from.email, one.body.sender.email, 'no workspace sender set');
    });

    it('searches the subject in any case and with or without accents', async () => {
      assert.deepEqual(await search('città'), ['opened']);
      assert.deepEqual(await search('CITTA'), ['opened']);
      assert.deepEqual(await search('  preventivo citta  '), ['opened'], 'trimmed');
      assert.deepEqual(await search('strasse'), ['untracked', 'machineOnly'], 'ß is ss');
      assert.deepEqual(await search('STRAßE'), ['untracked', 'machineOnly']);
    });

    it('searches recipients’ addresses and names, drafts’ too', async () => {
      assert.deepEqual(await search('josé'), ['draft', 'opened']);
      assert.deepEqual(await search('JOSE.UNAL@EXAMPLE'), ['draft', 'opened']);
      assert.deepEqual(await search('José Ünal'), ['opened'], 'the name');
      assert.deepEqual(await search('ÜNAL'), ['draft', 'opened'], 'the name, the addresses');
      assert.deepEqual(await search('Mario Rossi'), ['machineOnly']);
      assert.deepEqual(await search('MARIO@example.ORG'), ['machineOnly']);
      assert.deepEqual(await search('grüße gmbh'), ['clicked']);
      assert.deepEqual(await search('gruesse@'), ['clicked']);
      assert.deepEqual(await search('nobody-at-all'), []);
      // A match never runs from one field into the next (a subject's end, an address's start).
      assert.deepEqual(await search('notes luca'), []);
    });

    it('takes %, _ and \\ as plain characters, never as wildcards', async () => {
      assert.deepEqual(await search('50%'), ['opened']);
      assert.deepEqual(await search('%'), ['opened']);
      assert.deepEqual(await search('_'), ['machineOnly']);
      assert.deepEqual(await search('offer_2026'), ['machineOnly']);
      assert.deepEqual(await search('citt_'), [], '_ is no single-character wildcard');
      assert.deepEqual(await search('citt%'), [], '% is no wildcard');
      assert.deepEqual(await search('\\'), ['clicked']);
      assert.deepEqual(await search('100\\ p'), ['clicked']);
    });

    it('counts as opened only a person’s open: not a machine’s, not the sender’s Bcc', async () => {
      assert.deepEqual(
        await listed('opened=true'),
        withReplied(['replied', 'clicked', 'opened']),
        'a click and a reply imply an open',
      );
      assert.deepEqual(await listed('opened=false'), [
        'draft',
        'untracked',
        'selfOnly',
        'machineOnly',
      ]);
      assert.deepEqual(await listed('opened=false&draft=false'), [
        'untracked',
        'selfOnly',
        'machineOnly',
      ]);
      // The machine's and the Bcc's opens were recorded, only apart from people's.
      const machine = (await anna.get(`/api/v1/messages/${ids.machineOnly}`)).body.recipients[0];
      assert.equal(machine.machine.opens, 1);
      const events = (await anna.get(`/api/v1/messages/${ids.selfOnly}/events`)).body.events;
      assert.ok(events.some((e: any) => e.type === 'open' && e.classification === 'self'));
    });

    it('filters clicked, replied and tracking, true and false', async () => {
      assert.deepEqual(await listed('clicked=true'), ['clicked']);
      assert.deepEqual(
        await listed('clicked=false&draft=false'),
        withReplied(['replied', 'untracked', 'selfOnly', 'machineOnly', 'opened']),
      );
      assert.deepEqual(await listed('replied=true'), withReplied(['replied']));
      assert.deepEqual(await listed('replied=false&draft=false'), [
        'untracked',
        'clicked',
        'selfOnly',
        'machineOnly',
        'opened',
      ]);
      assert.deepEqual(await listed('tracking=off'), ['draft', 'untracked']);
      assert.deepEqual(
        await listed('tracking=on'),
        withReplied(['replied', 'clicked', 'selfOnly', 'machineOnly', 'opened']),
      );
      assert.deepEqual(await listed('draft=true'), ['draft']);
    });

    it('filters by sender: an id, me, and another workspace’s id matching nothing', async () => {
      assert.deepEqual(await listed('sender=me'), ['draft', 'untracked', 'opened']);
      assert.deepEqual(await listed(`sender=${annaId}`), ['draft', 'untracked', 'opened']);
      assert.deepEqual(
        await listed('sender=me', bruno),
        withReplied(['replied', 'clicked', 'selfOnly', 'machineOnly']),
      );
      assert.deepEqual(
        await listed(`sender=${brunoId}`),
        withReplied(['replied', 'clicked', 'selfOnly', 'machineOnly']),
      );
      assert.deepEqual(await listed(`sender=${outsiderId}`), []);
      assert.deepEqual(await listed(`sender=${annaId}`, outsider), []);
    });

    it('combines filters with each other and with the search', async () => {
      assert.deepEqual(await listed('q=strasse&opened=false&tracking=on'), ['machineOnly']);
      assert.deepEqual(await listed('q=strasse&tracking=off&sender=me'), ['untracked']);
      assert.deepEqual(
        await listed(`sender=${brunoId}&opened=true&clicked=false`),
        withReplied(['replied']),
      );
      assert.deepEqual(await listed('q=jos%C3%A9&draft=false&opened=true'), ['opened']);
      assert.deepEqual(await listed('q=citta&opened=false'), []);
      assert.deepEqual(await listed('status=sent&tracking=off'), ['untracked']);
    });

    it('pages through a filtered list with the cursor, one message at a time', async () => {
      const query = 'draft=false&opened=false';
      assert.deepEqual(await paged(query, 1), ['untracked', 'selfOnly', 'machineOnly']);
      assert.deepEqual(await paged(query, 2), ['untracked', 'selfOnly', 'machineOnly']);
      assert.deepEqual(await paged('q=josé', 1), ['draft', 'opened']);
      assert.deepEqual(
        await paged(`sender=${brunoId}&tracking=on`, 1),
        withReplied(['replied', 'clicked', 'selfOnly', 'machineOnly']),
      );
    });

    it('never shows another workspace’s messages, whatever the search or filter', async () => {
      for (const query of [
        '',
        'q=citta',
        'q=offer_2026',
        'opened=false',
        'tracking=on',
        `sender=${outsiderId}`,
      ]) {
        assert.ok(!(await listed(query)).includes('foreign'), query);
      }
      assert.deepEqual(await listed('q=citta', outsider), ['foreign']);
      assert.deepEqual(await listed('sender=me', outsider), ['foreign']);
    });

    it('finds a message no more by an erased recipient’s address or name', async () => {
      assert.deepEqual(await search('paolo'), ['untracked']);
      const erased = await anna.delete('/api/v1/recipients/paolo@example.org');
      assert.equal(erased.status, 200, erased.text);
      assert.deepEqual(await search('paolo'), []);
      assert.deepEqual(await search('bianchi'), []);
      assert.deepEqual(await search('straße'), ['untracked', 'machineOnly'], 'its subject stays');
    });

    it('refuses bad values with 400 and the error body, naming the field', async () => {
      const refused: [string, string][] = [
        ['q=', 'q'],
        ['q=%20%20%20', 'q'],
        [`q=${'a'.repeat(201)}`, 'q'],
        ['q=a%07b', 'q'],
        ['q=a%0Ab', 'q'],
        ['q=a%E2%80%AEb', 'q'],
        ['opened=yes', 'opened'],
        ['opened=1', 'opened'],
        ['clicked=', 'clicked'],
        ['replied=no', 'replied'],
        ['tracking=true', 'tracking'],
        ['tracking=ON', 'tracking'],
        ['sender=ME', 'sender'],
        ['sender=abc', 'sender'],
        [`sender=${annaId}x`, 'sender'],
        ['draft=drafts', 'draft'],
      ];
      for (const [query, field] of refused) {
        const reply = await anna.get(`/api/v1/messages?${query}`);
        assert.equal(reply.status, 400, `${query}: ${reply.status} ${reply.text}`);
        assert.equal(reply.body.error.code, 'validation_failed', query);
        assert.match(reply.body.error.message, new RegExp(`querystring/${field}`), query);
      }
      const longest = await anna.get(`/api/v1/messages?q=${encodeURIComponent('é'.repeat(200))}`);
      assert.equal(longest.status, 200, '200 characters, however many bytes');
    });
  });
}
