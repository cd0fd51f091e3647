import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { signWebhook, verifyWebhookSignature } from '../../../../src/notify/webhooks/index.js';

const SECRET = 'whsec_test-secret-0123456789';
const BODY = JSON.stringify({ id: 'd1', type: 'click', text: 'Mario Rossi «Offerta» & co' });
const NOW = Date.UTC(2026, 10, 27, 10, 0, 0);

describe('webhook signatures', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 of the secret, as t=…,v1=<hex>', () => {
    const header = signWebhook(SECRET, BODY, NOW);
    const t = Math.floor(NOW / 1000);
    const hex = createHmac('sha256', SECRET).update(`${t}.${BODY}`).digest('hex');
    assert.equal(header, `t=${t},v1=${hex}`);
  });

  it('verifies its own signature within the tolerance', () => {
    const header = signWebhook(SECRET, BODY, NOW);
    assert.deepEqual(verifyWebhookSignature(SECRET, header, BODY, 300, NOW + 299_000), {
      valid: true,
      timestamp: Math.floor(NOW / 1000),
    });
  });

  it('refuses a tampered body', () => {
    const header = signWebhook(SECRET, BODY, NOW);
    const tampered = BODY.replace('click', 'open');
    assert.deepEqual(verifyWebhookSignature(SECRET, header, tampered, 300, NOW), {
      valid: false,
      reason: 'mismatch',
    });
    assert.equal(verifyWebhookSignature(SECRET, header, `${BODY} `, 300, NOW).valid, false);
  });

  it('refuses the wrong secret', () => {
    const header = signWebhook('whsec_another-secret-000000', BODY, NOW);
    assert.deepEqual(verifyWebhookSignature(SECRET, header, BODY, 300, NOW), {
      valid: false,
      reason: 'mismatch',
    });
  });

  it('refuses an old timestamp (a replay), and one from too far ahead', () => {
    const old = signWebhook(SECRET, BODY, NOW - 301_000);
    assert.deepEqual(verifyWebhookSignature(SECRET, old, BODY, 300, NOW), {
      valid: false,
      reason: 'expired',
    });
    const ahead = signWebhook(SECRET, BODY, NOW + 3_600_000);
    assert.equal(verifyWebhookSignature(SECRET, ahead, BODY, 300, NOW).valid, false);
  });

  it('refuses a timestamp moved forward while keeping the signature', () => {
    const header = signWebhook(SECRET, BODY, NOW - 3_600_000);
    const moved = header.replace(/t=\d+/, `t=${Math.floor(NOW / 1000)}`);
    assert.deepEqual(verifyWebhookSignature(SECRET, moved, BODY, 300, NOW), {
      valid: false,
      reason: 'mismatch',
    });
  });

  it('refuses malformed headers without throwing', () => {
    const v1 = signWebhook(SECRET, BODY, NOW).split(',')[1]!;
    for (const header of [
      undefined,
      null,
      '',
      'garbage',
      v1,
      `t=${Math.floor(NOW / 1000)}`,
      't=abc,v1=00',
      `t=${Math.floor(NOW / 1000)},v1=zz`,
    ]) {
      assert.deepEqual(
        verifyWebhookSignature(SECRET, header, BODY, 300, NOW),
        { valid: false, reason: 'malformed' },
        String(header),
      );
    }
  });

  it('accepts any of several v1 signatures (a secret being rolled)', () => {
    const t = Math.floor(NOW / 1000);
    const other = createHmac('sha256', 'old-secret').update(`${t}.${BODY}`).digest('hex');
    const mine = signWebhook(SECRET, BODY, NOW).split(',')[1]!;
    assert.equal(
      verifyWebhookSignature(SECRET, `t=${t},v1=${other},${mine}`, BODY, 300, NOW).valid,
      true,
    );
  });
});
