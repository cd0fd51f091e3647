import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { safeContentType, safeFilename } from '../../../src/attachments/index.js';

describe('an attachment’s file name', () => {
  it('keeps only the last path segment, without control or direction-override characters', () => {
    assert.equal(safeFilename('C:\\Users\\anna\\listino.pdf'), 'listino.pdf');
    assert.equal(safeFilename('../../etc/passwd'), 'passwd');
    assert.equal(safeFilename('fattura\u202Efdp.exe'), 'fatturafdp.exe');
    assert.equal(safeFilename('a\u0000b\tc.txt'), 'abc.txt');
    assert.equal(safeFilename('  listino   prezzi.pdf '), 'listino prezzi.pdf');
  });

  it('drops leading dots, and names an empty result "attachment"', () => {
    assert.equal(safeFilename('.htaccess'), 'htaccess');
    assert.equal(safeFilename('...'), 'attachment');
    assert.equal(safeFilename('dir/'), 'attachment');
  });

  it('shortens a long name to 200 characters, keeping its extension', () => {
    const name = safeFilename(`${'ä'.repeat(300)}.pdf`);
    assert.equal([...name].length, 200);
    assert.ok(name.endsWith('ä.pdf'));
  });
});

describe('an attachment’s content type', () => {
  it('keeps a media type without its parameters, lower-cased; anything else is octet-stream', () => {
    assert.equal(safeContentType('Application/PDF; name="x.pdf"'), 'application/pdf');
    assert.equal(safeContentType('text/csv'), 'text/csv');
    assert.equal(safeContentType(undefined), 'application/octet-stream');
    assert.equal(safeContentType('pdf'), 'application/octet-stream');
    assert.equal(safeContentType('text/html<script>'), 'application/octet-stream');
  });
});
