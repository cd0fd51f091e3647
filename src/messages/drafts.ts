import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import { fail } from '../errors.js';
import { type Address, messageSearchText } from '../mail/index.js';
import { workspaceMessage } from '../notify/index.js';
import {
  type Database,
  type Db,
  findAttachments,
  insertMessage,
  inTransaction,
  type MessageRow,
  newId,
  parseAddresses,
  replaceMessageAttachments,
  type UserRow,
  updateMessageIfStatus,
} from '../store/index.js';
import { effectiveTrackingDefault, workspaceSettings } from '../workspace/index.js';
import {
  type AddressInput,
  type ComposedContent,
  checkAddressList,
  checkComplete,
  type MessageInput,
} from './input.js';
import { checkMessageContent } from './input-schema.js';

/** Who a message is from: the workspace's sender when one is set, else the sending user. */
export async function effectiveSender(db: Db, user: UserRow): Promise<Address> {
  const settings = await workspaceSettings(db, user.workspaceId);
  return settings.defaultSender ?? { email: user.email, name: user.name };
}

/**
 * The From addresses a user may write on a mail they hand us (SMTP submission): their own, and
 * the workspace's sender when one is set — the addresses a message composed in the app or the
 * API can go out from (effectiveSender), and no other.
 */
export async function permittedSenders(db: Db, user: UserRow): Promise<Address[]> {
  const settings = await workspaceSettings(db, user.workspaceId);
  const own = { email: user.email, name: user.name };
  return settings.defaultSender ? [own, settings.defaultSender] : [own];
}

/** The ids, each once, after checking each names an attachment of the workspace (else 400). */
export async function checkAttachments(
  db: Db,
  workspaceId: string,
  ids: readonly string[],
): Promise<string[]> {
  const unique = [...new Set(ids)];
  const found = new Set((await findAttachments(db, workspaceId, unique)).map((a) => a.id));
  const missing = unique.find((id) => !found.has(id));
  if (missing !== undefined)
    fail('MB_ERR_VALIDATION', `attachments: no attachment ${JSON.stringify(missing)}`);
  return unique;
}

/** The columns that hold what was composed, and who it is from. */
function contentColumns(content: ComposedContent, sender: Address) {
  return {
    subject: content.subject,
    html: content.html,
    text: content.text,
    fromEmail: sender.email,
    fromName: sender.name ?? null,
    toList: JSON.stringify(content.to),
    ccList: JSON.stringify(content.cc),
    bccList: JSON.stringify(content.bcc),
    searchText: messageSearchText(content),
  };
}

function listOrKeep(field: string, input: AddressInput[] | undefined, stored: string): Address[] {
  return input === undefined ? parseAddresses(stored) : checkAddressList(field, input);
}

/**
 * Whether a new message is tracked: `enabled` as its author gave it, else the author's tracking
 * default (their own, else their workspace's; `effectiveTrackingDefault`).
 */
export async function trackingOnCreate(
  db: Db,
  user: UserRow,
  tracking: MessageInput['tracking'],
): Promise<boolean> {
  return tracking?.enabled ?? effectiveTrackingDefault(db, user);
}

/**
 * Saves a new draft from `input` (checked whole: 400 validation_failed names what is wrong).
 * Without `tracking.enabled` it starts with the author's tracking default (trackingOnCreate).
 * Runs in `db`'s transaction when it is one (SMTP submission creates and queues in one), else in
 * its own.
 */
export async function createMessage(
  db: Db,
  config: Config,
  user: UserRow,
  input: MessageInput & { to: AddressInput[]; subject: string },
): Promise<MessageRow> {
  const content = {
    to: checkAddressList('to', input.to),
    cc: checkAddressList('cc', input.cc ?? []),
    bcc: checkAddressList('bcc', input.bcc ?? []),
    subject: input.subject,
    html: input.html ?? null,
    text: input.text ?? null,
  };
  checkMessageContent(content);
  checkComplete(content);
  const sender = await effectiveSender(db, user);
  const now = Date.now();
  const row: MessageRow = {
    id: newId(now),
    workspaceId: user.workspaceId,
    senderId: user.id,
    status: 'draft',
    ...contentColumns(content, sender),
    trackingEnabled: (await trackingOnCreate(db, user, input.tracking)) ? 1 : 0,
    attachmentLinkTtlDays: input.tracking?.attachmentLinkTtlDays ?? config.attachmentLinkTtlDays,
    language: user.language,
    trackingPolicy: null,
    aggregateId: null,
    aggregateOpens: 0,
    aggregateMachineOpens: 0,
    createdAt: now,
    updatedAt: now,
    sentAt: null,
  };
  await inTransaction(db, async (trx) => {
    const attachments = await checkAttachments(trx, user.workspaceId, input.attachments ?? []);
    await insertMessage(trx, row);
    await replaceMessageAttachments(trx, row.id, attachments);
  });
  return row;
}

/**
 * Changes a draft. Anything else is `409 message_sent`, checked again at write time, so tracking
 * can never be switched on (or anything else changed) once a message has been sent.
 */
export async function updateDraft(
  db: Kysely<Database>,
  user: UserRow,
  id: string,
  input: MessageInput,
): Promise<MessageRow> {
  return db.transaction().execute(async (trx) => {
    const message = await workspaceMessage(trx, user.workspaceId, id);
    if (message.status !== 'draft') fail('MB_ERR_MESSAGE_SENT');
    const content = {
      to: listOrKeep('to', input.to, message.toList),
      cc: listOrKeep('cc', input.cc, message.ccList),
      bcc: listOrKeep('bcc', input.bcc, message.bccList),
      subject: input.subject ?? message.subject,
      html: input.html === undefined ? message.html : input.html,
      text: input.text === undefined ? message.text : input.text,
    };
    checkMessageContent(content);
    checkComplete(content);
    const sender = await effectiveSender(trx, user);
    const update = {
      ...contentColumns(content, sender),
      trackingEnabled:
        input.tracking?.enabled === undefined
          ? message.trackingEnabled
          : input.tracking.enabled
            ? 1
            : 0,
      attachmentLinkTtlDays: input.tracking?.attachmentLinkTtlDays ?? message.attachmentLinkTtlDays,
      updatedAt: Date.now(),
    };
    if (!(await updateMessageIfStatus(trx, id, 'draft', update))) fail('MB_ERR_MESSAGE_SENT');
    if (input.attachments !== undefined) {
      await replaceMessageAttachments(
        trx,
        id,
        await checkAttachments(trx, user.workspaceId, input.attachments),
      );
    }
    return { ...message, ...update };
  });
}
