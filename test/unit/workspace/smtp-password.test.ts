import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createKeyring } from '../../../src/keyring/index.js';
import { decryptSmtpPassword, encryptSmtpPassword } from '../../../src/workspace/index.js';

const OLD = 'o'.repeat(32);
const NEW = 'n'.repeat(32);

describe('the relay password at rest', () => {
  it('is encrypted (not readable, different each time) and decrypts back', () => {
    const keyring = createKeyring([OLD]);
    const a = encryptSmtpPassword(keyring, 'pässword');
    const b = encryptSmtpPassword(keyring, 'pässword');
    assert.notEqual(a, b);
    assert.doesNotMatch(a, /pässword/);
    assert.match(a, /^v1\./);
    assert.equal(decryptSmtpPassword(keyring, a), 'pässword');
  });

  it('still decrypts after SECRET rotates, and not once the old secret is gone', () => {
    const stored = encryptSmtpPassword(createKeyring([OLD]), 'relay-pass');
    assert.equal(decryptSmtpPassword(createKeyring([NEW, OLD]), stored), 'relay-pass');
    assert.equal(decryptSmtpPassword(createKeyring([NEW]), stored), undefined);
  });

  it('is undefined when the stored form was tampered with or is not one', () => {
    const keyring = createKeyring([OLD]);
    const parts = encryptSmtpPassword(keyring, 'relay-pass').split('.');
    parts[3] = Buffer.from('forged').toString('base64url');
    assert.equal(decryptSmtpPassword(keyring, parts.join('.')), undefined);
    assert.equal(decryptSmtpPassword(keyring, 'plain'), undefined);
  });
});
