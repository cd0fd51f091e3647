import {
  countOpensUpTo,
  type Db,
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
  newSequence,
  type Store,
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

async function describe(db: Db, event: EventRow, message: MessageRow, known: JobLookups) {
  const recipient = await known.recipient(db, event.recipientId);
  const who = recipient?.name || recipient?.email || '?';
  const url =
    event.linkIdx === null
      ? undefined
      : (await known.links(db, message.id)).find((l) => l.idx === event.linkIdx)?.url;
  const filename =
    event.attachmentId === null
      ? undefined
      : (await known.attachments(db, message.id)).find((a) => a.id === event.attachmentId)
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
function foldKeyOf(event: EventRow): string {
  return `${event.recipientId}:${event.type}:${event.linkIdx ?? event.attachmentId ?? ''}:${event.inferred}`;
}

/** Runs of events that fold together (same recipient, action and target), in order. */
function foldRuns(events: readonly EventRow[]): EventRow[][] {
  const runs = new Map<string, EventRow[]>();
  for (const event of events) {
    const key = `${event.messageId}|${foldKeyOf(event)}`;
    const run = runs.get(key) ?? [];
    run.push(event);
    runs.set(key, run);
  }
  return [...runs.values()];
}

/** Runs of fan-out per transaction: enough to share an fsync, few enough to stall no answer. */
const RUNS_PER_TRANSACTION = 50;

/**
 * What a job's runs read about their messages and recipients, read once per job: the runs of a
 * job mostly share a few messages (a newsletter's copies, a thread's repeats), and each of these
 * reads cost a query per run. Each read takes the transaction it runs in (SQLite has one
 * connection); what it finds does not change within a job.
 */
type Read<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

class JobLookups {
  readonly #messages = new Map<string, Read<typeof findMessageById>>();
  readonly #followers = new Map<string, Read<typeof listListeningFollowers>>();
  readonly #links = new Map<string, Read<typeof listMessageLinks>>();
  readonly #attachments = new Map<string, Read<typeof listMessageAttachments>>();
  readonly #recipients = new Map<string, Read<typeof findRecipientById>>();

  message(db: Db, id: string) {
    return remembered(this.#messages, id, () => findMessageById(db, id));
  }
  followers(db: Db, messageId: string) {
    return remembered(this.#followers, messageId, () => listListeningFollowers(db, messageId));
  }
  links(db: Db, messageId: string) {
    return remembered(this.#links, messageId, () => listMessageLinks(db, messageId));
  }
  attachments(db: Db, messageId: string) {
    return remembered(this.#attachments, messageId, () => listMessageAttachments(db, messageId));
  }
  recipient(db: Db, id: string) {
    return remembered(this.#recipients, id, () => findRecipientById(db, id));
  }
}

async function remembered<V>(map: Map<string, V>, key: string, read: () => Promise<V>): Promise<V> {
  if (map.has(key)) return map.get(key) as V;
  const value = await read();
  map.set(key, value);
  return value;
}

/** Tells a run's followers and writes its chat line; returns the notifications it changed. */
async function tellRun(
  trx: Db,
  run: readonly EventRow[],
  known: JobLookups,
): Promise<NotificationRow[]> {
  const changed: NotificationRow[] = [];
  const last = run.at(-1)!;
  const message = await known.message(trx, last.messageId);
  if (!message) return [];
  const notice = await describe(trx, last, message, known);
  const foldKey = foldKeyOf(last);
  await insertChatLineOnce(trx, {
    id: last.id,
    messageId: message.id,
    workspaceId: message.workspaceId,
    at: last.at,
    authorId: null,
    kind: 'tracking',
    text: noticeText({ ...notice, count: run.length }, message.language as NoticeLanguage),
    data: JSON.stringify({
      eventId: last.id,
      eventIds: run.map((e) => e.id),
      type: last.type,
      recipientId: last.recipientId,
      classification: last.classification,
      reason: last.reason,
    }),
  });
  for (const follower of await known.followers(trx, message.id)) {
    const language = follower.language as NoticeLanguage;
    const seq = newSequence();
    const previous = await findFoldTarget(
      trx,
      follower.userId,
      foldKey,
      run[0]!.at - FOLD_WINDOW_MS,
    );
    if (previous) {
      if (run.some((e) => e.id === previous.eventId)) continue;
      const count = previous.count + run.length;
      const update = {
        text: noticeText({ ...notice, count }, language),
        at: last.at,
        count,
        seq,
        eventId: last.id,
        read: 0,
      };
      await updateNotification(trx, previous.id, update);
      changed.push({ ...previous, ...update });
      continue;
    }
    const row: NotificationRow = {
      id: newId(run[0]!.at),
      workspaceId: message.workspaceId,
      userId: follower.userId,
      messageId: message.id,
      eventId: last.id,
      type: last.type,
      text: noticeText({ ...notice, count: run.length }, language),
      at: last.at,
      count: run.length,
      foldKey,
      read: 0,
      seq,
    };
    await insertNotification(trx, row);
    changed.push(row);
  }
  return changed;
}

/**
 * Tells the followers of each event's message: one notification per follower who has not muted
 * it, in their language, folding repeats; and one line in the message's chat. Repeats in one
 * job are handled as one run (a flood of hits costs one update, not one per hit). Returns what
 * changed, for the live hub. Safe to run twice (a run's chat line is written once).
 */
export async function fanOutEvents(
  store: Pick<Store, 'db' | 'derivedTransaction'>,
  eventIds: readonly string[],
): Promise<NotificationRow[]> {
  const { db } = store;
  const changed: NotificationRow[] = [];
  const settingsOf = new Map<string, Awaited<ReturnType<typeof workspaceSettings>>>();
  const told: EventRow[] = [];
  for (const event of await findEventsByIds(db, eventIds)) {
    const settings =
      settingsOf.get(event.workspaceId) ?? (await workspaceSettings(db, event.workspaceId));
    settingsOf.set(event.workspaceId, settings);
    if (notifies(event, settings.notifyOnMachineEvents)) told.push(event);
  }
  const runs = foldRuns(told);
  const known = new JobLookups();
  // Runs share transactions, a chunk at a time: one commit (one fsync) per chunk rather than per
  // run, and a turn of the event loop between chunks for the requests that came in meanwhile.
  for (let i = 0; i < runs.length; i += RUNS_PER_TRANSACTION) {
    if (i > 0) await new Promise((resolve) => setImmediate(resolve));
    // Derived from the events: lost to a power cut, the job runs again (its completion is lost too).
    await store.derivedTransaction(async (trx) => {
      for (const run of runs.slice(i, i + RUNS_PER_TRANSACTION)) {
        changed.push(...(await tellRun(trx, run, known)));
      }
    });
  }
  return changed;
}
