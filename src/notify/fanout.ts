import { toLanguage } from '../i18n/index.js';
import {
  countOpensUpToEach,
  type Db,
  type EventRow,
  findEventsByIds,
  findFoldTargets,
  findNoticeMessages,
  findRecipientNames,
  insertChatLinesOnce,
  insertNotifications,
  listListeningFollowersOf,
  listMessageAttachments,
  listMessageLinksOf,
  type NewNotificationRow,
  type NoticeMessage,
  type NotificationRow,
  newId,
  newSequence,
  type Store,
  updateNotification,
} from '../store/index.js';
import { workspaceSettings } from '../workspace/index.js';
import { type EventNotice, noticeText } from './wording.js';

/**
 * Repeats of the same recipient, action and target within this long fold into one notification
 * (its count goes up); the message's chat keeps a line per run.
 */
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

/** What repeats share to fold into one notification: recipient, action, target, inferred or not. */
function foldKeyOf(event: EventRow): string {
  return `${event.recipientId}:${event.type}:${event.linkIdx ?? event.attachmentId ?? ''}:${event.inferred}`;
}

/** A job's events as runs that fold together (same message, recipient, action and target). */
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
 * What a job's runs read about their messages, read once per job: the runs of a job mostly share
 * a few messages (a newsletter's copies, a thread's repeats). Each read takes the transaction it
 * runs in (SQLite has one connection); what it finds does not change within a job.
 */
class JobLookups {
  readonly #messages = new Map<string, NoticeMessage | undefined>();
  readonly #followers = new Map<string, EachOf<typeof listListeningFollowersOf> | undefined>();
  readonly #links = new Map<string, EachOf<typeof listMessageLinksOf> | undefined>();
  readonly #attachments = new Map<string, Read<typeof listMessageAttachments>>();

