import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addressKey, checkAddress, normalizeEmail } from '../../../src/mail/index.js';

describe('normalizeEmail', () => {
  it('keeps the local part as written and maps a non-ASCII domain as IDNA does', () => {
    const cases: [string, string][] = [
      ['a@ＢÜCHER.de', 'a@bücher.de'],
      ['Anna@ＥＸＡＭＰＬＥ.ＣＯＭ', 'Anna@example.com'],
      ['  José@Bücher.Example ', 'José@bücher.example'],
      ['Mario@EXAMPLE.ORG', 'Mario@example.org'],
      ['x@XN--BCHER-KVA.example', 'x@xn--bcher-kva.example'],
      ['ДМИТРИЙ@ПРИМЕР.РФ', 'ДМИТРИЙ@пример.рф'],
    ];
    for (const [raw, normal] of cases) assert.equal(normalizeEmail(raw), normal, raw);
  });

  it('stores what it sends: a full-width domain is one address with its plain form', () => {
    const checked = checkAddress({ email: 'a@ｂücher.de' });
    assert.ok(checked.ok);
    assert.equal(checked.address.email, 'a@bücher.de');
    assert.equal(addressKey(checked.address.email), addressKey('A@xn--bcher-kva.de'));
    assert.equal(checkAddress({ email: 'a@b\u0001c.de' }).ok, false);
  });
});
