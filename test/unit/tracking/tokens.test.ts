import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createKeyring } from '../../../src/keyring/index.js';
import { newTrackingId } from '../../../src/store/index.js';
import { HONEYPOT_INDEX, signToken, verifyToken } from '../../../src/tracking/index.js';

const OLD = 'o'.repeat(40);
const NEW = 'n'.repeat(40);

describe('tracking tokens', () => {
  const keyring = createKeyring([OLD]);
  const trackingId = newTrackingId();

  it('are URL-safe, at most 48 characters, and carry 128 random bits', () => {
    assert.equal(Buffer.from(trackingId, 'base64url').length, 16);
    for (const kind of ['open', 'download', 'privacy'] as const) {
      const token = signToken(keyring, kind, { trackingId });
      assert.match(token, /^[A-Za-z0-9_-]{40}$/);
      assert.deepEqual(verifyToken(keyring, kind, token), { trackingId });
    }
    const click = signToken(keyring, 'click', { trackingId, index: 7 });
    assert.match(click, /^[A-Za-z0-9_-]{42}$/);
    assert.deepEqual(verifyToken(keyring, 'click', click), { trackingId, index: 7 });
    assert.equal(
      verifyToken(
        keyring,
        'click',
        signToken(keyring, 'click', { trackingId, index: HONEYPOT_INDEX }),
      )?.index,
      HONEYPOT_INDEX,
    );
  });

  it('do not verify as another kind', () => {
    const open = signToken(keyring, 'open', { trackingId });
    assert.equal(verifyToken(keyring, 'download', open), undefined);
    assert.equal(verifyToken(keyring, 'privacy', open), undefined);
  });

  it('refuse any change, truncation or extension', () => {
    const token = signToken(keyring, 'open', { trackingId });
    for (let i = 0; i < token.length; i++) {
      const replaced = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
      assert.equal(verifyToken(keyring, 'open', replaced), undefined, `position ${i}`);
    }
    assert.equal(verifyToken(keyring, 'open', token.slice(0, -1)), undefined);
    assert.equal(verifyToken(keyring, 'open', `${token}A`), undefined);
    assert.equal(verifyToken(keyring, 'open', ''), undefined);
    assert.equal(verifyToken(keyring, 'open', 'é'.repeat(40)), undefined);
  });

  it('keep verifying after SECRET rotates, while the old secret is still listed', () => {
    const before = signToken(keyring, 'click', { trackingId, index: 3 });
    const rotated = createKeyring([NEW, OLD]);
    assert.deepEqual(verifyToken(rotated, 'click', before), { trackingId, index: 3 });
    const after = signToken(rotated, 'click', { trackingId, index: 3 });
    assert.notEqual(
      after.slice(0, 2),
      before.slice(0, 2),
      'the new secret signs, under its own key id',
    );
    assert.deepEqual(verifyToken(rotated, 'click', after), { trackingId, index: 3 });
    assert.equal(
      verifyToken(createKeyring([NEW]), 'click', before),
      undefined,
      'dropped secrets verify nothing',
    );
  });
});
