import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
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
