import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';

/**
 * Opens a SQLite file the way every connection of the service does. The file holds recipients'
 * data: it is created private to the service's user (SQLite gives the -wal and -shm files the
 * database file's permissions). WAL lets readers run beside the writer; synchronous=FULL makes a
 * committed transaction survive a power cut, which the tracking path promises for every
 * acknowledged hit; a writer that finds the file locked waits up to 5 s.
 */
export function openSqliteFile(file: string): SQLite.Database {
  if (file !== ':memory:') {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    closeSync(openSync(file, 'a', 0o600));
    chmodSync(file, 0o600);
  }
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return database;
}
