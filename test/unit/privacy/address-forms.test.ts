import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addressKey } from '../../../src/mail/index.js';
import { addressForms } from '../../../src/privacy/index.js';

const key = addressKey('José.Ünal@Bücher.example')!;
const forms = addressForms(key, ['José.Ünal@Bücher.example', 'JOSÉ.ÜNAL@xn--bcher-kva.example']);

describe('the forms of an address an erasure looks for', () => {
  it('matches every spelling of the address under addressKey, and no other address', () => {
    for (const same of [
      'josé.ünal@bücher.example',
      'JOSÉ.ÜNAL@BÜCHER.EXAMPLE',
      'josé.ünal@xn--bcher-kva.example',
      'Jose\u0301.U\u0308nal@Bücher.example', // decomposed accents (NFD)
      ' josé.ünal@bücher.example. ',
    ]) {
      assert.equal(forms.matches(same), true, same);
    }
    for (const other of [
      'jose.unal@bücher.example',
      'josé.ünal@bucher.example',
      'josé.ünal2@bücher.example',
      'not an address',
    ]) {
      assert.equal(forms.matches(other), false, other);
    }
  });

  it('finds the address in free text in any case, Unicode form and domain form', () => {
    for (const text of [
      'Delivery to JOSÉ.ÜNAL@BÜCHER.EXAMPLE failed: 550 no such user',
      '550 5.1.1 <josé.ünal@xn--bcher-kva.example>: Recipient address rejected',
      'Chiamare Jose\u0301.U\u0308nal@bücher.example domani',
      '{"email":"josé.ünal@bücher.example"}',
    ]) {
      assert.equal(forms.mentions(text), true, text);
    }
    for (const text of [null, undefined, '', 'Mario opened the mail', 'jose.unal@bucher.example']) {
      assert.equal(forms.mentions(text), false, String(text));
    }
  });

  it('folds the way keys do: ß as ss, a final sigma as sigma', () => {
    const street = addressForms(addressKey('Straße@example.org')!);
    assert.equal(street.matches('STRASSE@example.org'), true);
    assert.equal(street.mentions('write to strasse@EXAMPLE.org'), true);
    const greek = addressForms(addressKey('ΟΔΥΣΣΕΥΣ@example.gr')!);
    assert.equal(greek.matches('οδυσσευς@example.gr'), true);
    assert.equal(greek.mentions('Ο ΟΔΥΣΣΕΥΣ@EXAMPLE.GR έγραψε'), true);
  });
});
