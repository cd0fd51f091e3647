import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MigrationResultSet, Migrator } from 'kysely';
import { migrateRetrying } from '../../../src/store/open-store.js';

/** A migrator whose runs answer `outcomes` in turn (the catalog race cannot be staged on cue). */
function migratorAnswering(outcomes: MigrationResultSet[]): {
  migrator: Migrator;
  runs: () => number;
} {
  let runs = 0;
  const migrator = {
    migrateToLatest: async () => outcomes[Math.min(runs++, outcomes.length - 1)]!,
  } as unknown as Migrator;
  return { migrator, runs: () => runs };
}

const raced = (code: string) => ({ error: Object.assign(new Error('catalog changed'), { code }) });

describe('migrating under concurrent DDL', () => {
  it('tries again when another session’s DDL broke the catalog scan, then succeeds', async () => {
    const done: MigrationResultSet = { results: [] };
    const { migrator, runs } = migratorAnswering([raced('42703'), raced('42P01'), done]);
    assert.equal(await migrateRetrying(migrator), done);
    assert.equal(runs(), 3);
  });

  it('gives any other failure back at once, and a lasting race after five tries', async () => {
    const other = migratorAnswering([raced('23505')]);
    assert.equal((await migrateRetrying(other.migrator)).error instanceof Error, true);
    assert.equal(other.runs(), 1);
    const lasting = migratorAnswering([raced('40P01')]);
    assert.equal((await migrateRetrying(lasting.migrator)).error instanceof Error, true);
    assert.equal(lasting.runs(), 5);
  });
});
