import { PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { ConfigError } from '../../config.js';
import { postgresAppendHits, tableHitLog } from '../hit-log.js';
import type { Engine } from './engine.js';
import { nodeApplicationName, postgresLeases } from './postgres-lease.js';
import { postgresNotificationChanges } from './postgres-notifications.js';

const INT8_OID = 20;

export interface PostgresOptions {
  /** Work inside this schema (created when missing); tests use one schema per run. */
  readonly schema?: string;
  /** Overrides the configured pool size (tests keep theirs small). */
  readonly maxConnections?: number;
}

/**
 * The advisory lock key under which a schema is created: nodes starting together on a new schema
 * would otherwise race in CREATE SCHEMA IF NOT EXISTS, which PostgreSQL lets fail with a unique
 * violation when two run at once. (Migrations take Kysely's own advisory lock.)
 */
const SCHEMA_LOCK = 'mailbeacon:create-schema';

export function postgresEngine(
  url: string,
  poolSize: number,
  options: PostgresOptions = {},
): Engine {
  // Epoch-millisecond columns are bigint; pg returns int8 as a string by default. They stay far
  // below 2^53, so a Number is exact and matches what SQLite returns.
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format),
  };
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new Error(`invalid PostgreSQL schema name ${JSON.stringify(schema)}`);
  }
  const connection: pg.ClientConfig = {
    connectionString: url,
    types,
    // Names this node's sessions, so a frozen leader can be fenced off whole (postgres-lease.ts).
    application_name: nodeApplicationName(),
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  };
  const pool = new pg.Pool({ ...connection, max: options.maxConnections ?? poolSize });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return {
    name: 'postgres',
    supportsSkipLocked: true,
    singleProcess: false,
    acquireLease: postgresLeases(connection),
    dialect: new PostgresDialect({ pool }),
    migrationSchema: async (db) => {
      const { rows } = await sql<{
        schema: string | null;
      }>`select current_schema() as schema`.execute(db);
      const current = rows[0]?.schema;
      // No schema of the search_path exists: falling back to `public` would put the migration
      // tables there and then fail on the first table.
      if (!current) {
        throw new ConfigError(
          'no schema of the connection’s search_path exists: create it, or fix the search_path in DATABASE_URL',
        );
      }
      return current;
    },
    // Asynchronous commit for this transaction only: PostgreSQL's own "may lose the last few,
    // never corrupts", and a later synchronous commit flushes it with everything before it.
    derivedTransaction: (db, work, durable) =>
      db.transaction().execute(async (trx) => {
        if (!durable) await sql`set local synchronous_commit = off`.execute(trx);
        return work(trx);
      }),
    notificationChanges: (db) => postgresNotificationChanges(db, connection),
    hitLog: (db) =>
      tableHitLog(db, async (rows) => {
        await pool.query(postgresAppendHits(rows));
      }),
    prepare: async () => {
      if (!schema) return;
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query('select pg_advisory_xact_lock(hashtext($1))', [SCHEMA_LOCK]);
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
  };
}
