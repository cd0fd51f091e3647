import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newId, precedingId } from '../../src/store/index.js';

describe('ids', () => {
  it('are 26 lower-case base32 characters that sort by time', () => {
    const a = newId(1_000);
    const b = newId(1_001);
    assert.match(a, /^[0-9a-hjkmnp-tv-z]{26}$/);
    assert.ok(a < b);
  });

  it('precedingId sorts just before its source, and always gives the same id', () => {
    const base = Date.now();
    for (let i = 0; i < 200; i++) {
      const id = newId(base + i);
      const before = precedingId(id);
      assert.ok(before < id);
      assert.equal(precedingId(id), before);
      assert.equal(before.slice(10), id.slice(10));
      assert.ok(before > newId(base + i - 2));
    }
  });
});
