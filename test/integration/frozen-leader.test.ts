import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { sendTrackedMessage, signupAdmin } from '../factories.js';
import { cliDatabaseEnv, serveCli } from '../helpers/cli.js';
import { testEngines } from '../helpers/engines.js';
import { HttpClient } from '../helpers/http-client.js';
import { onServer } from '../helpers/mail-urls.js';
import { startTestRelay } from '../helpers/smtp-relay.js';
import { createTestDatabase } from '../helpers/test-database.js';
import { waitUntil } from '../helpers/wait.js';

const THUNDERBIRD = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.4.0';
const RECIPIENTS = ['mario@example.org', 'lucia@example.org', 'paolo@example.org'];
/** A frozen leader is fenced off after 6 s of silence; the others ask every 2 s. */
const TAKEOVER_MS = 30_000;

// Several nodes share a database only on PostgreSQL.
if (testEngines().includes('postgres')) {
  describe('a leader that freezes (postgres)', () => {
    const cleanup: (() => Promise<void> | void)[] = [];
    after(async () => {
      for (const step of cleanup.reverse()) await step();
    });

    it('is fenced off by another node, which goes on processing; thawed, it answers again and nothing counts twice', {
      timeout: 180_000,
    }, async () => {
      const database = await createTestDatabase('postgres');
      cleanup.push(() => database.drop());
      const relay = await startTestRelay();
      cleanup.push(() => relay.close());
      const env = { ...(await cliDatabaseEnv(database)), SMTP_URL: relay.url };
      const start = async () => {
        const dataDir = mkdtempSync(join(tmpdir(), 'mailbeacon-node-'));
        const node = await serveCli({ ...env, DATA_DIR: dataDir });
        cleanup.push(async () => {
          if (node.child.exitCode === null && node.child.signalCode === null) {
            node.child.kill('SIGCONT');
            node.child.kill('SIGTERM');
            await once(node.child, 'exit');
          }
          rmSync(dataDir, { recursive: true, force: true });
        });
        return node;
      };
      // A starts first and so leads the processing stage.
      const a = await start();
      const b = await start();
      const owner = await signupAdmin(a.url);
      const onB = new HttpClient(b.url);
      onB.cookie = owner.client.cookie;
      const sent = await sendTrackedMessage(
        owner.client,
        { to: RECIPIENTS.map((email) => ({ email })) },
        { relay },
      );
      const open = async (node: { url: string }, email: string) => {
        const status = await new Promise<number>((resolve, reject) => {
          // A connection of its own: a kept-alive one to a node just thawed may be closed by
          // its overdue idle timer as the request goes out.
          get(
            onServer(sent.urls(email).pixel, node.url),
            { agent: false, headers: { 'user-agent': THUNDERBIRD } },
            (reply) => {
              reply.resume();
              resolve(reply.statusCode ?? 0);
            },
          ).on('error', reject);
        });
        assert.equal(status, 200);
      };
      const opened = async (count: number) =>
        waitUntil(
          async () => {
            const reply = await onB.get(`/api/v1/messages/${sent.id}/events`);
            const hits = (reply.body.events ?? []).filter(
              (e: { inferred: boolean }) => !e.inferred,
            );
            return hits.length >= count ? hits : undefined;
          },
          `${count} opens processed`,
          TAKEOVER_MS,
        );

      await open(b, 'mario@example.org');
      await opened(1);

      // A stops dead with its connections open: its lease session says nothing any more.
      a.child.kill('SIGSTOP');
      await open(b, 'lucia@example.org');
      await opened(2);

      // Thawed, A finds its sessions ended, reconnects, answers, and leaves the lease to B.
      a.child.kill('SIGCONT');
      // A connection made while A was still stopped (the kernel queues it) may be dropped as A
      // wakes: wait until A answers on a connection of its own before the open is sent.
      await waitUntil(
        () =>
          new Promise<boolean>((resolve) => {
            get(new URL('/healthz', a.url), { agent: false }, (reply) => {
              reply.resume();
              resolve(reply.statusCode === 200);
            }).on('error', () => resolve(false));
          }),
        'node A to answer after the thaw',
        // On a machine this loaded (CI beside other work) a thawed process has a backlog of
        // timers and reconnections to get through before its first answer.
        2 * TAKEOVER_MS,
      ).catch((error: unknown) => {
        throw new Error(`${error}\nnode A's output:\n${a.output()}`);
      });
      await open(a, 'paolo@example.org').catch((error: unknown) => {
        throw new Error(`node A after the thaw: ${error}\n${a.output()}`);
      });
      const events = await opened(3);
      assert.deepEqual(
        events.map((e: { recipient: { email: string } }) => e.recipient.email).sort(),
        [...RECIPIENTS].sort(),
        'each open once',
      );
      const view = (await onB.get(`/api/v1/messages/${sent.id}`)).body;
      for (const recipient of view.recipients) {
        assert.equal(recipient.opens + recipient.machine.opens, 1, recipient.email);
      }
    });
  });
}
