import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { derivedId, newId, newSequence, precedingId } from '../../../src/store/index.js';

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

  it('derivedId follows from its key alone and sorts at the time of the id it is given', () => {
    const eventId = '01jzzzzzzzabcdefghjkmnpqrs';
    // Pinned: delivery ids already written must come out the same for the same pair.
    assert.equal(derivedId(eventId, `w1\0${eventId}`), '01jzzzzzzzfmmf7v42kyeh9vsh');
    assert.notEqual(derivedId(eventId, 'w2'), derivedId(eventId, 'w1'));
    assert.match(derivedId(eventId, 'w1'), /^01jzzzzzzz[0-9a-hjkmnp-tv-z]{16}$/);
  });
});

describe('change sequences', () => {
  it('sort after the one given, in one millisecond, when the clock steps back or is behind it', () => {
    const at = Date.now();
    let previous = newSequence('', at);
    for (let i = 0; i < 2000; i++) {
      const next = newSequence(previous, i % 3 === 0 ? at - 5 : at);
      assert.ok(next > previous, `${next} > ${previous}`);
      assert.equal(next.length, 26);
      previous = next;
    }
    // Another node's clock an hour ahead: still after it.
    const ahead = newSequence('', at + 3_600_000);
    assert.ok(newSequence(ahead, at) > ahead);
    assert.equal(newSequence('', at).slice(0, 10), newId(at).slice(0, 10));
  });
});
