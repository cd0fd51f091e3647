import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ERRORS, MailbeaconError } from '../../src/errors.js';

const DOC = new URL('../../docs/errors.md', import.meta.url);

function documentedRows(): Map<string, { code: string; status: number }> {
  const rows = new Map<string, { code: string; status: number }>();
  for (const line of readFileSync(DOC, 'utf8').split('\n')) {
    const match = /^\|\s*`(MB_ERR_\w+)`\s*\|\s*`(\w+)`\s*\|\s*(\d{3})\s*\|/.exec(line);
    if (match) rows.set(match[1]!, { code: match[2]!, status: Number(match[3]) });
  }
  return rows;
}

describe('the error catalogue', () => {
  it('is documented in docs/errors.md, entry for entry', () => {
    const documented = documentedRows();
    for (const [name, entry] of Object.entries(ERRORS)) {
      assert.deepEqual(documented.get(name), { code: entry.code, status: entry.status }, name);
    }
    assert.deepEqual([...documented.keys()].sort(), Object.keys(ERRORS).sort());
  });

  it('gives every entry its own snake_case code and an HTTP error status', () => {
    const codes = Object.values(ERRORS).map((e) => e.code);
    assert.equal(new Set(codes).size, codes.length);
    for (const entry of Object.values(ERRORS)) {
      assert.match(entry.code, /^[a-z]+(_[a-z]+)*$/);
      assert.ok(entry.status >= 400 && entry.status < 600);
      assert.equal('fault' in entry && entry.fault === true, entry.status >= 500);
    }
  });

  it('builds errors that carry the catalogue’s code and status', () => {
    const error = new MailbeaconError('MB_ERR_EMAIL_TAKEN');
    assert.equal(error.code, 'email_taken');
    assert.equal(error.status, 409);
    assert.equal(error.statusCode, 409);
    assert.equal(error.fault, false);
    assert.equal(
      new MailbeaconError('MB_ERR_VALIDATION', 'body/x is wrong').message,
      'body/x is wrong',
    );
  });
});
