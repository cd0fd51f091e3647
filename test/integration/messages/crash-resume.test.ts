import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { sendTrackedMessage } from '../../factories.js';
import { serveCli } from '../../helpers/cli.js';
import { HttpClient } from '../../helpers/http-client.js';
import { createTestDatabase } from '../../helpers/test-database.js';
import { waitUntil } from '../../helpers/wait.js';

/**
 * A relay that accepts the first message and then holds every later DATA without answering,
 * as a slow relay would while the sending process dies.
 */
async function startHoldingRelay() {
  const accepted: string[] = [];
  let held = 0;
  let holding = true;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        if (holding && accepted.length >= 1) {
          held += 1;
          return; // never answered: the sender is killed while it waits
        }
        accepted.push(...to);
        callback();
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    accepted,
    held: () => held,
    acceptAll: () => {
      holding = false;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// SQLite: one process owns the outbox, so a restart takes up at once what the crash left
// running. On PostgreSQL the same happens when the claim lapses (covered by the store tests).
describe('outbox crash and resume (sqlite)', () => {
  const cleanup: (() => Promise<void>)[] = [];
  after(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it('resumes after a crash mid-send without sending any copy twice', async () => {
    const relay = await startHoldingRelay();
    cleanup.push(relay.close);
    const database = await createTestDatabase('sqlite');
    cleanup.push(database.drop);
    const env = { ...database.env, SMTP_URL: relay.url };

    const first = await serveCli(env);
    let firstAlive = true;
    cleanup.push(async () => {
      if (firstAlive) first.child.kill('SIGKILL');
    });
    const client = new HttpClient(first.url);
    const signup = await client.post('/api/v1/auth/signup', {
      email: 'sender@example.com',
      password: 'long enough password',
      name: 'Sender',
      workspace: 'Crash',
    });
    assert.equal(signup.status, 201);
    const created = await sendTrackedMessage(client, {
      to: [
        { email: 'one@example.org' },
        { email: 'two@example.org' },
        { email: 'three@example.org' },
      ],
    });

    await waitUntil(async () => {
      const view = await client.get(`/api/v1/messages/${created.id}`);
      const sent = view.body.recipients.filter((r: any) => r.delivery === 'sent').length;
      return sent === 1 && relay.held() >= 1;
    }, 'one copy delivered and another held at the relay');
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');
    firstAlive = false;
    relay.acceptAll();

    const second = await serveCli(env);
    cleanup.push(async () => {
      second.child.kill('SIGTERM');
      await once(second.child, 'exit');
    });
    const resumed = new HttpClient(second.url);
    resumed.cookie = client.cookie;
    const view = await waitUntil(
      async () => {
        const r = await resumed.get(`/api/v1/messages/${created.id}`);
        return r.body.status === 'sent' ? r.body : undefined;
      },
      'the message to be sent after the restart',
      20_000,
    );
    assert.ok(view.recipients.every((r: any) => r.delivery === 'sent'));
    assert.deepEqual([...relay.accepted].sort(), [
      'one@example.org',
      'three@example.org',
      'two@example.org',
    ]);
  });
});
