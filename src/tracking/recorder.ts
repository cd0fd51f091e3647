import type { FastifyBaseLogger } from 'fastify';
import {
  addToRecipientCounters,
  type Db,
  insertEventRows,
  type NewEventRow,
  precedingId,
  recipientsState,
  type Store,
} from '../store/index.js';
import type { ClassifierLists } from './classify/index.js';
import { type HitRecord, labelHits } from './label-hits.js';
import type { EventSpool } from './spool.js';

export interface RecorderHooks {
  /** Inside the transaction that writes the events: work that must commit with them (fan-out jobs). */
  inTransaction?(db: Db, events: readonly NewEventRow[]): Promise<void>;
  /** After the events are committed: counting, and the fan-out to followers. */
  onCommitted?(events: readonly NewEventRow[]): void;
  /** A batch the database refused (it went to the spool, or was lost if that failed too). */
  onFailure?(events: readonly NewEventRow[], spooled: boolean): void;
}

interface Pending {
  readonly hits: HitRecord[];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

const OPEN_INFERRING = new Set(['click', 'download']);

/**
 * Decides what a batch really writes, inside its transaction: hits from recipients who opted out
 * are dropped (their opt-out itself is kept as proof), and a click or download from a recipient
 * with no open yet brings an inferred open with it.
 */
async function commitBatch(
  db: Db,
  hits: readonly HitRecord[],
  hooks: RecorderHooks,
  lists: ClassifierLists,
): Promise<NewEventRow[]> {
  const events = hits.map((h) => h.row);
  const ids = [...new Set(events.map((e) => e.recipientId))];
  const state = new Map((await recipientsState(db, ids)).map((r) => [r.id, r]));
  const opened = new Set(ids.filter((id) => (state.get(id)?.opens ?? 0) > 0));
  const kept = hits.filter((hit) => {
    const recipient = state.get(hit.row.recipientId);
    return recipient && (recipient.optedOutAt === null || hit.row.type === 'opt_out');
  });
  await labelHits(db, kept, lists);
  const written: NewEventRow[] = [];
  for (const { row: event } of kept) {
    if (event.type === 'open') opened.add(event.recipientId);
    if (OPEN_INFERRING.has(event.type) && !opened.has(event.recipientId)) {
      opened.add(event.recipientId);
      written.push({
        ...event,
        id: precedingId(event.id),
        type: 'open',
        linkIdx: null,
        attachmentId: null,
        inferred: 1,
      });
    }
    written.push(event);
  }
  await insertEventRows(db, written);
  const counters = new Map<
    string,
    { opens: number; clicks: number; downloads: number; lastEventAt: number }
  >();
  for (const event of written) {
    const c = counters.get(event.recipientId) ?? {
      opens: 0,
      clicks: 0,
      downloads: 0,
      lastEventAt: 0,
    };
    if (event.type === 'open') c.opens += 1;
    if (event.type === 'click') c.clicks += 1;
    if (event.type === 'download') c.downloads += 1;
    c.lastEventAt = Math.max(c.lastEventAt, event.at);
    counters.set(event.recipientId, c);
  }
  for (const [recipientId, add] of counters) await addToRecipientCounters(db, recipientId, add);
  if (written.length > 0) await hooks.inTransaction?.(db, written);
  return written;
}

/**
 * Records events with a group commit: every event that arrives while a transaction runs goes
 * into the next one, so many hits share one fsync. `record` resolves once its events are
 * committed — or, when the database fails, once they are fsynced to the spool — so an
 * acknowledged hit is never lost.
 */
export class EventRecorder {
  readonly #store: Store;
  readonly #spool: EventSpool;
  readonly #log: FastifyBaseLogger;
  readonly #hooks: RecorderHooks;
  readonly #lists: ClassifierLists;
  #queue: Pending[] = [];
  #flushing: Promise<void> | undefined;

  constructor(
    store: Store,
    spool: EventSpool,
    log: FastifyBaseLogger,
    lists: ClassifierLists,
    hooks: RecorderHooks = {},
  ) {
    this.#store = store;
    this.#spool = spool;
    this.#log = log;
    this.#lists = lists;
    this.#hooks = hooks;
  }

  record(hits: HitRecord[]): Promise<void> {
    if (hits.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ hits, resolve, reject });
      this.#flushing ??= this.#flush().finally(() => {
        this.#flushing = undefined;
      });
    });
  }

  /** Waits for whatever is queued to be written. */
  async idle(): Promise<void> {
    while (this.#flushing) await this.#flushing;
  }

  #commit(hits: readonly HitRecord[]): Promise<NewEventRow[]> {
    return this.#store.db
      .transaction()
      .execute((trx) => commitBatch(trx, hits, this.#hooks, this.#lists));
  }

  /** Writes spooled hits into the database; they were acknowledged already, so none is lost. */
  async replaySpool(): Promise<number> {
    return this.#spool.drain(async (hits) => {
      this.#hooks.onCommitted?.(await this.#commit(hits));
    });
  }

  async #flush(): Promise<void> {
    // Let the hits of this turn of the event loop join the batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.#queue.length > 0) {
      const batch = this.#queue;
      this.#queue = [];
      const hits = batch.flatMap((p) => p.hits);
      const rows = hits.map((h) => h.row);
      try {
        const written = await this.#commit(hits);
        for (const pending of batch) pending.resolve();
        this.#hooks.onCommitted?.(written);
      } catch (error) {
        this.#log.error(
          { err: error, events: hits.length },
          'recording events failed; spooling them',
        );
        try {
          await this.#spool.append(hits);
          this.#hooks.onFailure?.(rows, true);
          for (const pending of batch) pending.resolve();
        } catch (spoolError) {
          this.#log.error(
            { err: spoolError, events: hits.length },
            'spooling events failed: they are lost',
          );
          this.#hooks.onFailure?.(rows, false);
          for (const pending of batch) pending.reject(spoolError);
        }
      }
    }
  }
}
