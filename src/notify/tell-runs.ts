import {
  type Db,
  type EventRow,
  findFoldTargets,
  insertNotifications,
  type NewNotificationRow,
  type NotificationRow,
  newId,
  updateNotification,
} from '../store/index.js';
import { writeChatLines } from './chat-folds.js';
import { describeRuns } from './describe-runs.js';
import { type EventNotice, notificationFact } from './facts.js';
import { foldInto, foldKeyOf, foldWindowStart, type Run } from './fold.js';
import type { JobLookups } from './job-lookups.js';

type Follower = { userId: string };

/**
 * Tells the followers of a chunk of runs (the same facts for each: every reader words them in
 * their own language when reading) and writes (or folds) each run's chat line; returns the
 * notifications it changed, in the order their change sequences (from `nextSequence`) were taken. Runs of one job never
 * share a fold key (foldRuns merged them), so the fold targets read before any write are the ones
 * each run would have found on its own.
 */
export async function tellRuns(
  trx: Db,
  chunk: readonly EventRow[][],
  known: JobLookups,
  nextSequence: () => string,
): Promise<NotificationRow[]> {
  const runs = await runsWithMessages(trx, chunk, known);
  const notices = await describeRuns(trx, runs, known);
  await writeChatLines(trx, runs, notices);
  const followersOf = await known.followers(
    trx,
    runs.map((r) => r.message.id),
  );
  const candidates = await findFoldTargets(
    trx,
    [...new Set(runs.flatMap((r) => followersOf(r.message.id).map((f) => f.userId)))],
    [...new Set(runs.map((r) => r.foldKey))],
    Math.min(...runs.map((r) => foldWindowStart(r.events))),
  );
  const changed: NotificationRow[] = [];
  const inserted: NewNotificationRow[] = [];
  for (const run of runs) {
    const notice = notices.get(run.last)!;
    for (const follower of followersOf(run.message.id)) {
      const told = await tellFollower(trx, run, notice, follower, candidates, nextSequence);
      if (!told) continue;
      if (told.isNew) inserted.push(told.row);
      changed.push(told.row);
    }
  }
  await insertNotifications(trx, inserted);
  return changed;
}

/** The chunk's runs whose message still exists, each with its message and fold key. */
async function runsWithMessages(
  trx: Db,
  chunk: readonly EventRow[][],
  known: JobLookups,
): Promise<Run[]> {
  const messageOf = await known.messages(
    trx,
    chunk.map((run) => run.at(-1)!.messageId),
  );
  return chunk.flatMap((events) => {
    const last = events.at(-1)!;
    const message = messageOf(last.messageId);
    return message ? [{ events, last, message, foldKey: foldKeyOf(last) }] : [];
  });
}

/**
 * Tells one follower of a run: folds it into their latest notification of the same fold key
 * within the window (updated here), or makes a new one (for the caller to insert). Nothing when
 * the run was told already.
 */
async function tellFollower(
  trx: Db,
  run: Run,
  notice: EventNotice,
  follower: Follower,
  candidates: readonly NotificationRow[],
  nextSequence: () => string,
): Promise<{ row: NotificationRow; isNew: boolean } | undefined> {
  const { events, last, foldKey } = run;
  const seq = nextSequence();
  const mine = candidates.filter((n) => n.userId === follower.userId);
  const fold = foldInto(events, foldKey, mine);
  if (fold.to === 'new') {
    return { row: newNotification(run, notice, follower.userId, seq), isNew: true };
  }
  if (fold.to === 'told') return undefined;
  const { line: previous, count } = fold;
  const update = {
    fact: notificationFact(notice, count),
    at: last.at,
    count,
    seq,
    eventId: last.id,
    classification: last.classification,
    read: 0,
  };
  await updateNotification(trx, previous.id, update);
  return { row: { ...previous, ...update }, isNew: false };
}

function newNotification(
  { events, last, message, foldKey }: Run,
  notice: EventNotice,
  userId: string,
  seq: string,
): NotificationRow {
  return {
    id: newId(events[0]!.at),
    workspaceId: message.workspaceId,
    userId,
    messageId: message.id,
    eventId: last.id,
    type: last.type,
    fact: notificationFact(notice, events.length),
    at: last.at,
    count: events.length,
    foldKey,
    read: 0,
    seq,
    retracted: 0,
    classification: last.classification,
  };
}
