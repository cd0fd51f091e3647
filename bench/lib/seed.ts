/**
 * Fills a fresh database with sent, tracked mail for the bench, straight through the store (the
 * send flow would spend minutes in SMTP for ten thousand copies): one workspace, its admin (who
 * follows every message), messages of `copiesPerMessage` recipients each with three links, every
 * copy delivered an hour ago. Returns each copy's tracking URL paths, signed with `keyring`.
 */

import type { Insertable } from 'kysely';
import { signupFirstUser } from '../../src/accounts/index.js';
import type { Keyring } from '../../src/keyring/index.js';
import { addressKey, messageSearchText } from '../../src/mail/index.js';
import {
  type CopyTable,
  followMessage,
  type MessageLinkTable,
  type MessageTable,
  newId,
  newTrackingId,
  type RecipientTable,
  type Store,
  ZERO_COUNTERS,
} from '../../src/store/index.js';
import { copyTrackingUrls } from '../../src/tracking/index.js';

export interface SeededCopy {
  readonly email: string;
  readonly pixel: string;
  readonly clicks: readonly string[];
  readonly honeypot: string;
}

export interface Seeded {
  readonly copies: SeededCopy[];
  readonly login: { readonly email: string; readonly password: string };
}

const LINKS = [
  'https://example.com/offer',
  'https://example.com/prices',
  'https://example.org/about',
];
/** Rows per INSERT: under both engines' bound-parameter limits (19 columns × 500). */
const CHUNK = 500;

const pathOf = (url: string) => new URL(url).pathname;

export async function seed(
  store: Store,
  keyring: Keyring,
  options: { copies: number; copiesPerMessage?: number; keepUrls?: number },
): Promise<Seeded> {
  const login = { email: 'bench@example.com', password: 'bench password 2026' };
  const { user, workspace } = await signupFirstUser(
    store.db,
    { ...login, name: 'Bench Sender' },
    'Bench',
  );
  const perMessage = options.copiesPerMessage ?? 10;
  // Only the copies the load will hit keep their URLs in memory (the million-copy run keeps few).
  const keepUrls = options.keepUrls ?? options.copies;
  const deliveredAt = Date.now() - 3_600_000;
  const copies: SeededCopy[] = [];
  let made = 0;
  while (made < options.copies) {
    await store.db.transaction().execute(async (trx) => {
      const messages: Insertable<MessageTable>[] = [];
      const links: Insertable<MessageLinkTable>[] = [];
      const copyRows: Insertable<CopyTable>[] = [];
      const recipients: Insertable<RecipientTable>[] = [];
      for (let m = 0; m < CHUNK / perMessage && made < options.copies; m++) {
        const messageId = newId();
        const count = Math.min(perMessage, options.copies - made);
        const to = Array.from({ length: count }, (_, i) => ({ email: `r${made + i}@example.net` }));
        messages.push({
          id: messageId,
          workspaceId: workspace.id,
          senderId: user.id,
          status: 'sent' as const,
          subject: `Offer ${made}`,
          html: '<p>bench</p>',
          text: 'bench',
          fromEmail: login.email,
          fromName: 'Bench Sender',
          toList: JSON.stringify(to),
          ccList: '[]',
          bccList: '[]',
          searchText: messageSearchText({ subject: `Offer ${made}`, to, cc: [], bcc: [] }),
          trackingEnabled: 1,
          attachmentLinkTtlDays: 30,
          language: 'en',
          createdAt: deliveredAt,
          updatedAt: deliveredAt,
          sentAt: deliveredAt,
        });
        for (const [idx, url] of LINKS.entries()) links.push({ messageId, idx, url });
        to.forEach((person, position) => {
          const copyId = newId();
          const trackingId = newTrackingId();
          copyRows.push({
            id: copyId,
            messageId,
            workspaceId: workspace.id,
            tracked: 1,
            messageIdHeader: `<${copyId}@bench.example>`,
            status: 'sent' as const,
            attempts: 1,
            smtpResponse: '250 OK',
            lastAttemptAt: deliveredAt,
            sentAt: deliveredAt,
          });
          recipients.push({
            id: newId(),
            messageId,
            workspaceId: workspace.id,
            copyId,
            email: person.email,
            emailKey: addressKey(person.email) ?? person.email,
            name: null,
            kind: 'to' as const,
            position,
            tracked: 1,
            notTrackedReason: null,
            trackingId,
            delivery: 'sent' as const,
            smtpResponse: '250 OK',
            ...ZERO_COUNTERS,
            lastEventAt: null,
            optedOutAt: null,
            replied: 0,
          });
          if (made + position < keepUrls) {
            const urls = copyTrackingUrls(keyring, 'http://bench', trackingId);
            copies.push({
              email: person.email,
              pixel: pathOf(urls.pixelUrl),
              clicks: LINKS.map((_, i) => pathOf(urls.clickUrl(i))),
              honeypot: pathOf(urls.honeypotUrl),
            });
          }
        });
        made += count;
      }
      await trx.insertInto('messages').values(messages).execute();
      await trx.insertInto('messageLinks').values(links).execute();
      await trx.insertInto('copies').values(copyRows).execute();
      await trx.insertInto('recipients').values(recipients).execute();
      for (const message of messages) {
        await followMessage(trx, {
          messageId: message.id,
          userId: user.id,
          workspaceId: workspace.id,
        });
      }
    });
  }
  return { copies, login };
}