  /** The message of each id, when it exists. */
  messages(db: Db, ids: readonly string[]) {
    return readMissing(this.#messages, ids, (missing) => findNoticeMessages(db, missing));
  }
  /** Each message's listening followers. */
  async followers(db: Db, messageIds: readonly string[]) {
    const of = await readMissing(this.#followers, messageIds, (missing) =>
      listListeningFollowersOf(db, missing),
    );
    return (messageId: string) => of(messageId) ?? [];
  }
  /** Each message's links. */
  async links(db: Db, messageIds: readonly string[]) {
    const of = await readMissing(this.#links, messageIds, (missing) =>
      listMessageLinksOf(db, missing),
    );
    return (messageId: string) => of(messageId) ?? [];
  }
  attachments(db: Db, messageId: string) {
    return remembered(this.#attachments, messageId, () => listMessageAttachments(db, messageId));
  }
}

type Read<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;
/** The value type of the Map a many-keys read resolves to. */
type EachOf<F extends (...args: never[]) => unknown> =
  Read<F> extends Map<string, infer V> ? V : never;

/**
 * Reads the keys `known` has not seen yet with one `read` of them all (a key `read` does not
 * find is remembered as absent), then answers for any key from `known`.
 */
async function readMissing<V>(
  known: Map<string, V | undefined>,
  keys: readonly string[],
  read: (missing: string[]) => Promise<Map<string, V>>,
): Promise<(key: string) => V | undefined> {
  const missing = [...new Set(keys)].filter((key) => !known.has(key));
  if (missing.length > 0) {
    const found = await read(missing);
    for (const key of missing) known.set(key, found.get(key));
  }
  return (key) => known.get(key);
}

async function remembered<V>(map: Map<string, V>, key: string, read: () => Promise<V>): Promise<V> {
  if (map.has(key)) return map.get(key) as V;
  const value = await read();
  map.set(key, value);
  return value;
}

/**
 * What each run's notice says (who, which link or file, the how-manieth open), for a chunk of
 * runs with a handful of queries rather than several per run. By the run's last event.
 */
async function describeRuns(
  trx: Db,
  runs: readonly { last: EventRow; message: NoticeMessage }[],
  known: JobLookups,
): Promise<Map<EventRow, EventNotice>> {
  const lasts = runs.map((r) => r.last);
  const names = await findRecipientNames(trx, [...new Set(lasts.map((e) => e.recipientId))]);
  const ordinals = await countOpensUpToEach(
    trx,
    lasts.filter((e) => e.type === 'open'),
  );
  const linksOf = await known.links(
    trx,
    runs.filter((r) => r.last.linkIdx !== null).map((r) => r.message.id),
  );
  const notices = new Map<EventRow, EventNotice>();
  for (const { last, message } of runs) {
    const recipient = names.get(last.recipientId);
    const url =
      last.linkIdx === null
        ? undefined
        : linksOf(message.id).find((l) => l.idx === last.linkIdx)?.url;
    const filename =
      last.attachmentId === null
        ? undefined
        : (await known.attachments(trx, message.id)).find((a) => a.id === last.attachmentId)
            ?.filename;
    notices.set(last, {
      type: last.type,
      who: recipient?.name || recipient?.email || '?',
      subject: message.subject,
      url,
      filename,
      openNumber: last.type === 'open' ? (ordinals.get(last.id) ?? 0) : undefined,
      inferred: last.inferred === 1,
      ...(last.classification === 'machine' && last.inferred !== 1
        ? { machineReason: last.reason }
        : {}),
    });
  }
  return notices;
}

/**
 * Tells the followers of a chunk of runs and writes each run's chat line; returns the
 * notifications it changed, in the order their sequence numbers were taken. Runs of one job never
 * share a fold key (foldRuns merged them), so the fold targets read before any write are the ones
 * each run would have found on its own.
 */
async function tellRuns(
  trx: Db,
  chunk: readonly EventRow[][],
  known: JobLookups,
): Promise<NotificationRow[]> {
  const messageOf = await known.messages(
    trx,
    chunk.map((run) => run.at(-1)!.messageId),
  );
  const runs = chunk.flatMap((events) => {
    const last = events.at(-1)!;
    const message = messageOf(last.messageId);
    return message ? [{ events, last, message, foldKey: foldKeyOf(last) }] : [];
  });
  const notices = await describeRuns(trx, runs, known);
  await insertChatLinesOnce(
    trx,
    runs.map(({ events, last, message }) => ({
      id: last.id,
      messageId: message.id,
      workspaceId: message.workspaceId,
      at: last.at,
      authorId: null,
      kind: 'tracking' as const,
      text: noticeText(
        { ...notices.get(last)!, count: events.length },
        toLanguage(message.language),
      ),
      data: JSON.stringify({
        eventId: last.id,
        eventIds: events.map((e) => e.id),
        type: last.type,
        recipientId: last.recipientId,
        classification: last.classification,
        reason: last.reason,
      }),
    })),
  );
  const followersOf = await known.followers(
    trx,
    runs.map((r) => r.message.id),
  );
  const since = (events: readonly EventRow[]) => events[0]!.at - FOLD_WINDOW_MS;
  const candidates = await findFoldTargets(
    trx,
    [...new Set(runs.flatMap((r) => followersOf(r.message.id).map((f) => f.userId)))],
    [...new Set(runs.map((r) => r.foldKey))],
    Math.min(...runs.map((r) => since(r.events))),
  );
  const changed: NotificationRow[] = [];
  const inserted: NewNotificationRow[] = [];
  for (const { events, last, message, foldKey } of runs) {
    const notice = notices.get(last)!;
    for (const follower of followersOf(message.id)) {
      const language = toLanguage(follower.language);
      const seq = newSequence();
      // Newest first: the first that fits is the one to fold into.
      const previous = candidates.find(
        (n) => n.userId === follower.userId && n.foldKey === foldKey && n.at >= since(events),
      );
      if (previous) {
        // Told already: this job ran before and its completion was lost.
        if (events.some((e) => e.id === previous.eventId)) continue;
        const count = previous.count + events.length;
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
        id: newId(events[0]!.at),
        workspaceId: message.workspaceId,
        userId: follower.userId,
        messageId: message.id,
        eventId: last.id,
        type: last.type,
        text: noticeText({ ...notice, count: events.length }, language),
        at: last.at,
        count: events.length,
        foldKey,
        read: 0,
        seq,
      };
      inserted.push(row);
      changed.push(row);
    }
  }
  await insertNotifications(trx, inserted);
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
      changed.push(...(await tellRuns(trx, runs.slice(i, i + RUNS_PER_TRANSACTION), known)));
    });
  }
  return changed;
}
