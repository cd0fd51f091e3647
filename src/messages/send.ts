import { domainToASCII } from 'node:url';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { fail } from '../errors.js';
import { defineQueue } from '../jobs/index.js';
import { type Address, instrumentMail } from '../mail/index.js';
import { workspaceMessage } from '../notify/index.js';
import {
  type CopyTable,
  type Database,
  findDoNotTrack,
  followMessage,
  insertCopies,
  insertMessageLinks,
  type MessageRow,
  newId,
  newTrackingId,
  parseAddresses,
  type RecipientKind,
  type RecipientTable,
  setAttachmentExpiry,
  type UserRow,
  updateMessageIfStatus,
  ZERO_COUNTERS,
} from '../store/index.js';
import { DAY_MS } from '../time-units.js';
import { doNotTrackKeysOf } from '../workspace/index.js';
import { effectiveSender } from './drafts.js';
import { checkComplete } from './input.js';

/** Sending one recipient copy (sendCopyHandler), queued with the message. */
export const SEND_QUEUE = defineQueue('send', Type.Object({ copyId: Type.String() }));

interface Addressee extends Address {
  readonly kind: RecipientKind;
}

/** to, then cc, then bcc; an address listed twice receives one copy, under its first kind. */
function addressees(message: MessageRow): Addressee[] {
  const seen = new Set<string>();
  const all: Addressee[] = [];
  for (const [kind, json] of [
    ['to', message.toList],
    ['cc', message.ccList],
    ['bcc', message.bccList],
  ] as const) {
    for (const address of parseAddresses(json)) {
      const key = address.email.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      all.push({ ...address, kind });
    }
  }
  return all;
}

function messageIdFor(copyId: string, from: string): string {
  const domain = domainToASCII(from.slice(from.lastIndexOf('@') + 1)) || 'mailbeacon.invalid';
  return `<${copyId}@${domain}>`;
}

/**
 * The copies of a message and their recipients: one copy per recipient with tracking on (each
 * with its own tracking id, unless the address is on the do-not-track list `blocked`), one for
 * everybody with it off. `now` in epoch ms.
 */
function cutIntoCopies(
  message: MessageRow,
  how: {
    readonly senderEmail: string;
    readonly people: readonly Addressee[];
    readonly tracking: boolean;
    readonly blocked: ReadonlySet<string>;
    readonly now: number;
  },
): { copies: CopyTable[]; recipients: RecipientTable[] } {
  const { now, tracking } = how;
  const copies: CopyTable[] = [];
  const recipients: RecipientTable[] = [];
  const newCopy = (tracked: boolean): CopyTable => {
    const copyId = newId(now);
    const copy: CopyTable = {
      id: copyId,
      messageId: message.id,
      workspaceId: message.workspaceId,
      tracked: tracked ? 1 : 0,
      messageIdHeader: messageIdFor(copyId, how.senderEmail),
      status: 'queued',
      attempts: 0,
      smtpResponse: null,
      lastAttemptAt: null,
      sentAt: null,
    };
    copies.push(copy);
    return copy;
  };
  const shared = tracking ? undefined : newCopy(false);
  how.people.forEach((person, position) => {
    const dnt = doNotTrackKeysOf(person.email).some((key) => how.blocked.has(key));
    const tracked = tracking && !dnt;
    const copy = shared ?? newCopy(tracked);
    recipients.push({
      id: newId(now),
      messageId: message.id,
      workspaceId: message.workspaceId,
      copyId: copy.id,
      email: person.email,
      name: person.name ?? null,
      kind: person.kind,
      position,
      tracked: tracked ? 1 : 0,
      notTrackedReason: tracked ? null : tracking ? 'do_not_track' : 'tracking_off',
      trackingId: tracked ? newTrackingId() : null,
      delivery: 'queued',
      smtpResponse: null,
      ...ZERO_COUNTERS,
      lastEventAt: null,
      optedOutAt: null,
      erasedAt: null,
    });
  });
  return { copies, recipients };
}

/** Numbers the message's links once: each tracked copy's click tokens carry these numbers. */
async function numberLinks(db: Kysely<Database>, message: MessageRow): Promise<void> {
  const { links } = instrumentMail(
    { html: message.html ?? undefined, text: message.text ?? undefined },
    {},
  );
  await insertMessageLinks(
    db,
    links.map((link) => ({ messageId: message.id, idx: link.index, url: link.url })),
  );
}

/**
 * Sends a draft: locks it (status `queued`, tracking fixed for ever), cuts it into copies — one
 * per recipient with tracking on, one for everybody with it off — and queues one outbox job per
 * copy, all in one transaction, so the message is either wholly queued or still a draft.
 */
export async function queueMessage(
  db: Kysely<Database>,
  user: UserRow,
  id: string,
): Promise<MessageRow> {
  return db.transaction().execute(async (trx) => {
    const message = await workspaceMessage(trx, user.workspaceId, id);
    if (message.status !== 'draft') fail('MB_ERR_MESSAGE_SENT');
    checkComplete({
      to: parseAddresses(message.toList),
      cc: parseAddresses(message.ccList),
      bcc: parseAddresses(message.bccList),
      subject: message.subject,
      html: message.html,
      text: message.text,
    });
    const now = Date.now();
    const sender = await effectiveSender(trx, user);
    const people = addressees(message);
    const tracking = message.trackingEnabled === 1;
    const blocked = tracking
      ? await findDoNotTrack(
          trx,
          user.workspaceId,
          people.flatMap((p) => doNotTrackKeysOf(p.email)),
        )
      : new Set<string>();

    const { copies, recipients } = cutIntoCopies(message, {
      senderEmail: sender.email,
      people,
      tracking,
      blocked,
      now,
    });
    const update = {
      status: 'queued' as const,
      sentAt: now,
      updatedAt: now,
      fromEmail: sender.email,
      fromName: sender.name ?? null,
      language: user.language,
    };
    if (!(await updateMessageIfStatus(trx, id, 'draft', update))) fail('MB_ERR_MESSAGE_SENT');
    await insertCopies(trx, copies, recipients);
    // The sender follows their message: its notifications come to them unless they mute it.
    await followMessage(trx, { messageId: id, userId: user.id, workspaceId: user.workspaceId });
    if (recipients.some((r) => r.tracked === 1)) await numberLinks(trx, message);
    await setAttachmentExpiry(trx, id, now + message.attachmentLinkTtlDays * DAY_MS);
    await SEND_QUEUE.enqueue(
      trx,
      copies.map((copy) => ({ payload: { copyId: copy.id }, idempotencyKey: `send:${copy.id}` })),
      now,
    );
    return { ...message, ...update };
  });
}
