import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pageCsp } from '../../../src/tracking/pages/csp.js';
import { fileExtension, fileKind } from '../../../src/tracking/pages/file-kind.js';
import { mailtoAddress, mailtoUrl, replySubject } from '../../../src/tracking/pages/mailto.js';

describe('mailto', () => {
  it('keeps a plain address readable and encodes what the grammar does not allow', () => {
    assert.equal(
      mailtoAddress('mario.rossi+offerte@acme.it'),
      'mailto:mario.rossi+offerte@acme.it',
    );
    assert.equal(mailtoAddress('"a b"@acme.it'), 'mailto:%22a%20b%22@acme.it');
    assert.equal(mailtoAddress('a?b#c@acme.it'), 'mailto:a%3Fb%23c@acme.it');
  });

  it('encodes the whole subject, spaces as %20', () => {
    const url = mailtoUrl('a@b.it', 'Città & più? 100%', 'en');
    assert.equal(url, 'mailto:a@b.it?subject=Re%3A%20Citt%C3%A0%20%26%20pi%C3%B9%3F%20100%25');
    assert.equal(new URL(url).searchParams.get('subject'), 'Re: Città & più? 100%');
  });

  it('survives a lone surrogate', () => {
    const url = mailtoUrl('a@b.it', 'x\uD800y', 'en');
    assert.equal(new URL(url).searchParams.get('subject'), 'Re: x\uFFFDy');
  });

  it('writes the reply subject on one line', () => {
    assert.equal(replySubject('  Quote\r\n\tfor   you ', 'en'), 'Re: Quote for you');
    assert.equal(replySubject('\r\n', 'en'), '');
  });

  it('prefixes the reply as the language does: Re: in English, R: in Italian', () => {
    assert.equal(replySubject('Quote', 'en'), 'Re: Quote');
    assert.equal(replySubject('Preventivo', 'it'), 'R: Preventivo');
    const url = mailtoUrl('a@b.it', 'Preventivo', 'it');
    assert.equal(url, 'mailto:a@b.it?subject=R%3A%20Preventivo');
  });

  it('does not prefix a subject that is already a reply, in any language we write', () => {
    for (const language of ['en', 'it'] as const) {
      assert.equal(replySubject('Re: Quote', language), 'Re: Quote');
      assert.equal(replySubject('RE:Quote', language), 'RE:Quote');
      assert.equal(replySubject('R: Preventivo', language), 'R: Preventivo');
    }
    assert.equal(replySubject('Report', 'it'), 'R: Report');
  });
});

describe('fileKind', () => {
  const cases: [string, string, string][] = [
    ['a.PDF', 'application/octet-stream', 'pdf'],
    ['photo.HEIC', '', 'image'],
    ['conti.ods', '', 'spreadsheet'],
    ['slides.pptx', '', 'presentation'],
    ['tesi.docx', '', 'document'],
    ['backup.tar.gz', '', 'archive'],
    ['fattura.pdf.exe', 'application/pdf', 'program'],
    ['setup.MSI', '', 'program'],
    ['notes', 'text/plain; charset=utf-8', 'text'],
    ['table', 'text/csv', 'spreadsheet'],
    ['mail', 'message/rfc822', 'email'],
    ['blob', 'application/octet-stream', 'other'],
    ['report.weird', 'application/pdf', 'other'],
  ];
  for (const [filename, contentType, expected] of cases) {
    it(`${filename} (${contentType || 'no type'}) → ${expected}`, () => {
      assert.equal(fileKind(filename, contentType), expected);
    });
  }

  it('shows a short plain extension only', () => {
    assert.equal(fileExtension('Report.final.xlsx'), 'XLSX');
    assert.equal(fileExtension('no-extension'), undefined);
    assert.equal(fileExtension('x.<b>'), undefined);
    assert.equal(fileExtension('x.toolongext'), undefined);
  });
});

describe('pageCsp', () => {
  it('allows nothing but the nonce style, data images and posts to us', () => {
    assert.equal(
      pageCsp('abcdefghijklmnop'),
      "default-src 'none'; style-src 'nonce-abcdefghijklmnop'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    );
    assert.throws(() => pageCsp("abcdefghijklmnop' 'unsafe-inline"), TypeError);
  });
});
