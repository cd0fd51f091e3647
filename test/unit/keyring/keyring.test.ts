import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createKeyring } from '../../../src/keyring/index.js';

const NEW = 'n'.repeat(32);
const OLD = 'o'.repeat(32);

describe('the keyring', () => {
  it('derives distinct keys per purpose, newest secret first, with ids that tell secrets apart', () => {
    const keyring = createKeyring([NEW, OLD]);
    const session = keyring.all('session');
    assert.equal(session.length, 2);
    assert.notEqual(session[0]!.id, session[1]!.id);
    assert.equal(keyring.current('session'), session[0]);
    assert.equal(keyring.current('session').key.length, 32);
    assert.notDeepEqual(keyring.current('session').key, keyring.current('tracking-token').key);
    assert.notDeepEqual(keyring.current('smtp-password').key, keyring.current('webhook').key);
  });

  it('derives the same keys from the same secret, every time and in every process', () => {
    const a = createKeyring([NEW]).current('webhook');
    const b = createKeyring([NEW]).current('webhook');
    assert.deepEqual(a, b);
    assert.notDeepEqual(a.key, createKeyring([OLD]).current('webhook').key);
  });

  it('keeps the old secret verifying after a rotation, while the new one signs', () => {
    const before = createKeyring([OLD]);
    const after = createKeyring([NEW, OLD]);
    const signedEarlier = before.current('tracking-token');
    assert.notDeepEqual(after.current('tracking-token'), signedEarlier);
    const verifier = after.all('tracking-token').find((key) => key.id === signedEarlier.id);
    assert.deepEqual(verifier, signedEarlier);
  });

  it('needs at least one secret', () => {
    assert.throws(() => createKeyring([]), /at least one secret/);
  });
});
