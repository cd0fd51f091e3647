/**
 * The SQLite hit log's one writer, in a worker_thread of its own (started by
 * HitLogWriterThread): appends commit with an fsync each, which the event loop that answers
 * hits then never waits on. Requests that arrive while a commit runs go into the next one
 * together (group commit).
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import type { HitLogRow } from '../hit-log.js';
import { hitLogWrites, openHitLogFile } from './hit-log-file.js';
import type { WriterReply, WriterRequest } from './hit-log-writer-protocol.js';

const port = parentPort!;
const { file } = workerData as { file: string };
const writes = hitLogWrites(openHitLogFile(file));

port.on('message', (first: WriterRequest) => {
  const requests = [first];
  for (let next = receiveMessageOnPort(port); next; next = receiveMessageOnPort(port)) {
    requests.push(next.message as WriterRequest);
  }
  const appends = requests.filter((r) => r.kind === 'append');
  if (appends.length > 0) {
    const rows: HitLogRow[] = [];
    for (const request of appends) rows.push(...request.rows);
    let reply: Omit<WriterReply, 'id'>;
    try {
      writes.appendAll(rows);
      reply = { result: rows.length };
    } catch (error) {
      reply = { error: error instanceof Error ? error.message : String(error) };
    }
    for (const request of appends) port.postMessage({ id: request.id, ...reply });
  }
  for (const request of requests) {
    if (request.kind !== 'prune') continue;
    try {
      port.postMessage({ id: request.id, result: writes.pruneUpTo(request.upTo) });
    } catch (error) {
      port.postMessage({
        id: request.id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
});
