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

  it('keys addresses by Unicode case folding and IDNA, keeping other scripts apart', () => {
    for (const [spellings, key] of [
      [['JOSÉ.Ünal@ext.example', 'jose\u0301.u\u0308nal@EXT.example'], 'josé.ünal@ext.example'],
      [['STRAẞE@x.de', 'Straße@x.de', 'STRASSE@x.de'], 'strasse@x.de'],
      [['ΟΔΥΣΣΕΎΣ@x.gr', 'οδυσσεύσ@x.gr', 'Οδυσσεύς@x.gr'], 'οδυσσεύς@x.gr'],
      [['ИВАН@пример.рф', 'иван@xn--e1afmkfd.xn--p1ai'], 'иван@xn--e1afmkfd.xn--p1ai'],
      [['\u212Aate@example.org', 'KATE@example.org'], 'kate@example.org'],
      [['@Пример.РФ', '@xn--e1afmkfd.xn--p1ai', '@ПРИМЕР.рф.'], '@xn--e1afmkfd.xn--p1ai'],
    ] as const) {
      for (const spelling of spellings)
        assert.equal(normalizeDoNotTrackEntry(spelling), key, spelling);
    }
    assert.notEqual(
      normalizeDoNotTrackEntry('\u0430nna@example.org'),
      normalizeDoNotTrackEntry('anna@example.org'),
      'Cyrillic а is not Latin a',
    );
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
