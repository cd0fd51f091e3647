import { addressKey } from '../mail/index.js';
import { queueFanOut } from '../notify/index.js';
import {
  addReplyToRecipient,
  advanceMailboxPosition,
  type Db,
  findCopiesByMessageIdHeaders,
  hasOpenEvent,
  hasReplyWithMessageId,
  insertEventRows,
  listCopyRecipients,
  listMemberEmails,
  type NewEventRow,
  newId,
  precedingId,
  type RecipientRow,
  type Store,
} from '../store/index.js';
import type { IncomingMail } from './incoming.js';

/** Where the INBOX has been read to: its UIDVALIDITY and the last UID recorded. */
export interface InboxPosition {
  readonly uidValidity: number;
  readonly lastUid: number;
}

/** The position moved under us: another node (or an earlier run) read these mails already. */
export class PositionMovedError extends Error {
  override readonly name = 'PositionMovedError';
}

/** The key of an address, or the address itself when it has none. */
const keyOf = (email: string) => addressKey(email) ?? email;

/**
 * The recipient a mail answers, among the recipients of the copy it names: the one who sent it
 * (compared by address key); else, for a copy that went to one recipient only, that one (a
 * colleague of theirs, or their other address, answering in their thread). Undefined when the
 * copy went to several and none of them sent it.
 */
function answeringRecipient(
  recipients: readonly RecipientRow[],
  from: IncomingMail['from'],
): RecipientRow | undefined {
  const key = from ? keyOf(from.email) : undefined;
  const sender = recipients.find((r) => r.emailKey === key);
  if (sender) return sender;
  return recipients.length === 1 ? recipients[0] : undefined;
}

/**
 * The events a mail of the INBOX becomes: none when it names none of our copies, or its
 * recipient is not tracked any more (untracked at send — the do-not-track list, the policy, a
 * missing consent —, opted out or erased: a reply is recorded only where tracking is); else a
 * `reply` (a person's) or an `auto_reply` (a machine's, labelled `machine` with its reason), and
 * before a reply an inferred open when the copy was never seen opened. A reply from a member of
 * the workspace (a colleague answering in the thread) is `self`: recorded, counted nowhere.
 */
async function eventsOf(
  db: Db,
  workspaceId: string,
  mail: IncomingMail,
  at: number,
): Promise<{ events: NewEventRow[]; recipient?: RecipientRow }> {
  const copies = await findCopiesByMessageIdHeaders(db, workspaceId, mail.answers);
  // The most telling id first (In-Reply-To, then the newest reference).
  const copy = mail.answers
    .map((id) => copies.find((c) => c.messageIdHeader === id))
    .find((c) => c !== undefined);
  if (!copy) return { events: [] };
  const recipient = answeringRecipient(await listCopyRecipients(db, copy.id), mail.from);
  if (recipient?.tracked !== 1) return { events: [] };
  if (recipient.optedOutAt !== null || recipient.erasedAt !== null) return { events: [] };
  // The same mail again under a new UID (delivered twice, moved to Trash and back): one reply.
  if (mail.messageId !== null && (await hasReplyWithMessageId(db, recipient.id, mail.messageId))) {
    return { events: [] };
  }
  const members = (await listMemberEmails(db, [workspaceId])).get(workspaceId) ?? new Set();
  const fromKey = mail.from ? keyOf(mail.from.email) : undefined;
  const self = fromKey !== undefined && [...members].some((m) => keyOf(m) === fromKey);
  const base = {
    workspaceId,
    messageId: recipient.messageId,
    recipientId: recipient.id,
    at,
    method: 'IMAP',
    inferred: 0,
  };
  const id = newId(at);
  if (mail.automatic) {
    const event: NewEventRow = {
      ...base,
      id,
      type: 'auto_reply',
      classification: self ? 'self' : 'machine',
      reason: mail.automatic,
      details: JSON.stringify({ excerpt: mail.excerpt, messageId: mail.messageId }),
    };
    return { events: [event], recipient };
  }
  const reply: NewEventRow = {
    ...base,
    id,
    type: 'reply',
    classification: self ? 'self' : 'human',
    reason: self ? 'workspace_member' : null,
    details: JSON.stringify({ excerpt: mail.excerpt, messageId: mail.messageId }),
  };
  const opened =
    recipient.opens + recipient.machineOpens > 0 || (await hasOpenEvent(db, recipient.id));
  if (self || opened) return { events: [reply], recipient };
  // Whoever replied read the mail: the open it implies, just before the reply.
  const open: NewEventRow = {
    ...base,
    id: precedingId(id),
    type: 'open',
    classification: 'human',
    inferred: 1,
  };
  return { events: [open, reply], recipient };
}

/**
 * Records one mail of the INBOX, UID `to.lastUid`, in one transaction: the position moves from
 * `from` to `to`, and when the mail answers one of our tracked copies its events are written,
 * the recipient's `replied` (a person's reply only) and `opens` (an inferred open) go up and the
 * fan-out's job is queued (notifications, chat line, webhooks; src/notify). All or nothing: a
 * crash before the commit reads the mail again, after it never; a position that moved meanwhile
 * (another node read it) throws PositionMovedError and rolls everything back, so no mail counts
 * twice. `mail` undefined: a mail that is not ours, only the position moves. `now`: epoch ms.
 * Returns the events written.
 */
export async function recordIncoming(
  store: Pick<Store, 'db'>,
  workspaceId: string,
  account: string,
  from: InboxPosition,
  to: InboxPosition,
  mail: IncomingMail | undefined,
  now: number,
): Promise<NewEventRow[]> {
  return store.db.transaction().execute(async (trx) => {
    if (!(await advanceMailboxPosition(trx, workspaceId, account, from, to))) {
      throw new PositionMovedError('the INBOX position moved: another node read these mails');
    }
    if (!mail || mail.answers.length === 0) return [];
    const { events, recipient } = await eventsOf(trx, workspaceId, mail, now);
    if (events.length === 0 || !recipient) return [];
    await insertEventRows(trx, events);
    const counted = (type: string) =>
      events.filter((e) => e.type === type && e.classification === 'human').length;
    await addReplyToRecipient(trx, recipient.id, {
      replies: counted('reply'),
      opens: counted('open'),
      at: now,
    });
    // No settle window: no scanner replies.
    await queueFanOut(trx, events, 0, now);
    return events;
  });
}
