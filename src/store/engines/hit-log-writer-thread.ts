/**
 * The SQLite hit log's one writer, in a worker_thread of its own (started by
 * HitLogWriterThread): appends commit with an fsync each, which the event loop that answers
 * hits then never waits on. Requests that arrive while a commit runs go into the next one
 * together (group commit), prunes included.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import type { HitLogRow } from '../hit-log.js';
import { hitLogWrites, openHitLogFile } from './hit-log-file.js';
import type { WriterReply, WriterRequest } from './hit-log-writer-protocol.js';

const port = parentPort!;
const { file } = workerData as { file: string };
const writes = hitLogWrites(openHitLogFile(file));

// Every request waiting when the thread looks goes into one transaction: the appends together
// (group commit) and the prunes with them.
port.on('message', (first: WriterRequest) => {
  const requests = [first];
  for (let next = receiveMessageOnPort(port); next; next = receiveMessageOnPort(port)) {
    requests.push(next.message as WriterRequest);
  }
  const rows: HitLogRow[] = [];
  let pruneUpTo = 0;
  const removals: WriterRequest[] = [];
  for (const request of requests) {
    if (request.kind === 'append') rows.push(...request.rows);
    else if (request.kind === 'prune') pruneUpTo = Math.max(pruneUpTo, request.upTo);
    else removals.push(request);
  }
  let reply: (request: WriterRequest) => WriterReply;
  try {
    const pruned = writes.write(rows, pruneUpTo);
    reply = (request) => ({
      id: request.id,
      result: request.kind === 'append' ? rows.length : pruned,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    reply = (request) => ({ id: request.id, error: message });
  }
  for (const request of requests) {
    if (request.kind === 'append' || request.kind === 'prune') port.postMessage(reply(request));
  }
  // Purges and erasures are rare: each its own transaction, after the appends.
  for (const request of removals) port.postMessage(remove(request));
});

function remove(request: WriterRequest): WriterReply {
  try {
    if (request.kind === 'purge')
      return { id: request.id, result: writes.purgeBefore(request.before) };
    if (request.kind === 'forget')
      return { id: request.id, result: writes.forget(request.recipientIds) };
    return { id: request.id, error: `not a removal: ${request.kind}` };
  } catch (error) {
    return { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
}
