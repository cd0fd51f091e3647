import assert from 'node:assert/strict';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import nodemailer from 'nodemailer';
import { openSession } from '../../../src/accounts/index.js';
import { devInboxRoutes } from '../../../src/api/dev-inbox/routes.js';
import { createMetrics, type Services, servicesPlugin } from '../../../src/api/index.js';
import { authPlugin } from '../../../src/api/plugins/auth.js';
import { errorHandlerPlugin } from '../../../src/api/plugins/error-handler.js';
import { ErrorBody } from '../../../src/api/schemas.js';
import { createBlobStore } from '../../../src/blobs/index.js';
import { loadConfig } from '../../../src/config.js';
import { createDevInbox, devInboxLogin, workspaceOfLogin } from '../../../src/dev-inbox/index.js';
import { createKeyring, loadSecrets } from '../../../src/keyring/index.js';
import { type DevSmtpServer, startDevSmtpServer } from '../../../src/mail/dev-smtp/index.js';
import { type MailCopy, streamMime } from '../../../src/mail/mime/index.js';
import { inProcessHub } from '../../../src/notify/index.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { insertTestUser } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { HttpClient } from '../../helpers/http-client.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.js';

/** The whole of streamMime's bytes. */
const mimeBytes = (copy: MailCopy) => buffer(streamMime(copy));

const HOSTILE_SUBJECT = '<script>alert(1)</script> Fattura ☕';
const HOSTILE_NAME = '"><img src=x onerror=alert(1)>';
const LOGO = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const PDF = Buffer.from('%PDF-1.4\n% dev inbox test\n');
const HTML =
  '<!doctype html><html><head><meta charset="utf-8"><title>Fattura</title></head>' +
  '<body><p>Ciao <img src="cid:logo@mb" alt="logo"></p>' +
  '<p><a href="https://example.org/pay?a=1&amp;b=2">Pay</a></p>' +
  '<script>parent.document.title = "owned"</script>' +
  '<img src="https://tracker.test/t/o/abc" width="1" height="1" alt=""></body></html>';
const TEXT_ONLY = 'Plain <b>not bold</b> & nothing else\nsecond line';

/**
 * The dev inbox as the service runs it, minus the service: a real HTTP server with the error
 * handler and the auth hook (every route needs a logged-in user), and a real dev SMTP server
 * whose messages go to the inbox, filed under the workspace their login proves.
 */
async function startServers(database: TestDatabase) {
  const config = loadConfig(
    { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...database.env },
    process.cwd(),
  );
  const store: Store = await openStore(config.database, {
    schema: database.schema,
    maxConnections: 4,
  });
  await store.migrate();
  const keyring = createKeyring(await loadSecrets(config, store));
  const blobs = createBlobStore(config, store);
  const inbox = createDevInbox(store, blobs);
  const smtp: DevSmtpServer = await startDevSmtpServer({
    host: '127.0.0.1',
    port: 0,
    maxBytes: 10 * 1024 * 1024,
    onMessage: (mail) => inbox.receive(mail),
    authenticate: (username, password) => workspaceOfLogin(keyring, username, password),
  });
  const app: FastifyInstance = Fastify();
  // No mail is sent from here, so the outbox has no worker to nudge.
  const services: Services = {
    config,
    store,
    keyring,
    blobs,
    metrics: createMetrics(),
    hub: inProcessHub(),
    outbox: { nudge() {} },
    systemMail: { send: async () => {}, background() {}, idle: async () => {} },
  };
  await app.register(servicesPlugin, services);
  app.addSchema(ErrorBody);
  await app.register(errorHandlerPlugin);
  await app.register(authPlugin);
  await app.register(devInboxRoutes, { inbox, smtpPort: smtp.port });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    smtp,
    store,
    keyring,
    close: async () => {
      await smtp.close();
      await app.close();
      await store.close();
    },
  };
}

type Servers = Awaited<ReturnType<typeof startServers>>;

