import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Lru } from '../../src/lru.js';

describe('Lru', () => {
  it('keeps the most recently used entries: a read or a write makes an entry the newest', () => {
    const lru = new Lru<string, number>(3);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.set('c', 3);
    assert.equal(lru.get('a'), 1); // a is now the newest; b the oldest
    lru.set('d', 4);
    assert.equal(lru.size, 3);
    assert.equal(lru.get('b'), undefined, 'the least recently used went first');
    lru.set('c', 30); // rewritten: the newest again
    lru.set('e', 5);
    assert.equal(lru.get('a'), undefined);
    assert.deepEqual(
      ['c', 'd', 'e'].map((key) => lru.get(key)),
      [30, 4, 5],
    );
  });

  it('looks without touching (peek), forgets on delete, and keeps null values apart from absent ones', () => {
    const lru = new Lru<string, number | null>(2);
    lru.set('x', null);
    lru.set('y', 2);
    assert.equal(lru.peek('x'), null);
    lru.set('z', 3); // x was only peeked at: still the oldest
    assert.equal(lru.peek('x'), undefined);
    assert.equal(lru.delete('y'), true);
    assert.equal(lru.delete('y'), false);
    assert.equal(lru.size, 1);
  });

  it('keeps at least one entry', () => {
    const lru = new Lru<string, number>(0);
    lru.set('a', 1);
    assert.equal(lru.get('a'), 1);
    lru.set('b', 2);
    assert.deepEqual([lru.get('a'), lru.get('b'), lru.size], [undefined, 2, 1]);
  });
});
