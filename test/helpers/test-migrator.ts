import { type Kysely, Migrator } from 'kysely';
import type { Store } from '../../src/store/index.js';
import { migrationProvider } from '../../src/store/migrations/index.js';
import type { TestDatabase } from './test-database.js';

/**
 * The migrations, run by hand on a store opened without them (`openTestStore(database,
 * {migrate: false})`): a test migrates to the one before its own, writes rows as the schema was
 * then through `plain` (the schema's own snake_case names), and migrates on.
 */
export function testMigrator(
  database: TestDatabase,
  store: Store,
): { plain: Kysely<any>; migrator: Migrator } {
  const plain = store.db.withoutPlugins() as unknown as Kysely<any>;
  const migrator = new Migrator({
    db: plain,
    provider: migrationProvider,
    ...(database.schema ? { migrationTableSchema: database.schema } : {}),
  });
  return { plain, migrator };
}