/** A user of a new workspace, logged in: a client with its session cookie, and the workspace. */
async function loggedIn(servers: Servers) {
  const user = await insertTestUser(servers.store.db);
  const session = await openSession(servers.store.db, user);
  const client = new HttpClient(servers.url);
  client.cookie = `mb_session=${session.token}`;
  return { client, workspaceId: user.workspaceId };
}

/** A transport to the dev SMTP server, logged in as the workspace's relay (or not at all). */
function smtpTransport(servers: Servers, workspaceId?: string) {
  const login = workspaceId === undefined ? undefined : devInboxLogin(servers.keyring, workspaceId);
  return nodemailer.createTransport({
    host: '127.0.0.1',
    port: servers.smtp.port,
    secure: false,
    ignoreTLS: true,
    auth: login && { user: login.username, pass: login.password },
  });
}

/** The one nonce a page's CSP allows, checked to be on every script and style of the page. */
function nonceOf(reply: { headers: Headers; text: string }): string {
  const csp = reply.headers.get('content-security-policy') ?? '';
  const match = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp);
  assert.ok(match, `no script nonce in ${csp}`);
  const nonce = match[1]!;
  for (const tag of reply.text.match(/<(script|style)\b[^>]*>/g) ?? []) {
    assert.ok(tag.includes(`nonce="${nonce}"`), `${tag} has no nonce`);
  }
  return nonce;
}

