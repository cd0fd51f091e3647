import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dayStartMs, instantMs } from '../../../src/api/plugins/formats.js';

describe('the one date reader (RFC 3339 §5.6)', () => {
  it('reads instants with an offset and days of the calendar', () => {
    assert.equal(instantMs('2030-01-01T00:00:00Z'), Date.UTC(2030, 0, 1));
    assert.equal(instantMs('2030-01-01T01:00:00.5+01:00'), Date.UTC(2030, 0, 1, 0, 0, 0, 500));
    assert.equal(dayStartMs('2028-02-29'), Date.UTC(2028, 1, 29));
  });

  it('refuses white space around a value, hour 24, a leap second and days the calendar lacks', () => {
    for (const text of [
      '2030-01-01T00:00:00Z\n',
      ' 2030-01-01T00:00:00Z',
      '2030-01-01T00:00:00Z ',
      '2030-01-01T24:00:00Z',
      '2030-01-01T23:60:00Z',
      '2030-06-30T23:59:60Z',
      '2030-02-30T10:00:00Z',
      '2030-01-01T10:00Z',
      '2030-01-01T10:00:00',
      '1969-12-31T23:59:59Z',
    ]) {
      assert.equal(instantMs(text), undefined, JSON.stringify(text));
    }
    for (const text of ['2030-01-01\n', ' 2030-01-01', '2030-02-30', '2029-02-29', '1969-12-31']) {
      assert.equal(dayStartMs(text), undefined, JSON.stringify(text));
    }
  });
});
