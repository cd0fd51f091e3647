import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { signupAdmin } from '../../factories.js';
import { testEngines } from '../../helpers/engines.js';
import { SseClient } from '../../helpers/sse-client.js';
import { startTestService } from '../../helpers/test-service.js';
import { waitUntil } from '../../helpers/wait.js';

for (const engine of testEngines()) {
  describe(`a node shutting down with live streams open (${engine})`, () => {
    it('ends its streams and stops (their clients reconnect elsewhere and resume)', {
      timeout: 60_000,
    }, async () => {
      const server = await startTestService(engine);
      const owner = await signupAdmin(server.url);
      const streams = [1, 2].map(
        () =>
          new SseClient(new URL('/api/v1/notifications/stream', server.url).href, {
            cookie: owner.client.cookie!,
          }),
      );
      await waitUntil(() => streams.every((s) => s.status === 200), 'both streams open');
      // Without ending the streams the server's close waits for them forever (the test's
      // timeout says so).
      await server.close();
      for (const stream of streams) {
        await stream.ended();
        assert.equal(stream.status, 200);
      }
    });
  });
}
