import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkNonce, newNonce } from '../../../src/html/index.js';

describe('page nonces', () => {
  it('are fresh for each response and of the form a page takes', () => {
    const nonces = new Set(Array.from({ length: 100 }, () => newNonce()));
    assert.equal(nonces.size, 100);
    for (const nonce of nonces) assert.equal(checkNonce(nonce), nonce);
  });

  it('refuse anything that could leave the attribute or the header', () => {
    for (const bad of ['', 'short', `${'a'.repeat(16)}"`, `${'a'.repeat(16)}; script-src *`]) {
      assert.throws(() => checkNonce(bad), TypeError);
    }
  });
});
