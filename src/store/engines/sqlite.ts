import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { SqliteDialect, type SqliteStatement } from 'kysely';
import { HIT_LOG_COLUMNS, type HitLogRow, hitLogValues } from '../hit-log.js';
import type { Engine } from './engine.js';

/** Distinct SQL texts kept prepared; the application issues a few hundred at most. */
const STATEMENT_CACHE_SIZE = 2000;

/**
 * Kysely's SQLite driver prepares every statement anew; compiling SQL costs more than running a
 * small query. This keeps each SQL text's prepared statement, least recently used out first.
 * Safe because Kysely runs one statement at a time on its single connection.
 */
function cachingPrepare(database: SQLite.Database): (sql: string) => SqliteStatement {
  const cache = new Map<string, SQLite.Statement>();
  return (sql) => {
    let statement = cache.get(sql);
    if (statement) {
      cache.delete(sql);
    } else {
      statement = database.prepare(sql);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, statement);
    return statement as unknown as SqliteStatement;
  };
}

const INSERT_HITS = `insert into hit_log (${HIT_LOG_COLUMNS.join(', ')}) values (${HIT_LOG_COLUMNS.map(() => '?').join(', ')}) on conflict (id) do nothing`;

/**
 * The hit log's writer thread: appends each batch it is sent in one transaction on its own
 * connection (WAL, synchronous=FULL) and answers once it is committed, so the fsync never stops
 * the thread that reads requests, which meanwhile sends the next batches; those that arrive
 * during a commit share the next one. In: `{ id, rows }` (rows: arrays of values in
 * HIT_LOG_COLUMNS order); out: `{ ids }`, or `{ ids, error }`.
 *
 * Plain CommonJS given as source, so the same thread starts from src/ under tsx and from dist/
 * (a worker does not inherit tsx's loader on Node 20); better-sqlite3 is resolved from here.
 */
const WRITER_THREAD = `
const { receiveMessageOnPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.driver);
const { port } = workerData;
const database = new SQLite(workerData.file);
database.pragma('journal_mode = WAL');
database.pragma('synchronous = FULL');
database.pragma('busy_timeout = 5000');
let appendAll;
port.on('message', (first) => {
  // Group commit: every batch already waiting joins this transaction and shares its fsync.
  const batches = [first];
  for (let next = receiveMessageOnPort(port); next; next = receiveMessageOnPort(port)) {
    batches.push(next.message);
  }
  const ids = batches.map((batch) => batch.id);
  try {
    if (!appendAll) {
      // Prepared on first use: the table exists only once migrations have run.
      const insert = database.prepare(workerData.insertSql);
      appendAll = database.transaction((all) => {
        for (const batch of all) for (const row of batch.rows) insert.run(row);
      });
    }
    appendAll(batches);
    port.postMessage({ ids });
  } catch (error) {
    port.postMessage({ ids, error: String((error && error.message) || error) });
  }
});
`;

/**
 * The hit log's writer thread (WRITER_THREAD), seen from here: `append` resolves when
 * the thread has committed the rows. Several batches may be in flight; the thread commits those
 * that wait together.
 */
class HitLogThread {
  readonly #worker: Worker;
  readonly #port: MessagePort;
  readonly #pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  #next = 0;
  #closed = false;

  constructor(file: string) {
    const { port1, port2 } = new MessageChannel();
    this.#port = port1;
    this.#worker = new Worker(WRITER_THREAD, {
      eval: true,
      workerData: {
        file,
        insertSql: INSERT_HITS,
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        port: port2,
      },
      transferList: [port2],
    });
    this.#port.on('message', ({ ids, error }: { ids: number[]; error?: string }) => {
      for (const id of ids) {
        const waiter = this.#pending.get(id);
        this.#pending.delete(id);
        if (error === undefined) waiter?.resolve();
        else waiter?.reject(new Error(`hit log append failed: ${error}`));
      }
    });
    this.#port.unref();
    this.#worker.on('error', (error) => this.#failAll(error));
    this.#worker.on('exit', () => this.#failAll(new Error('the hit log writer stopped')));
    // The thread never keeps the process alive by itself.
    this.#worker.unref();
  }

  append(rows: readonly HitLogRow[]): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('the store is closed'));
    const id = this.#next++;
    return new Promise<void>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#port.postMessage({ id, rows: rows.map(hitLogValues) });
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#port.close();
    await this.#worker.terminate();
    this.#failAll(new Error('the store is closed'));
  }

  #failAll(error: Error): void {
    for (const waiter of this.#pending.values()) waiter.reject(error);
    this.#pending.clear();
  }
}

export function sqliteEngine(file: string): Engine {
  if (file !== ':memory:') {
    // The file holds password hashes and recipients' data: private to the service's user.
    // SQLite gives the -wal and -shm files the database file's permissions.
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    closeSync(openSync(file, 'a', 0o600));
    chmodSync(file, 0o600);
  }
  const database = new SQLite(file);
  // WAL lets readers run beside the writer; synchronous=FULL makes a committed transaction
  // survive a power cut, which the tracking path promises for every acknowledged hit.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  const prepare = cachingPrepare(database);
  let writer: HitLogThread | undefined;
  return {
    name: 'sqlite',
    supportsSkipLocked: false,
    singleProcess: true,
    dialect: new SqliteDialect({ database: { prepare, close: () => database.close() } }),
    migrationSchema: async () => undefined,
    prepare: async () => {},
    hitLogAppender: () => {
      if (file === ':memory:') {
        // A private in-memory database has no other connection to share it: write it here.
        let appendAll: ((rows: readonly HitLogRow[]) => void) | undefined;
        return async (rows) => {
          if (!appendAll) {
            const insert = database.prepare(INSERT_HITS);
            appendAll = database.transaction((batch: readonly HitLogRow[]) => {
              for (const row of batch) insert.run(hitLogValues(row));
            });
          }
          appendAll(rows);
        };
      }
      writer ??= new HitLogThread(file);
      return (rows) => writer!.append(rows);
    },
    close: async () => {
      await writer?.close();
      writer = undefined;
    },
  };
}
