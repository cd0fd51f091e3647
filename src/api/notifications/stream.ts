import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Language } from '../../i18n/index.js';
import type { LiveHub } from '../../notify/index.js';
import { changesAfter } from '../../notify/index.js';
import type { Db, NotificationRow } from '../../store/index.js';
import { presentNotification } from '../presenters/notifications.js';

const EVENT_ID = /^[0-9a-z]{26}$/;

/**
 * Server-Sent Events for one user. Live notifications are buffered while the backlog after
 * `Last-Event-ID` is read, then everything goes out in change order, each change once: the
 * `id:` of an event is the notification's change sequence, so a resume misses nothing and
 * repeats nothing (a folded repeat arrives again with its new count; a correction after a
 * relabel arrives again with its new text and count, or as `notification.retracted`).
 */
export async function streamNotifications(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: {
    db: Db;
    hub: LiveHub;
    userId: string;
    /** The user's profile language as last read: each line is worded in it as it goes out. */
    language: () => Language;
    heartbeatMs: number;
  },
): Promise<void> {
  const header = request.headers['last-event-id'];
  const resumeFrom =
    typeof header === 'string' && EVENT_ID.test(header.trim()) ? header.trim() : undefined;
  reply.hijack();
  const response = reply.raw;
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    // Proxies (nginx and others) must pass each event on as it comes.
    'x-accel-buffering': 'no',
  });
  response.write('retry: 3000\n\n');

  let lastSent = resumeFrom ?? '';
  let backlogDone = false;
  const waiting: NotificationRow[] = [];
  const send = (row: NotificationRow) => {
    if (row.seq <= lastSent || response.destroyed) return;
    lastSent = row.seq;
    // A retracted one (every event it told of was relabelled a machine's) is its own event, so
    // a client that knows only `notification` ignores it rather than showing it again.
    const event = row.retracted === 1 ? 'notification.retracted' : 'notification';
    response.write(
      `event: ${event}\nid: ${row.seq}\ndata: ${JSON.stringify(presentNotification(row, deps.language()))}\n\n`,
    );
  };
  const unsubscribe = deps.hub.subscribe(deps.userId, (row) =>
    backlogDone ? send(row) : waiting.push(row),
  );
  const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), deps.heartbeatMs);
  // The response's close comes both when the client goes and when the server ends the stream
  // (a principal that lapsed, a shutdown).
  response.once('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
  try {
    if (resumeFrom)
      for (const row of await changesAfter(deps.db, deps.userId, resumeFrom)) send(row);
  } catch (error) {
    request.log.error({ err: error }, 'reading the notifications backlog failed');
    response.end();
    return;
  }
  backlogDone = true;
  for (const row of waiting.sort((a, b) => (a.seq < b.seq ? -1 : 1))) send(row);
}
