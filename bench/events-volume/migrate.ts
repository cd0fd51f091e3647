/**
 * Applies Mailbeacon's migrations to one schema of a PostgreSQL database: the events-volume
 * measurement (run.sh) fills the tables the application itself creates.
 *
 *   node --import tsx bench/events-volume/migrate.ts postgres://postgres@127.0.0.1:5432/volume plain
 */
import { loadConfig } from '../../src/config.js';
import { openStore } from '../../src/store/index.js';

const [url, schema] = process.argv.slice(2);
if (!url || !schema) throw new Error('usage: migrate.ts DATABASE_URL SCHEMA');
const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' }, process.cwd());
const store = await openStore(config.database, { schema, maxConnections: 1 });
try {
  const applied = await store.migrate();
  console.log(`${schema}: ${applied.length} migrations applied`);
} finally {
  await store.close();
}
