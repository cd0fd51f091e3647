import type { EventRow, NoticeMessage } from '../store/index.js';

/**
 * Repeats of the same recipient, action and target within this long fold into one line, its
 * count going up: into one notification per follower, and into one line of the message's chat.
 */
export const FOLD_WINDOW_MS = 60_000;

/** What repeats share to fold into one line: recipient, action, target, inferred or not. */
export function foldKeyOf(event: EventRow): string {
  return `${event.recipientId}:${event.type}:${event.linkIdx ?? event.attachmentId ?? ''}:${event.inferred}`;
}

/** A job's events as runs that fold together (same message, recipient, action and target). */
export function foldRuns(events: readonly EventRow[]): EventRow[][] {
  const runs = new Map<string, EventRow[]>();
  for (const event of events) {
    const key = `${event.messageId}|${foldKeyOf(event)}`;
    const run = runs.get(key) ?? [];
    run.push(event);
    runs.set(key, run);
  }
  return [...runs.values()];
}

/** A run of events that fold together, with the message they happened to and their fold key. */
export interface Run {
  readonly events: readonly EventRow[];
  readonly last: EventRow;
  readonly message: NoticeMessage;
  readonly foldKey: string;
}

/** Where a run's fold window starts (epoch ms): lines changed since then take its repeats. */
export function foldWindowStart(events: readonly EventRow[]): number {
  return events[0]!.at - FOLD_WINDOW_MS;
}

/** A line repeats can fold into: a notification, or a tracking line of a message's chat. */
export interface FoldTarget {
  readonly foldKey: string | null;
  /** Its last change (epoch ms): the latest event folded into it. */
  readonly at: number;
  readonly count: number;
  /** The latest event folded into it. */
  readonly eventId: string | null;
}

/**
 * Where a run of repeats goes among one reader's lines (a follower's notifications, or one
 * message's chat), `candidates` newest first: `new` when no line of its fold key changed
 * within FOLD_WINDOW_MS before the run's first event; `told` when that line already holds the
 * run's events (the job ran before and its completion was lost: nothing counts twice);
 * otherwise `fold` into it, with the count it comes to.
 */
export function foldInto<T extends FoldTarget>(
  events: readonly EventRow[],
  foldKey: string,
  candidates: readonly T[],
):
  | { readonly to: 'new' }
  | { readonly to: 'told' }
  | { readonly to: 'fold'; readonly line: T; readonly count: number } {
  const since = foldWindowStart(events);
  // Newest first: the first that fits is the one to fold into.
  const line = candidates.find((c) => c.foldKey === foldKey && c.at >= since);
  if (!line) return { to: 'new' };
  if (events.some((e) => e.id === line.eventId)) return { to: 'told' };
  return { to: 'fold', line, count: line.count + events.length };
}
