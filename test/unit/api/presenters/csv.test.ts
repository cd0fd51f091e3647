import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvField, csvRow } from '../../../../src/api/presenters/csv.js';

describe('CSV fields', () => {
  it('defuses every way a spreadsheet starts a formula (CSV injection)', () => {
    for (const [value, written] of [
      ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
      ['+39 06 1234', "'+39 06 1234"],
      ['-2+3', "'-2+3"],
      ['@import', "'@import"],
      ['\tcmd', "'\tcmd"],
      ['=HYPERLINK("http://evil.example")', `"'=HYPERLINK(""http://evil.example"")"`],
      ['\r=1+1', `"'\r=1+1"`],
    ] as const) {
      assert.equal(csvField(value), written, JSON.stringify(value));
    }
  });

  it('leaves text that cannot start a formula as it is, only quoting what needs it', () => {
    for (const [value, written] of [
      ['josé.ünal@ext.example', 'josé.ünal@ext.example'],
      ['ИВАН@пример.рф', 'ИВАН@пример.рф'],
      ['a=b', 'a=b'],
      ['Rossi, Mario', '"Rossi, Mario"'],
      ['say "hi"', '"say ""hi"""'],
      ['two\nlines', '"two\nlines"'],
      ['', ''],
    ] as const) {
      assert.equal(csvField(value), written, JSON.stringify(value));
    }
  });

  it('writes numbers, booleans and null as values, not as text to defuse', () => {
    assert.equal(csvField(-5), '-5');
    assert.equal(csvField(0), '0');
    assert.equal(csvField(true), 'true');
    assert.equal(csvField(null), '');
  });

  it('ends each record with CRLF', () => {
    assert.equal(csvRow(['a', '=b', null, 3]), "a,'=b,,3\r\n");
    assert.equal(csvRow([]), '\r\n');
  });
});
