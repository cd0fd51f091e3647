import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signupAdmin, signupMember } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import type { HttpClient } from '../../helpers/http-client.js';
import { SseClient } from '../../helpers/sse-client.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';
import { waitUntil } from '../../helpers/wait.js';

// Issue 14, point 2: an open stream ends within 30 s once its principal lapses: at once for a
// change made through this node, at the next periodic re-check (every 15 s by the service's
// clock, which the tests move) for one made elsewhere (another node, the CLI, the database).

const RECHECK_MS = 15_000;

function openStream(server: TestService, headers: Record<string, string>): SseClient {
  return new SseClient(new URL('/api/v1/notifications/stream', server.url).href, headers);
}

async function opened(stream: SseClient): Promise<SseClient> {
  await waitUntil(() => stream.status === 200, 'the stream to open');
  return stream;
}

/** The stream still runs: its heartbeats (every 50 ms here) keep arriving. */
async function stillRunning(stream: SseClient): Promise<void> {
  const seen = stream.comments;
  await waitUntil(() => stream.comments > seen + 1, 'two more heartbeats');
}

for (const engine of testEngines()) {
  describe(`live streams re-check their principal (${engine})`, () => {
    let server: TestService;
    let admin: HttpClient;
    const streams: SseClient[] = [];
    const track = async (stream: SseClient) => {
      streams.push(stream);
      return opened(stream);
    };

    before(async () => {
      server = await startTestService(
        engine,
        {},
        {
          app: { sseHeartbeatMs: 50, streamRecheckPollMs: 20 },
        },
      );
      admin = (await signupAdmin(server.url)).client;
    });
    after(async () => {
      for (const stream of streams) await stream.close();
      await server?.close();
    });

    it('a logout ends that session’s stream at once; another session’s goes on', async () => {
      const member = await signupMember(admin);
      const other = await signupMember(admin);
      const mine = await track(openStream(server, { cookie: member.client.cookie! }));
      const theirs = await track(openStream(server, { cookie: other.client.cookie! }));
      assert.equal((await member.client.post('/api/v1/auth/logout', {})).status, 204);
      await mine.ended();
      await stillRunning(theirs);
    });

    it('revoking an API key ends its stream at once', async () => {
      const created = await admin.post('/api/v1/api-keys', { name: 'stream' });
      const stream = await track(
        openStream(server, { authorization: `Bearer ${created.body.key}` }),
      );
      assert.equal((await admin.delete(`/api/v1/api-keys/${created.body.id}`)).status, 204);
      await stream.ended();
    });

    it('an admin removing a member ends that member’s streams at once, cookie and key alike', async () => {
      const member = await signupMember(admin);
      const key = await member.client.post('/api/v1/api-keys', { name: 'stream' });
      const byCookie = await track(openStream(server, { cookie: member.client.cookie! }));
      const byKey = await track(openStream(server, { authorization: `Bearer ${key.body.key}` }));
      const stays = await track(openStream(server, { cookie: admin.cookie! }));
      const removed = await admin.delete(`/api/v1/workspace/members/${member.user.id}`);
      assert.equal(removed.status, 204, removed.text);
      await byCookie.ended();
      await byKey.ended();
      await stillRunning(stays);
    });

    it('a member deleted elsewhere loses the stream at the next re-check', async () => {
      const member = await signupMember(admin);
      const gone = await track(openStream(server, { cookie: member.client.cookie! }));
      const stays = await track(openStream(server, { cookie: admin.cookie! }));
      // As another node would: nothing in this process hears of it.
      await server.service.store.db
        .updateTable('users')
        .set({ removedAt: Date.now() })
        .where('id', '=', member.user.id)
        .execute();
      await stillRunning(gone);
      server.clock.advance(RECHECK_MS);
      await gone.ended();
      await stillRunning(stays);
    });

    it('a session closed elsewhere (another node’s logout) ends at the next re-check', async () => {
      const member = await signupMember(admin);
      const stream = await track(openStream(server, { cookie: member.client.cookie! }));
      await server.service.store.db
        .deleteFrom('sessions')
        .where('userId', '=', member.user.id)
        .execute();
      server.clock.advance(RECHECK_MS);
      await stream.ended();
    });

    it('a user moved out of the workspace loses the stream at the next re-check', async () => {
      const member = await signupMember(admin);
      const stream = await track(openStream(server, { cookie: member.client.cookie! }));
      const db = server.service.store.db;
      const workspaceId = 'moved-workspace-0000000000';
      await db
        .insertInto('workspaces')
        .values({ id: workspaceId, name: 'Other', createdAt: Date.now() })
        .execute();
      await db.updateTable('users').set({ workspaceId }).where('id', '=', member.user.id).execute();
      server.clock.advance(RECHECK_MS);
      await stream.ended();
    });
  });
}
