import type { Worker } from 'node:worker_threads';
import { startThread } from '../../threads/index.js';
import type { HitLogRow } from '../hit-log.js';
import type { WriterReply, WriterRequest } from './hit-log-writer-protocol.js';

type Pending = { resolve: (n: number) => void; reject: (error: Error) => void };
type Request = WriterRequest extends infer R
  ? R extends { id: number }
    ? Omit<R, 'id'>
    : never
  : never;

/**
 * The SQLite hit log's writer thread (hit-log-writer-thread.ts), seen from the thread that
 * appends: each call resolves once the thread has committed it. The thread keeps the process
 * alive only while a request is in flight.
 */
export class HitLogWriterThread {
  readonly #file: string;
  #worker: Worker | undefined;
  readonly #pending = new Map<number, Pending>();
  #nextId = 0;
  #closed = false;

  constructor(file: string) {
    this.#file = file;
  }

  /** The thread, started on first use and again after it died (its requests failed with it). */
  #thread(): Worker {
    if (this.#worker) return this.#worker;
    const worker = startThread(import.meta.url, 'hit-log-writer-thread', {
      workerData: { file: this.#file },
      name: 'mailbeacon-hit-log-writer',
    });
    worker.unref();
    worker.on('message', (reply: WriterReply) => {
      const pending = this.#pending.get(reply.id);
      if (!pending) return;
      this.#pending.delete(reply.id);
      if (this.#pending.size === 0) worker.unref();
      if (reply.error !== undefined) pending.reject(new Error(reply.error));
      else pending.resolve(reply.result ?? 0);
    });
    let failure: Error | undefined;
    worker.on('error', (error) => {
      failure = error;
    });
    worker.on('exit', (code) => {
      if (this.#worker === worker) this.#worker = undefined;
      // Whatever was in flight is not known to be durable: its callers spool it.
      const error = failure ?? new Error(`the hit log writer exited (code ${code})`);
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
    });
    this.#worker = worker;
    return worker;
  }

  /** Appends `rows` in a durable transaction (shared with whatever else is waiting). */
  append(rows: readonly HitLogRow[]): Promise<number> {
    return this.#request({ kind: 'append', rows });
  }

  /** Removes every hit up to `upTo` (a seq); resolves with how many went. */
  prune(upTo: number): Promise<number> {
    return this.#request({ kind: 'prune', upTo });
  }

  /** Removes every hit older than `before` (epoch ms), consumed or not; resolves with how many. */
  purgeBefore(before: number): Promise<number> {
    return this.#request({ kind: 'purge', before });
  }

  /** Removes every hit of these recipients, consumed or not; resolves with how many. */
  forget(recipientIds: readonly string[]): Promise<number> {
    return this.#request({ kind: 'forget', recipientIds });
  }

  /**
   * Ends the thread at once, as a crash would: requests in flight are refused (their callers
   * spool the hits) and the next request starts a new thread. The service never calls it; the
   * restart test does (test/integration/store/hit-log-writer.test.ts).
   */
  async terminate(): Promise<void> {
    await this.#worker?.terminate();
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#worker?.terminate();
  }

  #request(request: Request): Promise<number> {
    if (this.#closed) return Promise.reject(new Error('the hit log is closed'));
    const worker = this.#thread();
    const id = this.#nextId++;
    return new Promise<number>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      if (this.#pending.size === 1) worker.ref();
      worker.postMessage({ ...request, id });
    });
  }
}
