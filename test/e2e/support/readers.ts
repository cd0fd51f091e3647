import assert from 'node:assert/strict';
import { devInboxCopy } from '../../helpers/dev-inbox-urls.js';
import type { HttpClient } from '../../helpers/http-client.js';
import type { TestService } from '../../helpers/test-service.js';

/** Someone a tracked message is sent to, alone, with its subject. */
export interface Reader {
  readonly email: string;
  readonly name: string;
  readonly subject: string;
}

/**
 * Sends each reader a tracked message of their own through the API (one message each: the dev
 * inbox tells copies of one message apart by their envelope only) and waits until the dev inbox
 * holds every copy. Returns each reader's message id and their copy's open pixel.
 */
export async function sendToEachReader(
  server: TestService,
  api: HttpClient,
  readers: readonly Reader[],
): Promise<Map<string, { messageId: string; pixel: string }>> {
  const sent = new Map<string, { messageId: string; pixel: string }>();
  for (const { email, name, subject } of readers) {
    const reply = await api.post('/api/v1/messages', {
      to: [{ email, name }],
      subject,
      html: '<p>Buongiorno.</p>',
      tracking: { enabled: true },
      send: true,
    });
    assert.equal(reply.status, 201, reply.text);
    sent.set(email, { messageId: reply.body.id, pixel: '' });
  }
  // Every copy out before anyone opens: a copy opened before it is sent is no person's.
  for (const [email, message] of sent) {
    message.pixel = (await devInboxCopy(server, email, api)).urls.pixel;
  }
  await server.service.idle();
  return sent;
}
