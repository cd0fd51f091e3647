import assert from 'node:assert/strict';
import { EventEmitter, once } from 'node:events';
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { ImapFlow } from 'imapflow';
import { createUserInWorkspace } from '../../../src/accounts/index.js';
import { loadConfig } from '../../../src/config.js';
import { createKeyring, loadSecrets } from '../../../src/keyring/index.js';
import { changeWorkspaceSettings } from '../../../src/workspace/index.js';
import { sendTrackedMessage, signupAdmin } from '../../factories.js';
import { dovecotInstalled, startDovecot, type TestDovecot } from '../../helpers/dovecot.js';
import { testEngines } from '../../helpers/engines.js';
import type { HttpClient } from '../../helpers/http-client.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.js';
import { startServiceOn, type TestService } from '../../helpers/test-service.js';
import { BrowserClient } from '../../helpers/two-workspaces.js';

/** An IMAP server that greets and then never says another word; tells of each connection. */
class Tarpit extends EventEmitter<{ connection: [] }> {
  readonly server: Server;
  readonly sockets: Socket[] = [];
  constructor() {
    super();
    this.server = createServer((socket) => {
      this.sockets.push(socket);
      socket.on('error', () => {});
      socket.write('* OK IMAP ready\r\n');
      this.emit('connection');
    });
  }
  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }
  /** Resolves once `count` connections were made in all. */
  async connections(count: number): Promise<void> {
    while (this.sockets.length < count) await once(this, 'connection');
  }
}

for (const engine of testEngines()) {
  describe(`Sent copies, one workspace at a time each (${engine})`, {
    skip: !dovecotInstalled() && 'Dovecot is not installed (dovecot-imapd)',
  }, () => {
    let dovecot: TestDovecot;
    let tarpit: Tarpit;
    let database: TestDatabase;
    let server: TestService;
    let stalled: { client: HttpClient; workspaceId: string };
    let working: { client: HttpClient };
    let sentFolder: ImapFlow;

    before(async () => {
      dovecot = await startDovecot();
      tarpit = new Tarpit();
      tarpit.server.listen(0, '127.0.0.1');
      await once(tarpit.server, 'listening');
      database = await createTestDatabase(engine);
      server = await startServiceOn(
        database,
        { ALLOW_PRIVATE_NETWORKS: 'true' },
        { outbox: { pollMs: 100 }, mailbox: { sent: { pollMs: 100 } } },
      );
      const admin = await signupAdmin(server.url);
      stalled = { client: admin.client, workspaceId: admin.workspace.id };
      const other = { email: 'bea@beta.example', password: 'beta-admin-long-enough', name: 'Bea' };
      await createUserInWorkspace(server.service.store.db, other, 'Beta', 'admin');
      const beta = new BrowserClient(server.url);
      const login = await beta.post('/api/v1/auth/login', {
        email: other.email,
        password: other.password,
      });
      assert.equal(login.status, 200, login.text);
      working = { client: beta };
    });
    after(async () => {
      // Let the stalled connections go first: the service's stop waits for its jobs.
      for (const socket of tarpit?.sockets ?? []) socket.destroy();
      await sentFolder?.logout().catch(() => {});
      await server?.close();
      tarpit?.server.close();
      await database?.drop();
      await dovecot?.stop();
    });

    it('appends workspace B’s copy while workspace A’s IMAP server holds its append', async () => {
      // Workspace A's mailbox greets and then says nothing (stored without the save's login
      // check, which would refuse it). Its INBOX watcher connects first and is held too.
      const config = loadConfig({ ...database.env, LOG_LEVEL: 'silent' });
      const keyring = createKeyring(await loadSecrets(config, server.service.store));
      await changeWorkspaceSettings(
        server.service.store.db,
        keyring,
        stalled.workspaceId,
        {
          mailbox: {
            host: '127.0.0.1',
            port: tarpit.port,
            security: 'none',
            username: 'anna',
            password: 'whatever-1',
          },
        },
        { allowPrivate: true },
      );
      await tarpit.connections(1);
      const held = await sendTrackedMessage(stalled.client, { subject: 'Held up' });
      // A's Sent append is in flight: it connected and waits for an answer.
      await tarpit.connections(2);

      const saved = await working.client.patch('/api/v1/workspace/settings', {
        mailbox: {
          host: dovecot.host,
          port: dovecot.port,
          security: 'none',
          username: dovecot.user,
          password: dovecot.password,
        },
      });
      assert.equal(saved.status, 200, saved.text);
      sentFolder = await dovecot.client();
      await sentFolder.mailboxOpen('Sent');
      const arrived = once(sentFolder, 'exists');
      void sentFolder.idle().catch(() => {});
      await sendTrackedMessage(working.client, { subject: 'Not held up' });
      await arrived;

      const mails = await dovecot.read('Sent');
      assert.equal(mails.length, 1);
      assert.match(mails[0]!, /Subject: Not held up/);
      const job = await server.service.store.db
        .selectFrom('jobs')
        .select(['status', 'attempts'])
        .where('idempotencyKey', '=', `mailbox-sent:${held.id}`)
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        [job.status, job.attempts],
        ['running', 1],
        'A’s append is still held, in its first attempt',
      );
    });
  });
}
