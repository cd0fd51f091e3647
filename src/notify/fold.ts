import type { EventRow } from '../store/index.js';

/**
 * Repeats of the same recipient, action and target within this long fold into one notification
 * (its count goes up); the message's chat keeps a line per run.
 */
export const FOLD_WINDOW_MS = 60_000;

/** What repeats share to fold into one notification: recipient, action, target, inferred or not. */
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
