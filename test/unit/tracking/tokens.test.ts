import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { createKeyring } from '../../../src/keyring/index.js';
import { newTrackingId } from '../../../src/store/index.js';
import {
  aggregateTrackingUrls,
  HONEYPOT_INDEX,
  signToken,
  verifyToken,
} from '../../../src/tracking/index.js';

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

  it('sign with HMAC-SHA256 over the kind tag and payload, cut to 96 bits, as in mail already sent', () => {
    // Tokens live in mail for years: the MAC must stay byte for byte what RFC 2104 defines
    // (checked against node:crypto), whatever computes it.
    const key = keyring.current('tracking-token').key;
    const tags = { open: 'o', click: 'c', download: 'd', privacy: 'p' } as const;
    for (let i = 0; i < 200; i++) {
      const id = newTrackingId();
      for (const kind of ['open', 'click', 'download', 'privacy'] as const) {
        const index = kind === 'click' ? (i * 331) % 0x10000 : undefined;
        const token = signToken(keyring, kind, { trackingId: id, index });
        const body = Buffer.from(token.slice(2), 'base64url');
        const payload = body.subarray(0, body.length - 12);
        const expected = createHmac('sha256', key)
          .update(tags[kind])
          .update(payload)
          .digest()
          .subarray(0, 12);
        assert.deepEqual(body.subarray(body.length - 12), expected, `${kind} ${id}`);
        assert.deepEqual(
          verifyToken(keyring, kind, token),
          index === undefined ? { trackingId: id } : { trackingId: id, index },
        );
      }
    }
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

describe('a message’s shared-pixel token (the aggregate policy)', () => {
  const keyring = createKeyring([OLD]);

  it('carries the message’s aggregate id only, and no other kind of token passes for it', () => {
    for (let i = 0; i < 20; i++) {
      const aggregateId = newTrackingId();
      const token = signToken(keyring, 'aggregate', { trackingId: aggregateId });
      assert.match(token, /^[A-Za-z0-9_-]{40}$/);
      assert.deepEqual(verifyToken(keyring, 'aggregate', token), { trackingId: aggregateId });
      for (const kind of ['open', 'download', 'privacy'] as const) {
        assert.equal(verifyToken(keyring, kind, token), undefined, `${kind} ${i}`);
        const other = signToken(keyring, kind, { trackingId: aggregateId });
        assert.equal(verifyToken(keyring, 'aggregate', other), undefined, `${kind} ${i}`);
      }
    }
  });

  it('builds one pixel URL per message under the tracking base, the same every time', () => {
    const aggregateId = newTrackingId();
    const first = aggregateTrackingUrls(keyring, 'https://t.example.net', aggregateId);
    assert.match(first.pixelUrl, /^https:\/\/t\.example\.net\/t\/a\/[A-Za-z0-9_-]{40}$/);
    assert.equal(first.aboutUrl, `${first.pixelUrl}/about`);
    assert.deepEqual(aggregateTrackingUrls(keyring, 'https://t.example.net', aggregateId), first);
    const other = aggregateTrackingUrls(keyring, 'https://t.example.net', newTrackingId());
    assert.notEqual(other.pixelUrl, first.pixelUrl);
  });
});
