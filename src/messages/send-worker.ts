import { startWorker, type Worker } from '../jobs/index.js';
import { SEND_QUEUE } from './send.js';
import { type SendCopyDeps, sendCopyHandler } from './send-copy.js';

/**
 * The worker that sends queued copies (SEND_QUEUE) through `deps.relays`. `now` is the clock
 * jobs fall due by (epoch ms); `lockMs` and `pollMs` as startWorker takes them.
 */
export function startSendWorker(
  deps: SendCopyDeps,
  options: { readonly now?: () => number; readonly lockMs?: number; readonly pollMs?: number },
): Worker {
  return startWorker({
    store: deps.store,
    queue: SEND_QUEUE,
    log: deps.log,
    now: options.now,
    lockMs: options.lockMs,
    pollMs: options.pollMs,
    handler: sendCopyHandler(deps),
  });
}
