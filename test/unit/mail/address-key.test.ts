import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addressKey, domainKey, foldCase } from '../../../src/mail/index.js';

describe('address keys', () => {
  it('fold non-ASCII capitals of the local part and take the domain to IDNA', () => {
    const same: [string, string][] = [
      ['JOSÉ.Ünal@ext.example', 'josé.ünal@ext.example'],
      ['STRASSE@example.de', 'straße@example.de'],
      ['Straẞe@Example.DE', 'strasse@example.de'],
      ['ΟΔΥΣΣΕΥΣ@example.gr', 'οδυσσευς@example.gr'],
      ['ΟΔΥΣΣΕΥΣ@example.gr', 'οδυσσευσ@example.gr'],
      ['ДМИТРИЙ@пример.рф', 'дмитрий@xn--e1afmkfd.xn--p1ai'],
      ['anna@BÜCHER.example', 'anna@xn--bcher-kva.example'],
      ['anna@bücher.example.', 'ANNA@xn--bcher-kva.example'],
      // NFD (e + combining acute) and NFC (é) are one address.
      ['Jose\u0301@example.org', 'jos\u00e9@example.org'],
      ['\u212Aelvin@example.org', 'kelvin@example.org'],
    ];
    for (const [a, b] of same) assert.equal(addressKey(a), addressKey(b), `${a} = ${b}`);
  });

  it('keep different letters and different scripts apart', () => {
    const apart: [string, string][] = [
      ['anna@example.org', 'anne@example.org'],
      // Cyrillic а (U+0430) looks like Latin a but is another address.
      ['\u0430nna@example.org', 'anna@example.org'],
      ['josé@example.org', 'jose@example.org'],
      ['anna@example.org', 'anna@example.com'],
    ];
    for (const [a, b] of apart) assert.notEqual(addressKey(a), addressKey(b), `${a} ≠ ${b}`);
  });

  it('is undefined without a local part or with an invalid domain', () => {
    assert.equal(addressKey('no-at-sign'), undefined);
    assert.equal(addressKey('@example.org'), undefined);
    assert.equal(addressKey(`a@${'x'.repeat(64)}.example`), undefined);
    assert.equal(domainKey('xn--a.example'), undefined);
  });

  it('is idempotent and ignores case, for any address', () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.boolean(), (email, upper) => {
        const key = addressKey(email);
        if (key === undefined) return;
        assert.equal(addressKey(key), key);
        assert.equal(addressKey(upper ? email.toUpperCase() : email.toLowerCase()), key);
      }),
    );
    fc.assert(
      fc.property(fc.string(), (text) => assert.equal(foldCase(foldCase(text)), foldCase(text))),
    );
  });
});
