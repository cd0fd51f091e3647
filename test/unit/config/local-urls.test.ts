import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localUrlWarning } from '../../../src/config.js';

describe('localUrlWarning', () => {
  const relay = 'smtp://relay.example:587';
  const at = (publicUrl: string, trackingUrl = publicUrl) =>
    localUrlWarning({ smtpUrl: relay, publicUrl, trackingUrl });

  it('names each URL that points at this machine while mail goes out through a relay', () => {
    for (const url of [
      'http://localhost:3000',
      'http://LOCALHOST:3000',
      'http://app.localhost',
      'http://127.0.0.1:3000',
      'http://127.1.2.3',
      'http://[::1]:3000',
    ]) {
      assert.match(
        at(url) ?? '',
        /^SMTP_URL is set but PUBLIC_URL is .* and TRACKING_URL is /,
        url,
      );
    }
    assert.equal(
      at('https://mail.example.com', 'http://localhost:3000'),
      'SMTP_URL is set but TRACKING_URL is http://localhost:3000: real recipients would get links to this machine they cannot open; set TRACKING_URL to the address they reach',
    );
  });

  it('says nothing for reachable URLs, or with the dev inbox (no SMTP_URL)', () => {
    assert.equal(at('https://mail.example.com'), undefined);
    assert.equal(at('http://10.0.0.5:3000'), undefined, 'an intranet address can be right');
    assert.equal(at('http://mylocalhost.example'), undefined);
    const devInbox = { smtpUrl: undefined, publicUrl: 'http://localhost:3000' };
    assert.equal(localUrlWarning({ ...devInbox, trackingUrl: devInbox.publicUrl }), undefined);
  });
});
