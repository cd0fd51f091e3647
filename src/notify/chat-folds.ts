import {
  type ChatLineRow,
  type Db,
  type EventRow,
  findChatFoldTargets,
  insertChatLinesOnce,
  type NewTrackingLine,
  updateChatLine,
} from '../store/index.js';
import { type EventNotice, eventFact } from './facts.js';
import { foldInto, foldWindowStart, type Run } from './fold.js';

/**
 * Writes each run's line in its message's chat, folding repeats as notifications fold (the
 * same rule, foldInto): a repeat of a line changed within the window updates it (count, facts,
 * time, last event) and keeps its id, so a chat reads one line per
 * recipient, action and target; otherwise a new line, its id the run's last event's. A run
 * the chat already holds (a job run again) changes nothing. Runs of one job never share a fold
 * key, so the targets read once before any write are those each run would have found alone.
 */
export async function writeChatLines(
  trx: Db,
  runs: readonly Run[],
  notices: ReadonlyMap<unknown, EventNotice>,
): Promise<void> {
  if (runs.length === 0) return;
  const candidates = await findChatFoldTargets(
    trx,
    runs.map((r) => r.foldKey),
    Math.min(...runs.map((r) => foldWindowStart(r.events))),
  );
  const inserted: NewTrackingLine[] = [];
  for (const run of runs) {
    const notice = notices.get(run.last)!;
    const fold = foldInto(run.events, run.foldKey, candidates);
    if (fold.to === 'new') inserted.push(newLine(run, notice));
    else if (fold.to === 'fold') await foldLine(trx, run, notice, fold.line, fold.count);
  }
  await insertChatLinesOnce(trx, inserted);
}

/** The run's new line (facts, worded when read); its id is the last event's. */
function newLine(run: Run, notice: EventNotice): NewTrackingLine {
  const { events, last, message, foldKey } = run;
  return {
    id: last.id,
    messageId: message.id,
    workspaceId: message.workspaceId,
    at: last.at,
    authorId: null,
    kind: 'tracking',
    text: '',
    fact: eventFact(notice, events.length),
    data: trackingLineData(last, events.length),
    foldKey,
    count: events.length,
    eventId: last.id,
  };
}

/** Folds the run into `line`: its facts say the new count; its time is the latest event's. */
async function foldLine(
  trx: Db,
  run: Run,
  notice: EventNotice,
  line: ChatLineRow,
  count: number,
): Promise<void> {
  await updateChatLine(trx, line.id, {
    fact: eventFact(notice, count),
    at: run.last.at,
    count,
    eventId: run.last.id,
    data: trackingLineData(run.last, count),
  });
}

/**
 * A tracking line's `data`: the facts behind it as of its latest event (`last`), for clients
 * that render their own; `count` is how many events it stands for.
 */
export function trackingLineData(last: EventRow, count: number): string {
  return JSON.stringify({
    eventId: last.id,
    count,
    type: last.type,
    recipientId: last.recipientId,
    classification: last.classification,
    reason: last.reason,
  });
}