function assertPageHeaders(reply: { status: number; headers: Headers }): void {
  assert.match(reply.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/);
  const csp = reply.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /frame-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.equal(reply.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(reply.headers.get('referrer-policy'), 'no-referrer');
}

for (const engine of testEngines()) {
  describe(`dev inbox over HTTP (${engine})`, () => {
    let database: TestDatabase;
    let servers: Servers;
    let client: HttpClient;
    let workspaceId: string;
    /** The session cookie, for requests made with fetch itself. */
    const withSession = () => ({ headers: { cookie: client.cookie! } });
    let richRaw: Buffer;
    let richId: string;
    let textId: string;

    before(async () => {
      database = await createTestDatabase(engine);
      servers = await startServers(database);
      ({ client, workspaceId } = await loggedIn(servers));
      const transport = smtpTransport(servers, workspaceId);
      richRaw = await mimeBytes({
        from: { email: 'evil@example.org', name: HOSTILE_NAME },
        to: [{ email: 'anna@example.org', name: 'Zoë Ōta' }],
        cc: [{ email: 'carlo@example.org', name: 'Carlo' }],
        subject: HOSTILE_SUBJECT,
        html: HTML,
        text: 'Ciao, see https://example.org/pay',
        attachments: [
          { filename: 'relazione €.pdf', contentType: 'application/pdf', content: PDF },
        ],
        inline: [{ cid: 'logo@mb', filename: 'logo.png', contentType: 'image/png', content: LOGO }],
        messageId: '<rich@mailbeacon.test>',
        date: new Date('2026-11-27T10:00:00Z'),
      });
      await transport.sendMail({
        envelope: { from: 'evil@example.org', to: ['anna@example.org', 'hidden@example.net'] },
        raw: richRaw,
      });
      // Ids are time-ordered to the millisecond: keep the two mails in distinct ones.
      const start = Date.now();
      while (Date.now() === start) await new Promise((resolve) => setImmediate(resolve));
      await transport.sendMail({
        from: 'Plain Sender <plain@example.org>',
        to: 'bob@example.org',
        subject: 'Text only',
        text: TEXT_ONLY,
      });
      transport.close();
      const list = await client.get('/api/v1/dev/inbox');
      [textId, richId] = list.body.messages.map((m: { id: string }) => m.id);
    });
    after(async () => {
      await servers.close();
      await database.drop();
    });

    it('lists the caught mails newest first, exactly the contract’s fields', async () => {
      const reply = await client.get('/api/v1/dev/inbox');
      assert.equal(reply.status, 200);
      assert.equal(reply.headers.get('x-content-type-options'), 'nosniff');
      const [text, rich] = reply.body.messages;
      assert.equal(reply.body.messages.length, 2);
      assert.deepEqual(Object.keys(rich).sort(), [
        'from',
        'id',
        'mailFrom',
        'rcpt',
        'receivedAt',
        'subject',
        'to',
      ]);
      // The envelope, not the headers: hidden@ is in no header.
      assert.equal(rich.mailFrom, 'evil@example.org');
      assert.deepEqual(rich.rcpt, ['anna@example.org', 'hidden@example.net']);
      assert.deepEqual(text.rcpt, ['bob@example.org']);
      const detail = await client.get(`/api/v1/dev/inbox/${richId}`);
      assert.equal(detail.status, 200);
      assert.deepEqual(detail.body, rich);
      assert.equal(rich.subject, HOSTILE_SUBJECT);
      assert.equal(rich.from, `${HOSTILE_NAME} <evil@example.org>`);
      assert.equal(rich.to, 'Zoë Ōta <anna@example.org>');
      assert.match(rich.receivedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.equal(text.subject, 'Text only');
      assert.equal(text.from, 'Plain Sender <plain@example.org>');
      assert.equal(text.to, 'bob@example.org');
      const one = await client.get('/api/v1/dev/inbox?limit=1');
      assert.deepEqual(one.body.messages, [text]);
    });

    it('refuses a limit outside 1..500', async () => {
      for (const limit of ['0', '501', 'many']) {
        const reply = await client.get(`/api/v1/dev/inbox?limit=${limit}`);
        assert.equal(reply.status, 400, limit);
        assert.equal(reply.body.error.code, 'validation_failed');
      }
    });

    it('serves the source byte for byte as message/rfc822', async () => {
      const response = await fetch(`${servers.url}/api/v1/dev/inbox/${richId}/raw`, withSession());
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'message/rfc822');
      const raw = Buffer.from(await response.arrayBuffer());
      // SMTP ends the data with CRLF; streamMime's output already does, so nothing was added.
      const sent = richRaw.toString('latin1').replace(/(\r\n)?$/, '\r\n');
      assert.equal(raw.toString('latin1'), sent);
    });

    it('answers unknown mails with 404 not_found', async () => {
      for (const path of [
        '/api/v1/dev/inbox/01unknown/raw',
        '/api/v1/dev/inbox/01unknown',
        '/dev/inbox/01unknown/body',
        '/dev/inbox/01unknown/cid/logo%40mb',
        '/dev/inbox/01unknown/attachments/0',
        `/dev/inbox/${richId}/cid/nope%40mb`,
        `/dev/inbox/${richId}/attachments/7`,
      ]) {
        const reply = await client.get(path);
        assert.equal(reply.status, 404, path);
        assert.equal(reply.body.error.code, 'not_found', path);
      }
      const page = await client.get('/dev/inbox/01unknown');
      assert.equal(page.status, 404);
      assertPageHeaders(page);
      assert.match(page.text, /No such mail/);
      const italian = await client.get('/dev/inbox/01unknown', {
        headers: { 'accept-language': 'fr, it;q=0.5' },
      });
      assert.equal(italian.status, 404);
      assertPageHeaders(italian);
      assert.ok(italian.text.includes('<html lang="it">'));
      assert.ok(italian.text.includes('<title>Non trovata · Posta di prova</title>'));
      assert.ok(italian.text.includes('<h1>Questa email non c’è</h1>'));
    });

    it('the inbox page lists the mails, escaped, and refreshes itself through the API', async () => {
      const reply = await client.get('/dev/inbox');
      assert.equal(reply.status, 200);
      assertPageHeaders(reply);
      nonceOf(reply);
      const html = reply.text;
      assert.ok(html.includes(`href="/dev/inbox/${richId}"`));
      assert.ok(html.includes(`href="/dev/inbox/${textId}"`));
      assert.ok(html.indexOf(textId) < html.indexOf(richId), 'newest first');
      assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt; Fattura ☕'));
      assert.ok(
        html.includes('&quot;&gt;&lt;img src=x onerror=alert(1)&gt; &lt;evil@example.org&gt;'),
      );
      assert.ok(!html.includes('<script>alert(1)'), 'the subject came through unescaped');
      assert.ok(!html.includes('<img src=x'), 'the From name came through unescaped');
      assert.match(html, /fetch\('\/api\/v1\/dev\/inbox\?limit='/);
      assert.ok(html.includes(`localhost:${servers.smtp.port}`), 'names the SMTP port');
      assert.ok(
        html.includes(
          '<span class="rcpt">Delivered to: anna@example.org, hidden@example.net</span>',
        ),
        'each mail says whom it was delivered to',
      );
      assert.ok(html.includes('data-delivered-to="Delivered to"'));
      // Without Accept-Language the page is English, as it always was.
      assert.ok(html.includes('<html lang="en">'));
      assert.ok(html.includes('<title>Dev inbox</title>'));
      assert.ok(html.includes('<h1>Dev inbox</h1>'));
      assert.ok(html.includes('>New mail appears by itself.</p>'));
      assert.ok(html.includes('data-no-subject="(no subject)"'));
      assert.ok(
        html.includes('data-retrying="The server does not answer; trying again in {seconds} s."'),
      );
    });

    it('the inbox page speaks Italian to a browser that asks for it', async () => {
      const reply = await client.get('/dev/inbox', {
        headers: { 'accept-language': 'it-IT,it;q=0.9,en;q=0.8' },
      });
      assert.equal(reply.status, 200);
      assertPageHeaders(reply);
      nonceOf(reply);
      const html = reply.text;
      assert.ok(html.includes('<html lang="it">'));
      assert.ok(html.includes('<title>Posta di prova</title>'));
      assert.ok(html.includes('<h1>Posta di prova</h1>'));
      assert.ok(html.includes(`SMTP a <code>localhost:${servers.smtp.port}</code>`));
      assert.ok(html.includes('>Le nuove email compaiono da sole.</p>'));
      assert.ok(html.includes('data-no-subject="(senza oggetto)"'));
      assert.ok(html.includes('data-no-sender="(nessun mittente)"'));
      assert.ok(
        html.includes('data-retrying="Il server non risponde; nuovo tentativo tra {seconds} s."'),
      );
      assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt; Fattura ☕'));
      assert.ok(!html.includes('<script>alert(1)'), 'the subject came through unescaped');
      for (const english of ['Dev inbox', 'New mail appears', 'No mail yet', 'no subject']) {
        assert.ok(!html.includes(english), `English left on the Italian page: ${english}`);
      }
    });

    it('the mail page shows headers and attachments escaped, the body in a locked frame', async () => {
      const reply = await client.get(`/dev/inbox/${richId}`);
      assert.equal(reply.status, 200);
      assertPageHeaders(reply);
      nonceOf(reply);
      const html = reply.text;
      assert.ok(html.includes('<h1>&lt;script&gt;alert(1)&lt;/script&gt; Fattura ☕</h1>'));
      assert.ok(
        html.includes(
          '<dt>From</dt><dd>&quot;&gt;&lt;img src=x onerror=alert(1)&gt; &lt;evil@example.org&gt;</dd>',
        ),
      );
      assert.ok(html.includes('<dt>To</dt><dd>Zoë Ōta &lt;anna@example.org&gt;</dd>'));
      assert.ok(html.includes('<dt>Cc</dt><dd>Carlo &lt;carlo@example.org&gt;</dd>'));
      assert.ok(html.includes('datetime="2026-11-27T10:00:00.000Z"'));
      assert.ok(
        html.includes('<dt>Delivered to</dt><dd>anna@example.org, hidden@example.net</dd>'),
        'the envelope shows the blind recipient',
      );
      assert.ok(!html.includes('<script>alert(1)'));
      assert.ok(!html.includes('<img src=x'));
      assert.ok(!html.includes('parent.document'), 'the mail’s HTML must stay in its frame');

      const iframes = html.match(/<iframe\b[^>]*>/g) ?? [];
      assert.equal(iframes.length, 1);
      const iframe = iframes[0]!;
      assert.ok(iframe.includes(`src="/dev/inbox/${richId}/body"`), iframe);
      assert.ok(iframe.includes('sandbox="allow-popups allow-popups-to-escape-sandbox"'), iframe);
      assert.doesNotMatch(iframe, /allow-scripts|allow-same-origin/);

      const attachment = /<a href="([^"]+)" download="relazione €\.pdf">relazione €\.pdf<\/a>/.exec(
        html,
      );
      assert.ok(attachment, 'the attachment is listed with a link');
      assert.ok(!/logo\.png/.test(html), 'the inline image is not listed as an attachment');
      const file = await fetch(new URL(attachment[1]!, servers.url), withSession());
      assert.equal(file.status, 200);
      // Saved, never shown as what the sender declared (application/pdf here).
      assert.equal(file.headers.get('content-type'), 'application/octet-stream');
      assert.match(
        file.headers.get('content-disposition') ?? '',
        /^attachment;.*relazione%20%E2%82%AC\.pdf/,
      );
      assert.match(file.headers.get('content-security-policy') ?? '', /^sandbox/);
      assert.ok(Buffer.from(await file.arrayBuffer()).equals(PDF));
      assert.ok(html.includes('<html lang="en">'));
      assert.ok(
        html.includes('<title>&lt;script&gt;alert(1)&lt;/script&gt; Fattura ☕ · Dev inbox'),
      );
      assert.ok(html.includes('<a href="/dev/inbox">← Inbox</a>'));
      assert.ok(html.includes('<h2>Attachments (1)</h2>'));
      assert.ok(html.includes('<summary>SMTP envelope</summary>'));
      assert.ok(html.includes('title="The mail’s HTML body"'));
    });

    it('the mail page speaks Italian to a browser that asks for it, values still escaped', async () => {
      const reply = await client.get(`/dev/inbox/${richId}`, {
        headers: { 'accept-language': 'it' },
      });
      assert.equal(reply.status, 200);
      assertPageHeaders(reply);
      nonceOf(reply);
      const html = reply.text;
      assert.ok(html.includes('<html lang="it">'));
      assert.ok(
        html.includes('<title>&lt;script&gt;alert(1)&lt;/script&gt; Fattura ☕ · Posta di prova'),
      );
      assert.ok(html.includes('<a href="/dev/inbox">← Posta in arrivo</a>'));
      assert.ok(html.includes('>Sorgente</a>'));
      assert.ok(html.includes('>Scarica .eml</a>'));
      assert.ok(
        html.includes(
          '<dt>Da</dt><dd>&quot;&gt;&lt;img src=x onerror=alert(1)&gt; &lt;evil@example.org&gt;</dd>',
        ),
      );
      assert.ok(html.includes('<dt>A</dt><dd>Zoë Ōta &lt;anna@example.org&gt;</dd>'));
      assert.ok(html.includes('<dt>Data</dt>'));
      assert.ok(html.includes('<summary>Busta SMTP</summary>'));
      assert.ok(
        html.includes('<dt>Consegnata a</dt><dd>anna@example.org, hidden@example.net</dd>'),
      );
      assert.match(html, /<dt>Dimensione<\/dt><dd>\d+,\d KB<\/dd>/);
      assert.ok(html.includes('<h2>Allegati (1)</h2>'));
      assert.ok(html.includes('title="Il corpo HTML dell’email"'));
      assert.ok(html.includes('<summary>Parte in testo semplice</summary>'));
      assert.ok(!html.includes('<script>alert(1)'));
      assert.ok(!html.includes('<img src=x'));
    });

    it('the body route serves the mail’s HTML as sent, sandboxed, links to a new tab', async () => {
      const reply = await client.get(`/dev/inbox/${richId}/body`);
      assert.equal(reply.status, 200);
      assert.match(reply.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/);
      const csp = reply.headers.get('content-security-policy') ?? '';
      assert.match(csp, /^sandbox allow-popups allow-popups-to-escape-sandbox;/);
      assert.match(csp, /default-src 'none'/);
      assert.match(csp, /img-src \* data: cid:/);
      assert.match(csp, /style-src 'unsafe-inline' \*/);
      assert.doesNotMatch(csp, /script-src|allow-scripts|allow-same-origin/);
      assert.equal(reply.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(reply.headers.get('referrer-policy'), 'no-referrer');
      const cidUrl = `${servers.url}/dev/inbox/${richId}/cid/logo%40mb`;
      const expected = HTML.replace('<head>', '<head><base target="_blank">').replace(
        'cid:logo@mb',
        cidUrl,
      );
      assert.equal(reply.text, expected);

      const image = await fetch(cidUrl, withSession());
      assert.equal(image.status, 200);
      assert.equal(image.headers.get('content-type'), 'image/png');
      assert.equal(image.headers.get('x-content-type-options'), 'nosniff');
      assert.ok(Buffer.from(await image.arrayBuffer()).equals(LOGO));
    });

    it('a text-only mail shows its text escaped in a <pre>, without a frame', async () => {
      const reply = await client.get(`/dev/inbox/${textId}`);
      assert.equal(reply.status, 200);
      // The transport ends the text with a line break of its own.
      assert.match(
        reply.text,
        /<pre>Plain &lt;b&gt;not bold&lt;\/b&gt; &amp; nothing else\r?\nsecond line\r?\n?<\/pre>/,
      );
      assert.ok(!reply.text.includes('<iframe'));
      assert.ok(!reply.text.includes('<b>not bold'));
      // Asked for anyway, the body route gives the same text as a document of its own.
      const body = await client.get(`/dev/inbox/${textId}/body`);
      assert.equal(body.status, 200);
      assert.match(body.headers.get('content-security-policy') ?? '', /^sandbox allow-popups /);
      assert.match(body.text, /<pre[^>]*>Plain &lt;b&gt;not bold&lt;\/b&gt; &amp; nothing/);
    });

    it('the source page shows the source escaped', async () => {
      const reply = await client.get(`/dev/inbox/${richId}/source`);
      assert.equal(reply.status, 200);
      assertPageHeaders(reply);
      assert.ok(reply.text.includes('Message-ID: &lt;rich@mailbeacon.test&gt;'));
      assert.ok(!reply.text.includes('<rich@mailbeacon.test>'));
      assert.ok(reply.text.includes('<title>Source of &lt;script&gt;'));
      assert.ok(reply.text.includes('>Back to the mail</a>'));
      const italian = await client.get(`/dev/inbox/${richId}/source`, {
        headers: { 'accept-language': 'it' },
      });
      assert.ok(italian.text.includes('<html lang="it">'));
      assert.ok(italian.text.includes('<title>Sorgente di &lt;script&gt;'));
      assert.ok(italian.text.includes('>Torna all’email</a>'));
      assert.ok(italian.text.includes('<h1>Sorgente</h1>'));
    });

    it('refuses every route to a caller without a session: 401', async () => {
      const anonymous = new HttpClient(servers.url);
      for (const path of [
        '/api/v1/dev/inbox',
        `/api/v1/dev/inbox/${richId}`,
        `/api/v1/dev/inbox/${richId}/raw`,
        '/dev/inbox',
        `/dev/inbox/${richId}`,
        `/dev/inbox/${richId}/source`,
        `/dev/inbox/${richId}/body`,
        `/dev/inbox/${richId}/cid/logo%40mb`,
        `/dev/inbox/${richId}/attachments/0`,
      ]) {
        const reply = await anonymous.get(path);
        assert.equal(reply.status, 401, path);
        assert.equal(reply.body.error.code, 'unauthenticated', path);
      }
    });

    it('shows another workspace’s user none of it: an empty list, 404 for each mail', async () => {
      const other = (await loggedIn(servers)).client;
      assert.deepEqual((await other.get('/api/v1/dev/inbox')).body.messages, []);
      for (const path of [
        `/api/v1/dev/inbox/${richId}`,
        `/api/v1/dev/inbox/${richId}/raw`,
        `/dev/inbox/${richId}/body`,
        `/dev/inbox/${richId}/cid/logo%40mb`,
        `/dev/inbox/${richId}/attachments/0`,
      ]) {
        const reply = await other.get(path);
        assert.equal(reply.status, 404, path);
        assert.equal(reply.body.error.code, 'not_found', path);
      }
      for (const path of [`/dev/inbox/${richId}`, `/dev/inbox/${richId}/source`]) {
        assert.equal((await other.get(path)).status, 404, path);
      }
      assert.ok(!(await other.get('/dev/inbox')).text.includes(richId));
    });

    it('keeps mail sent without the workspace’s login but shows it to nobody', async () => {
      const anonymous = smtpTransport(servers);
      await anonymous.sendMail({
        from: 'someone@example.org',
        to: 'x@example.org',
        subject: 'Nobody’s',
        text: 'no login',
      });
      anonymous.close();
      const stored = await servers.store.db
        .selectFrom('devInbox')
        .select(['subject', 'workspaceId'])
        .where('subject', '=', 'Nobody’s')
        .execute();
      assert.deepEqual(stored, [{ subject: 'Nobody’s', workspaceId: null }]);
      const listed = (await client.get('/api/v1/dev/inbox')).body.messages;
      assert.ok(!listed.some((mail: { subject: string }) => mail.subject === 'Nobody’s'));
    });

    it('refuses a login that proves no workspace (535), so none can be claimed', async () => {
      const forged = nodemailer.createTransport({
        host: '127.0.0.1',
        port: servers.smtp.port,
        secure: false,
        ignoreTLS: true,
        auth: { user: `workspace.${workspaceId}`, pass: 'guessed' },
      });
      await assert.rejects(
        forged.sendMail({ from: 'a@example.org', to: 'b@example.org', subject: 'x', text: 'x' }),
        (error: { responseCode?: number }) => error.responseCode === 535,
      );
      forged.close();
    });

    it('serves raw source and attachments to be saved, sandboxed, never as script', async () => {
      const transport = smtpTransport(servers, workspaceId);
      await transport.sendMail({
        from: 'a@example.org',
        to: 'b@example.org',
        subject: 'Script attached',
        html: '<p><img src="cid:evil@mb"></p>',
        attachments: [
          { filename: 'app.js', contentType: 'application/javascript', content: 'alert(1)' },
          {
            cid: 'evil@mb',
            filename: 'evil.html',
            contentType: 'text/html',
            content: '<script>alert(2)</script>',
          },
        ],
      });
      transport.close();
      const [mail] = (await client.get('/api/v1/dev/inbox?limit=1')).body.messages;
      const sandboxed = (reply: { headers: Headers }, path: string) => {
        assert.match(
          reply.headers.get('content-security-policy') ?? '',
          /^sandbox; default-src 'none'/,
          path,
        );
        assert.equal(reply.headers.get('x-content-type-options'), 'nosniff', path);
      };
      for (const path of [
        `/api/v1/dev/inbox/${mail.id}/raw`,
        `/dev/inbox/${mail.id}/attachments/0`,
      ]) {
        const reply = await client.get(path);
        assert.equal(reply.status, 200, path);
        assert.match(reply.headers.get('content-disposition') ?? '', /^attachment;/, path);
        assert.doesNotMatch(reply.headers.get('content-type') ?? '', /javascript|html/, path);
        sandboxed(reply, path);
      }
      const file = await client.get(`/dev/inbox/${mail.id}/attachments/0`);
      assert.equal(file.headers.get('content-type'), 'application/octet-stream');
      // An inline part that is no image is not served as what it claims either.
      const inline = await client.get(`/dev/inbox/${mail.id}/cid/evil%40mb`);
      assert.equal(inline.status, 200);
      assert.equal(inline.headers.get('content-type'), 'application/octet-stream');
      sandboxed(inline, 'cid');
    });
  });
}
