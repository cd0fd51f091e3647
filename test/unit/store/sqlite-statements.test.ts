import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { cachingPrepare } from '../../../src/store/engines/sqlite.js';

describe('prepared statements on SQLite', () => {
  it('prepares each SQL text once and reuses the statement', () => {
    const database = new SQLite(':memory:');
    let prepared = 0;
    const counting = {
      prepare: (sql: string) => {
        prepared += 1;
        return database.prepare(sql);
      },
    };
    const prepare = cachingPrepare(counting);
    const first = prepare('select ? as n');
    const again = prepare('select ? as n');
    assert.equal(first, again);
    assert.equal(prepared, 1);
    assert.deepEqual(again.all([7]), [{ n: 7 }]);
    prepare('select 2 as n');
    assert.equal(prepared, 2, 'another text is prepared anew');
    database.close();
  });
});
