import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDateTime, formatFileSize, formatLongDate } from '../../../src/i18n/index.js';

describe('formatFileSize', () => {
  const cases: [number, string, string][] = [
    [0, '0 bytes', '0 byte'],
    [1, '1 byte', '1 byte'],
    [512, '512 bytes', '512 byte'],
    [1023, '1023 bytes', '1023 byte'],
    [1024, '1 KB', '1 KB'],
    [1536, '1.5 KB', '1,5 KB'],
    [358_400, '350 KB', '350 KB'],
    [1_048_575, '1 MB', '1 MB'],
    [1_258_291, '1.2 MB', '1,2 MB'],
    [26_214_400, '25 MB', '25 MB'],
    [5_368_709_120, '5 GB', '5 GB'],
  ];
  for (const [bytes, en, it_] of cases) {
    it(`writes ${bytes} bytes as ${en} / ${it_}`, () => {
      assert.equal(formatFileSize(bytes, 'en'), en);
      assert.equal(formatFileSize(bytes, 'it'), it_);
    });
  }

  it('refuses what is not a size', () => {
    assert.throws(() => formatFileSize(-1, 'en'), RangeError);
    assert.throws(() => formatFileSize(Number.NaN, 'en'), RangeError);
  });
});

describe('formatLongDate', () => {
  it('writes the day in each language', () => {
    const date = new Date('2026-12-27T12:00:00Z');
    assert.equal(formatLongDate(date, 'en'), '27 December 2026');
    assert.equal(formatLongDate(date, 'it'), '27 dicembre 2026');
    assert.equal(formatLongDate(new Date('2027-01-01T00:00:00Z'), 'it'), '1° gennaio 2027');
    assert.equal(formatLongDate(new Date('2027-01-01T00:00:00Z'), 'en'), '1 January 2027');
  });

  it('writes the day of the time zone it is given', () => {
    const lateEvening = new Date('2026-12-27T23:30:00Z');
    assert.equal(formatLongDate(lateEvening, 'it'), '27 dicembre 2026');
    assert.equal(formatLongDate(lateEvening, 'it', 'Europe/Rome'), '28 dicembre 2026');
  });

  it('refuses an invalid date', () => {
    assert.throws(() => formatLongDate(new Date(Number.NaN), 'en'), RangeError);
  });
});

describe('formatDateTime', () => {
  it('writes a time on the 24-hour clock', () => {
    assert.equal(
      formatDateTime(new Date('2026-12-27T00:07:00Z'), 'en'),
      '27 December 2026 at 00:07 UTC',
    );
    assert.equal(
      formatDateTime(new Date('2026-12-27T23:59:00Z'), 'it'),
      '27 dicembre 2026 alle 23:59 UTC',
    );
  });

  it('writes the day and time of the zone it is given, naming the zone', () => {
    assert.equal(
      formatDateTime(new Date('2026-12-27T23:30:00Z'), 'it', 'Europe/Rome'),
      '28 dicembre 2026 alle 00:30 Europe/Rome',
    );
  });
});
