import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  contentDisposition,
  decodeFormFilename,
  safeContentType,
  safeFilename,
} from '../../../src/attachments/index.js';

describe('a file on the wire', () => {
  it('keeps a plain media type, drops its parameters, and refuses anything that could break the header', () => {
    assert.equal(safeContentType('IMAGE/PNG'), 'image/png');
    assert.equal(safeContentType('image/svg+xml'), 'image/svg+xml');
    assert.equal(safeContentType('text/plain; charset=utf-8'), 'text/plain');
    assert.equal(safeContentType('image/png; charset=x\r\nSet-Cookie: x=1'), 'image/png');
    assert.equal(safeContentType('text/html\r\nSet-Cookie: x=1'), 'application/octet-stream');
    assert.equal(safeContentType(`image/${'x'.repeat(200)}`), 'application/octet-stream');
    assert.equal(safeContentType(''), 'application/octet-stream');
    assert.equal(safeContentType(undefined), 'application/octet-stream');
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
    // A lone surrogate would make encodeURIComponent throw (a download's name or a zip named
    // after the subject, as a dev inbox part's).
    assert.match(contentDisposition('attachment', 'a\uD800b'), /filename\*=UTF-8''a%EF%BF%BDb$/);
    assert.equal(
      contentDisposition('attachment', `Q3 \uDC00.zip`),
      `attachment; filename="Q3 _.zip"; filename*=UTF-8''Q3%20%EF%BF%BD.zip`,
    );
  });

  it('keeps only a stored name’s last segment, without control characters', () => {
    assert.equal(safeFilename('../../etc/passwd'), 'passwd');
    assert.equal(safeFilename('C:\\Users\\a\u202Egnp.exe'), 'agnp.exe');
    assert.equal(safeFilename('...'), 'attachment');
  });
});

describe('an attachment’s file name', () => {
  it('keeps only the last path segment, without control or direction-override characters', () => {
    assert.equal(safeFilename('C:\\Users\\anna\\listino.pdf'), 'listino.pdf');
    assert.equal(safeFilename('../../etc/passwd'), 'passwd');
    assert.equal(safeFilename('fattura\u202Efdp.exe'), 'fatturafdp.exe');
    assert.equal(safeFilename('a\u0000b\tc.txt'), 'abc.txt');
    assert.equal(safeFilename('  listino   prezzi.pdf '), 'listino prezzi.pdf');
  });

  it('drops what shows nothing (format and default-ignorable characters), keeping joiners', () => {
    assert.equal(safeFilename('invoice\u200Bfdp.exe'), 'invoicefdp.exe');
    assert.equal(safeFilename('a\u061Cb\u3164c\u034Fd\uFEFF.pdf'), 'abcd.pdf');
    assert.equal(safeFilename('نامه\u200Cها.pdf'), 'نامه\u200Cها.pdf');
    assert.equal(safeFilename('\u2764\uFE0F.txt'), '\u2764\uFE0F.txt');
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

describe('a file name from a browser form', () => {
  it('decodes the three escapes browsers write into a form file name, and only those', () => {
    assert.equal(decodeFormFilename('Angebot %22Q4%22.pdf'), 'Angebot "Q4".pdf');
    assert.equal(decodeFormFilename('%22%22'), '""');
    assert.equal(decodeFormFilename('%41 %25 %2522 %'), '%41 %25 %2522 %');
    assert.throws(() => decodeFormFilename('a%0D%0Ab'), { errorName: 'MB_ERR_VALIDATION' });
    assert.throws(() => decodeFormFilename('a%0ab'), { errorName: 'MB_ERR_VALIDATION' });
  });
});
