import type { Kysely } from 'kysely';
import {
  countOpensUpTo,
  type Database,
  type EventRow,
  findEventsByIds,
  findFoldTarget,
  findMessageById,
  findRecipientById,
  insertChatLineOnce,
  insertNotification,
  listListeningFollowers,
  listMessageAttachments,
  listMessageLinks,
  type MessageRow,
  type NotificationRow,
  newId,
  updateNotification,
} from '../store/index.js';
import { workspaceSettings } from '../workspace/index.js';
import { type EventNotice, type NoticeLanguage, noticeText } from './wording.js';

/** Repeats of the same recipient, action and target within this long fold into one line. */
export const FOLD_WINDOW_MS = 60_000;

/**
 * Whether an event tells anybody: people (`human`) and proxies fetching for a person (`proxy`)
 * do — an inferred open takes its click's label —; machines only where the workspace asked for
 * them; `self` never.
 */
function notifies(event: EventRow, notifyOnMachineEvents: boolean): boolean {
  if (event.classification === 'self') return false;
  if (event.classification === 'machine') return notifyOnMachineEvents;
  return true;
}

async function describe(db: Kysely<Database>, event: EventRow, message: MessageRow) {
  const recipient = await findRecipientById(db, event.recipientId);
  const who = recipient?.name || recipient?.email || '?';
  const url =
    event.linkIdx === null
      ? undefined
      : (await listMessageLinks(db, message.id)).find((l) => l.idx === event.linkIdx)?.url;
  const filename =
    event.attachmentId === null
      ? undefined
      : (await listMessageAttachments(db, message.id)).find((a) => a.id === event.attachmentId)
          ?.filename;
  const openNumber =
    event.type === 'open' ? await countOpensUpTo(db, event.recipientId, event.id) : undefined;
  const notice: EventNotice = {
    type: event.type,
    who,
    subject: message.subject,
    url,
    filename,
    openNumber,
    inferred: event.inferred === 1,
    ...(event.classification === 'machine' && event.inferred !== 1
      ? { machineReason: event.reason }
      : {}),
  };
  return notice;
}

/**
 * Tells the followers of each event's message: one notification per follower who has not muted
 * it, in their language, folding repeats; and one line in the message's chat. Returns what
 * changed, for the live hub. Safe to run twice for an event (the chat line is written once).
 */
export async function fanOutEvents(
  db: Kysely<Database>,
  eventIds: readonly string[],
): Promise<NotificationRow[]> {
  const changed: NotificationRow[] = [];
  for (const event of await findEventsByIds(db, eventIds)) {
    const message = await findMessageById(db, event.messageId);
    if (!message) continue;
    const settings = await workspaceSettings(db, event.workspaceId);
    if (!notifies(event, settings.notifyOnMachineEvents)) continue;
    const notice = await describe(db, event, message);
    const foldKey = `${event.recipientId}:${event.type}:${event.linkIdx ?? event.attachmentId ?? ''}:${event.inferred}`;
    await db.transaction().execute(async (trx) => {
      await insertChatLineOnce(trx, {
        id: event.id,
        messageId: message.id,
        workspaceId: message.workspaceId,
        at: event.at,
        authorId: null,
        kind: 'tracking',
        text: noticeText(notice, message.language as NoticeLanguage),
        data: JSON.stringify({
          eventId: event.id,
          type: event.type,
          recipientId: event.recipientId,
          classification: event.classification,
          reason: event.reason,
        }),
      });
      for (const follower of await listListeningFollowers(trx, message.id)) {
        const language = follower.language as NoticeLanguage;
        const seq = newId();
        const previous = await findFoldTarget(
          trx,
          follower.userId,
          foldKey,
          event.at - FOLD_WINDOW_MS,
        );
        if (previous) {
          if (previous.eventId === event.id) continue;
          const count = previous.count + 1;
          const update = {
            text: noticeText({ ...notice, count }, language),
            at: event.at,
            count,
            seq,
            eventId: event.id,
            read: 0,
          };
          await updateNotification(trx, previous.id, update);
          changed.push({ ...previous, ...update });
          continue;
        }
        const row: NotificationRow = {
          id: newId(event.at),
          workspaceId: message.workspaceId,
          userId: follower.userId,
          messageId: message.id,
          eventId: event.id,
          type: event.type,
          text: noticeText(notice, language),
          at: event.at,
          count: 1,
          foldKey,
          read: 0,
          seq,
        };
        await insertNotification(trx, row);
        changed.push(row);
      }
    });
  }
  return changed;
}
