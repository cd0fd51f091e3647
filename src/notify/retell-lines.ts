import {
  type ChatLineRow,
  countFoldedEvents,
  type Db,
  deleteChatLines,
  type EventRow,
  findEventsByIds,
  idTime,
  lastEventsBefore,
  listChatLinesToRetell,
  listLinesToRetell,
  listUsers,
  type NoticeMessage,
  type NotificationRow,
  updateChatLine,
  updateNotification,
} from '../store/index.js';
import { workspaceSettings } from '../workspace/index.js';
import { trackingLineData } from './chat-folds.js';
import { describeRuns } from './describe-runs.js';
import { type EventNotice, eventFact } from './facts.js';
import { foldKeyOf } from './fold.js';
import type { JobLookups } from './job-lookups.js';

type Label = NonNullable<EventRow['classification']>;

/** One fold key's lines to retell: from its earliest relabelled event, as the events are now. */
interface Retelling {
  readonly trx: Db;
  /** The earliest relabelled event of the key: its facts name the key's events. */
  readonly first: EventRow;
  readonly message: NoticeMessage;
  /** The labels that tell anybody in the message's workspace (machines where it hears them). */
  readonly labels: readonly Label[];
  readonly known: JobLookups;
  /** The facts of a line whose latest event is this one, standing for `count` events. */
  readonly factOf: (last: EventRow, count: number) => Promise<string>;
}

/**
 * Retells what the team was told about the events with `first`'s fold key (recipient, action,
 * link or file), from `first` on, after some of them were relabelled a machine's: each line's
 * count and latest event are read again from the events with a label that tells (those in the
 * line's range: after the line before it, up to its latest event), and its facts written anew —
 * which also corrects later opens' ordinals ("2nd time"), since the ordinal counts people's opens.
 * A chat line left with no event is deleted; a notification is retracted (kept, marked, with a
 * new change sequence, so a resuming live client hears of it). Only what differs is written, so
 * a job run again changes nothing and publishes nothing. Returns the notifications it changed.
 */
export async function retellFoldKey(
  trx: Db,
  first: EventRow,
  known: JobLookups,
  nextSequence: () => string,
): Promise<NotificationRow[]> {
  const message = (await known.messages(trx, [first.messageId]))(first.messageId);
  if (!message) return [];
  const settings = await workspaceSettings(trx, first.workspaceId);
  const labels: Label[] = settings.notifyOnMachineEvents
    ? ['human', 'proxy', 'machine']
    : ['human', 'proxy'];
  // By event id: the chat's and each user's lines read the same latest event as rows of their own.
  const notices = new Map<string, EventNotice>();
  const factOf = async (last: EventRow, count: number) => {
    let notice = notices.get(last.id);
    if (!notice) {
      notice = (await describeRuns(trx, [{ last, message }], known)).get(last)!;
      notices.set(last.id, notice);
    }
    return eventFact(notice, count);
  };
  const retelling: Retelling = { trx, first, message, labels, known, factOf };
  await retellChat(retelling);
  return retellNotifications(retelling, nextSequence);
}

/** A line's events as they are labelled now: how many tell, and the latest of them. */
async function lineEvents(
  { trx, first, labels }: Retelling,
  range: { after: string | undefined; upTo: string; since?: number },
): Promise<{ count: number; last: EventRow | undefined }> {
  const { count, lastId } = await countFoldedEvents(trx, first, labels, range);
  if (count === 0 || lastId === null) return { count: 0, last: undefined };
  const [last] = await findEventsByIds(trx, [lastId]);
  return { count, last };
}

/** The message's chat: every line hears every told event, so a line's range is exact. */
async function retellChat(retelling: Retelling): Promise<void> {
  const { trx, first } = retelling;
  const { lines, before } = await listChatLinesToRetell(trx, foldKeyOf(first), first.id);
  let after = before;
  const gone: string[] = [];
  for (const line of lines as (ChatLineRow & { eventId: string })[]) {
    const { count, last } = await lineEvents(retelling, { after, upTo: line.eventId });
    after = line.eventId;
    if (!last) {
      // A chat that never hears machines keeps no line about one.
      gone.push(line.id);
      continue;
    }
    const fact = await retelling.factOf(last, count);
    if (fact === line.fact && count === line.count && last.id === line.eventId) continue;
    await updateChatLine(trx, line.id, {
      fact,
      at: last.at,
      count,
      eventId: last.id,
      data: trackingLineData(last, count),
    });
  }
  await deleteChatLines(trx, gone);
}

/**
 * Each user's notifications. A follower may have followed, or unmuted, in the middle of the
 * events: a line's range also starts no earlier than its first event (its id's time).
 */
async function retellNotifications(
  retelling: Retelling,
  nextSequence: () => string,
): Promise<NotificationRow[]> {
  const { trx, first } = retelling;
  const users = await listUsers(trx, first.workspaceId);
  const userIds = users.map((u) => u.id);
  const foldKey = foldKeyOf(first);
  const lines = await listLinesToRetell(trx, userIds, foldKey, first.id);
  const befores = await lastEventsBefore(trx, userIds, foldKey, first.id);
  const changed: NotificationRow[] = [];
  for (const line of lines as (NotificationRow & { eventId: string })[]) {
    const after = befores.get(line.userId);
    befores.set(line.userId, line.eventId);
    const range = { after, upTo: line.eventId, since: idTime(line.id) };
    const { count, last } = await lineEvents(retelling, range);
    const update = last
      ? {
          fact: await retelling.factOf(last, count),
          at: last.at,
          count,
          eventId: last.id,
          classification: last.classification,
          retracted: 0,
        }
      : {
          fact: line.fact,
          at: line.at,
          count: 0,
          eventId: line.eventId,
          classification: line.classification,
          retracted: 1,
        };
    // A relabel between a person and an image proxy changes the label alone.
    const same =
      update.fact === line.fact &&
      update.count === line.count &&
      update.eventId === line.eventId &&
      update.classification === line.classification;
    if (same && update.retracted === line.retracted) continue;
    const seq = nextSequence();
    await updateNotification(trx, line.id, { ...update, seq });
    changed.push({ ...line, ...update, seq });
  }
  return changed;
}
