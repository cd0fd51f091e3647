import { domainToASCII } from 'node:url';
import { Type } from 'typebox';
import { fail } from '../errors.js';
import { defineQueue } from '../jobs/index.js';
import { type Address, addressKey, type TrackedLink } from '../mail/index.js';
import { workspaceMessage } from '../notify/index.js';
import {
  type CopyTable,
  type Db,
  findDoNotTrack,
  followMessage,
  insertCopies,
  insertMessageLinks,
  inTransaction,
  type MessageRow,
  type NotTrackedReason,
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
import type { TrackingPolicy } from '../vocabulary.js';
import { consentedKeys, doNotTrackKeysOf, workspaceSettings } from '../workspace/index.js';
import { effectiveSender } from './drafts.js';
import { checkComplete } from './input.js';
import { rewritesLinks, trackedLinks } from './link-limit.js';
import { SENT_FOLDER_QUEUE } from './sent-folder-queue.js';

/** Sending one recipient copy (sendCopyHandler), queued with the message. */
export const SEND_QUEUE = defineQueue('send', Type.Object({ copyId: Type.String() }));

interface Addressee extends Address {
  readonly kind: RecipientKind;
}

/**
 * An address's key for everything that compares people: its `addressKey`; an address with none
 * (its domain is not valid IDNA, so it was never valid) keys as itself and matches only itself.
 */
function keyOf(email: string): string {
  return addressKey(email) ?? email;
}

/**
 * to, then cc, then bcc; an address listed twice — in any spelling (`Anna@X.it`, `anna@x.it`) —
 * receives one copy, under its first kind.
 */
function addressees(message: MessageRow): Addressee[] {
  const seen = new Set<string>();
  const all: Addressee[] = [];
  for (const [kind, json] of [
    ['to', message.toList],
    ['cc', message.ccList],
    ['bcc', message.bccList],
  ] as const) {
    for (const address of parseAddresses(json)) {
      const key = keyOf(address.email);
      if (seen.has(key)) continue;
      seen.add(key);
      all.push({ ...address, kind });
    }
  }
  return all;
}

/** The Message-ID for `id` sent from `from`: `<id@domain-of-from>` (punycode), RFC 5322 §3.6.4. */
export function messageIdFor(id: string, from: string): string {
  const domain = domainToASCII(from.slice(from.lastIndexOf('@') + 1)) || 'mailbeacon.invalid';
  return `<${id}@${domain}>`;
}

/** Whether one recipient's copy is tracked, and if not, why (the recipient row says so). */
type Decision =
  | { readonly tracked: true }
  | { readonly tracked: false; readonly reason: NotTrackedReason };

/**
 * How a recipient's copy tracks, the message's switch and the workspace's policy at send time
 * taken together: the switch off or the policy `off` track no one; the do-not-track list (where
 * opt-outs go) wins over everything else, consent included; under `consent` only an address with
 * a consent in force is tracked; under `aggregate` no one is, and the copy carries the message's
 * shared pixel instead.
 */
function decide(
  email: string,
  how: {
    readonly tracking: boolean;
    readonly policy: TrackingPolicy;
    readonly blocked: ReadonlySet<string>;
    readonly consented: ReadonlySet<string>;
  },
): Decision {
  if (!how.tracking) return { tracked: false, reason: 'tracking_off' };
  if (how.policy === 'off') return { tracked: false, reason: 'policy_off' };
  if (doNotTrackKeysOf(email).some((key) => how.blocked.has(key))) {
    return { tracked: false, reason: 'do_not_track' };
  }
  if (how.policy === 'aggregate') return { tracked: false, reason: 'aggregate' };
  if (how.policy === 'consent' && !how.consented.has(addressKey(email) ?? '')) {
    return { tracked: false, reason: 'no_consent' };
  }
  return { tracked: true };
}

/** Reasons whose recipients all share one copy: nothing in it is anyone's own. */
const SHARED: ReadonlySet<NotTrackedReason> = new Set(['tracking_off', 'policy_off', 'aggregate']);

/**
 * The copies of a message and their recipients: one copy per tracked recipient (with its own
 * tracking id) and per recipient the do-not-track list or a missing consent leaves untracked;
 * one copy for everybody when tracking is off (switch or policy), and one for everybody under
 * `aggregate` (its shared pixel is the same for all). `now` in epoch ms.
 */
function cutIntoCopies(
  message: MessageRow,
  how: {
    readonly senderEmail: string;
    readonly people: readonly Addressee[];
    readonly tracking: boolean;
    readonly policy: TrackingPolicy;
    readonly blocked: ReadonlySet<string>;
    readonly consented: ReadonlySet<string>;
    readonly now: number;
  },
): { copies: CopyTable[]; recipients: RecipientTable[] } {
  const { now } = how;
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
  const shared = new Map<NotTrackedReason, CopyTable>();
  how.people.forEach((person, position) => {
    const decision = decide(person.email, how);
    const reason = decision.tracked ? null : decision.reason;
    let copy: CopyTable;
    if (reason !== null && SHARED.has(reason)) {
      copy = shared.get(reason) ?? newCopy(false);
      shared.set(reason, copy);
    } else copy = newCopy(decision.tracked);
    recipients.push({
      id: newId(now),
      messageId: message.id,
      workspaceId: message.workspaceId,
      copyId: copy.id,
      email: person.email,
      emailKey: keyOf(person.email),
      name: person.name ?? null,
      kind: person.kind,
      position,
      tracked: decision.tracked ? 1 : 0,
      notTrackedReason: reason,
      trackingId: decision.tracked ? newTrackingId() : null,
      delivery: 'queued',
      smtpResponse: null,
      ...ZERO_COUNTERS,
      lastEventAt: null,
      optedOutAt: null,
      erasedAt: null,
      replied: 0,
    });
  });
  return { copies, recipients };
}

/** Numbers the message's links once: each tracked copy's click tokens carry these numbers. */
async function numberLinks(
  db: Db,
  message: MessageRow,
  links: readonly TrackedLink[],
): Promise<void> {
  await insertMessageLinks(
    db,
    links.map((link) => ({ messageId: message.id, idx: link.index, url: link.url })),
  );
}

/**
 * Sends a draft: locks it (status `queued`, tracking and the workspace's tracking policy fixed
 * for ever), cuts it into copies (cutIntoCopies) and queues one outbox job per
 * copy, all in one transaction, so the message is either wholly queued or still a draft (the
 * caller's, when `db` is one). A message not a draft is 409 message_sent; over the link limit 400.
 */
export async function queueMessage(db: Db, user: UserRow, id: string): Promise<MessageRow> {
  return inTransaction(db, async (trx) => {
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
    // The policy in force now goes with the message: changing the setting later changes no mail
    // already sent.
    const settings = await workspaceSettings(trx, user.workspaceId);
    const policy = settings.trackingPolicy;
    const tracks = tracking && policy !== 'off';
    // Over the limit, the send is refused (400) and the message stays a draft.
    const links = rewritesLinks(tracking, policy) ? trackedLinks(message) : [];
    const emails = people.map((p) => p.email);
    const blocked = tracks
      ? await findDoNotTrack(trx, user.workspaceId, emails.flatMap(doNotTrackKeysOf))
      : new Set<string>();
    const consented =
      tracks && policy === 'consent'
        ? await consentedKeys(trx, user.workspaceId, emails)
        : new Set<string>();

    const { copies, recipients } = cutIntoCopies(message, {
      senderEmail: sender.email,
      people,
      tracking,
      policy,
      blocked,
      consented,
      now,
    });
    const aggregate = recipients.some((r) => r.notTrackedReason === 'aggregate');
    const update = {
      status: 'queued' as const,
      sentAt: now,
      updatedAt: now,
      fromEmail: sender.email,
      fromName: sender.name ?? null,
      language: user.language,
      trackingPolicy: policy,
      aggregateId: aggregate ? newTrackingId() : null,
    };
    if (!(await updateMessageIfStatus(trx, id, 'draft', update))) fail('MB_ERR_MESSAGE_SENT');
    await insertCopies(trx, copies, recipients);
    // The sender follows their message: its notifications come to them unless they mute it.
    await followMessage(trx, { messageId: id, userId: user.id, workspaceId: user.workspaceId });
    if (recipients.some((r) => r.tracked === 1)) await numberLinks(trx, message, links);
    await setAttachmentExpiry(trx, id, now + message.attachmentLinkTtlDays * DAY_MS);
    await SEND_QUEUE.enqueue(
      trx,
      copies.map((copy) => ({ payload: { copyId: copy.id }, idempotencyKey: `send:${copy.id}` })),
      now,
    );
    // The team's copy for the shared mailbox's Sent folder, committed with the send: a mailbox
    // that is down holds up this job alone.
    if (settings.mailbox) {
      await SENT_FOLDER_QUEUE.enqueue(
        trx,
        [
          {
            payload: { messageId: id },
            idempotencyKey: `mailbox-sent:${id}`,
            // One append at a time per mailbox: a stalled server holds up its own workspace only.
            group: `mailbox:${message.workspaceId}`,
          },
        ],
        now,
      );
    }
    return { ...message, ...update };
  });
}
