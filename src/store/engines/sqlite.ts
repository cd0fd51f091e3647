import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { SqliteDialect } from 'kysely';
import type { Engine } from './engine.js';

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
  return {
    name: 'sqlite',
    supportsSkipLocked: false,
    singleProcess: true,
    dialect: new SqliteDialect({ database }),
    migrationSchema: async () => undefined,
    prepare: async () => {},
  };
}
