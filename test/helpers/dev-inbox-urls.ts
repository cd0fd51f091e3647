import { simpleParser } from 'mailparser';
import type { HttpClient } from './http-client.js';
import { type MailUrls, mailUrls } from './mail-urls.js';
import type { TestService } from './test-service.js';
import { waitUntil } from './wait.js';

/** A copy the dev inbox caught: its id there, and the tracking URLs it carries. */
export interface DevInboxCopy {
  readonly id: string;
  readonly urls: MailUrls;
}

/**
 * The dev inbox's copy sent to `email` (waiting for it to arrive), read as a mail client would.
 * `sender` is a logged-in client of the sending workspace: the dev inbox shows a workspace's
 * mail to its own users only.
 */
export async function devInboxCopy(
  server: TestService,
  email: string,
  sender: HttpClient,
): Promise<DevInboxCopy> {
  const mail = await waitUntil(async () => {
    const list = (await sender.get('/api/v1/dev/inbox')).body.messages as any[] | undefined;
    return list?.find((m) => JSON.stringify(m.to).includes(email));
  }, `the dev inbox's copy for ${email}`);
  const headers: Record<string, string> = {};
  if (sender.cookie) headers.cookie = sender.cookie;
  if (sender.apiKey) headers.authorization = `Bearer ${sender.apiKey}`;
  const raw = await fetch(`${server.url}/api/v1/dev/inbox/${mail.id}/raw`, { headers });
  const parsed = await simpleParser(Buffer.from(await raw.arrayBuffer()));
  return { id: mail.id, urls: mailUrls(parsed) };
}
