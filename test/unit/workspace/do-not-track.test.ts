import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { doNotTrackKeysOf, normalizeDoNotTrackEntry } from '../../../src/workspace/index.js';

describe('do-not-track entries', () => {
  it('stores addresses and domains lower-cased, with domains in ASCII (punycode)', () => {
    assert.equal(normalizeDoNotTrackEntry('  CFO@Bank.Example '), 'cfo@bank.example');
    assert.equal(normalizeDoNotTrackEntry('@Bank.Example'), '@bank.example');
    assert.equal(normalizeDoNotTrackEntry('@bücher.example'), '@xn--bcher-kva.example');
    assert.equal(normalizeDoNotTrackEntry('@xn--bcher-kva.example'), '@xn--bcher-kva.example');
    assert.equal(normalizeDoNotTrackEntry('jürgen@bücher.example'), 'jürgen@xn--bcher-kva.example');
  });

  it('refuses what is neither an address nor @domain', () => {
    for (const raw of ['', 'bank.example', '@', '@not a domain', 'two@@example.org']) {
      assert.equal(normalizeDoNotTrackEntry(raw), undefined, raw);
    }
  });

  it('looks an address up by itself and by its domain', () => {
    assert.deepEqual(doNotTrackKeysOf('Ada@Bücher.Example'), [
      'ada@xn--bcher-kva.example',
      '@xn--bcher-kva.example',
    ]);
    assert.deepEqual(doNotTrackKeysOf('not an address'), []);
  });
});
