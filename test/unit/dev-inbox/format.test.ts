import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentDisposition, safeContentType } from '../../../src/api/dev-inbox/part-headers.js';
import { formatAddresses } from '../../../src/dev-inbox/index.js';

describe('formatAddresses', () => {
  it('shows names unquoted beside their address, groups with their members', () => {
    assert.equal(
      formatAddresses({
        value: [
          { name: 'Zoë "Z" Ōta, PhD', address: 'zoe@example.jp' },
          { name: '', address: 'anna@example.org' },
          { name: 'Team', group: [{ name: 'B', address: 'b@example.org' }] },
        ],
        html: '',
        text: '',
      }),
      'Zoë "Z" Ōta, PhD <zoe@example.jp>, anna@example.org, Team: B <b@example.org>;',
    );
  });

  it('joins several headers and gives nothing for none', () => {
    const one = { value: [{ name: '', address: 'a@example.org' }], html: '', text: '' };
    const two = { value: [{ name: 'B', address: 'b@example.org' }], html: '', text: '' };
    assert.equal(formatAddresses([one, two]), 'a@example.org, B <b@example.org>');
    assert.equal(formatAddresses(undefined), '');
  });
});

describe('part headers', () => {
  it('keeps a plain media type and refuses anything that could break the header', () => {
    assert.equal(safeContentType('IMAGE/PNG'), 'image/png');
    assert.equal(safeContentType('image/svg+xml'), 'image/svg+xml');
    assert.equal(safeContentType('text/html\r\nSet-Cookie: x=1'), 'application/octet-stream');
    assert.equal(safeContentType('image/png; charset=x'), 'application/octet-stream');
    assert.equal(safeContentType(''), 'application/octet-stream');
  });

  it('names the file in ASCII and exactly (RFC 8187), whatever it holds', () => {
    assert.equal(
      contentDisposition('attachment', 'r€port "final".pdf'),
      `attachment; filename="r_port _final_.pdf"; filename*=UTF-8''r%E2%82%ACport%20%22final%22.pdf`,
    );
    assert.equal(
      contentDisposition('inline', "it's (1)\r\n.png"),
      `inline; filename="it's (1)__.png"; filename*=UTF-8''it%27s%20%281%29%0D%0A.png`,
    );
    // A lone surrogate would make encodeURIComponent throw.
    assert.match(contentDisposition('attachment', 'a\uD800b'), /filename\*=UTF-8''a%EF%BF%BDb$/);
  });
});
