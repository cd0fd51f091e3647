import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import type { MailboxError, MailboxWatcher } from '../../../src/mailbox/index.js';
import { sendTrackedMessage, signupAdmin } from '../../factories.js';
import { dovecotInstalled, startDovecot, type TestDovecot } from '../../helpers/dovecot.js';
import { testEngines } from '../../helpers/engines.js';
import type { HttpClient } from '../../helpers/http-client.js';
import { ImapProxy } from '../../helpers/imap-proxy.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.js';
import { startServiceOn, type TestService } from '../../helpers/test-service.js';

/** A reply to `inReplyTo` from Mario, as a mail client writes it. */
function replyMail(inReplyTo: string, body: string) {
  return [
    'From: Mario Rossi <mario@client.example>',
    'To: team@team.example',
    'Subject: Re: Offerta Q4',
    `Message-ID: <${Math.random().toString(36).slice(2)}@client.example>`,
    `In-Reply-To: ${inReplyTo}`,
    'Date: Tue, 01 Dec 2026 10:00:00 +0000',
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
  ].join('\n');
}

type Status = { ok: true } | { ok: false; error: MailboxError };

/** Resolves with the first status the watcher tells that `wanted` accepts. */
function nextStatus(watcher: MailboxWatcher, wanted: (status: Status) => boolean) {
  return new Promise<Status>((resolve) => {
    const listener = (status: Status) => {
      if (!wanted(status)) return;
      watcher.off('status', listener);
      resolve(status);
    };
    watcher.on('status', listener);
  });
}

for (const engine of testEngines()) {
  describe(`an IMAP server that stops announcing or answering (${engine})`, {
    skip: !dovecotInstalled() && 'Dovecot is not installed (dovecot-imapd)',
  }, () => {
    let dovecot: TestDovecot;
    let proxy: ImapProxy;
    let database: TestDatabase;
    let server: TestService;
    let client: HttpClient;
    let workspaceId: string;
    let copyId: string;
    let messageId: string;
    // IDLE renewals happen when the test says, not on a timer.
    const renewals = new Set<() => void>();
    const renew = () => {
      for (const renewal of renewals) renewal();
    };
    const watcher = () => {
      const found = server.service.mailboxes.watcher(workspaceId);
      assert.ok(found, 'a watcher for the workspace');
      return found;
    };
    const replied = async () =>
      (await client.get(`/api/v1/messages/${messageId}`)).body.recipients[0].replied as number;

    before(async () => {
      dovecot = await startDovecot();
      proxy = await ImapProxy.start({ host: dovecot.host, port: dovecot.port });
      database = await createTestDatabase(engine);
      server = await startServiceOn(
        database,
        { ALLOW_PRIVATE_NETWORKS: 'true' },
        {
          outbox: { pollMs: 100 },
          mailbox: {
            sent: { pollMs: 100 },
            watch: {
              backoffMs: { first: 10, max: 10 },
              // Loopback Dovecot answers in milliseconds; a stalled command is the only thing
              // that reaches this.
              commandTimeoutMs: 2_000,
              idleRenewal: (renewal) => {
                renewals.add(renewal);
                return () => renewals.delete(renewal);
              },
            },
          },
        },
      );
      const admin = await signupAdmin(server.url);
      client = admin.client;
      workspaceId = admin.workspace.id;
      const saved = await client.patch('/api/v1/workspace/settings', {
        mailbox: {
          host: '127.0.0.1',
          port: proxy.port,
          security: 'none',
          username: dovecot.user,
          password: dovecot.password,
        },
      });
      assert.equal(saved.status, 200, saved.text);
      const sent = await sendTrackedMessage(client, {
        to: [{ email: 'mario@client.example', name: 'Mario Rossi' }],
      });
      messageId = sent.id;
      await server.service.idle();
      const row = await server.service.store.db
        .selectFrom('copies')
        .select('messageIdHeader')
        .where('messageId', '=', messageId)
        .executeTakeFirstOrThrow();
      copyId = row.messageIdHeader;
    });
    after(async () => {
      await server?.close();
      await database?.drop();
      await proxy?.stop();
      await dovecot?.stop();
    });

    it('reads by UID at the IDLE renewal what the server never announced, once', async () => {
      proxy.dropExistsWhileIdle = true;
      await proxy.whenIdling();
      const dropped = once(proxy, 'dropped');
      await dovecot.deliver(replyMail(copyId, 'Va bene, a lunedì.'));
      // The server announced the mail and the watcher never heard it.
      await dropped;
      assert.equal(await replied(), 0, 'nothing read without an announcement');
      const recorded = once(watcher(), 'recorded');
      renew();
      await recorded;
      assert.equal(await replied(), 1);
      // Renewed again, and every read the service waits on: the mail is not read twice.
      await proxy.whenIdling();
      renew();
      await server.service.idle();
      assert.equal(await replied(), 1, 'no mail read twice');
      const settings = (await client.get('/api/v1/workspace/settings')).body;
      assert.equal(settings.mailbox.status.ok, true);
    });

    it('reconnects when a read gets no answer, says so in the status, and reads what came meanwhile', async () => {
      await proxy.whenIdling();
      const failed = nextStatus(watcher(), (status) => !status.ok);
      const back = failed.then(() => nextStatus(watcher(), (status) => status.ok));
      const recorded = failed.then(() => once(watcher(), 'recorded'));
      proxy.silenceOpenConnections();
      await dovecot.deliver(replyMail(copyId, 'Un’altra domanda sul prezzo.'));
      // The renewal's read goes unanswered: the connection is given up, not waited on for ever.
      renew();
      const failure = await failed;
      assert.equal(failure.ok, false);
      assert.match(failure.ok ? '' : failure.error.message, /stopped answering/);
      await back;
      // Read by UID on the new connection, announced or not.
      await recorded;
      assert.equal(await replied(), 2);
      await server.service.idle();
      assert.equal(await replied(), 2, 'no mail read twice');
      const settings = (await client.get('/api/v1/workspace/settings')).body;
      assert.equal(settings.mailbox.status.ok, true, 'ok again once reconnected');
    });
  });
}
