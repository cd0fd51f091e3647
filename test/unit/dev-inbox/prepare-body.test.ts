import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BASE_TARGET, prepareBody } from '../../../src/dev-inbox/index.js';

const url = (cid: string) => `https://inbox.test/cid/${encodeURIComponent(cid)}`;

/** The source with `insert` spliced in at the first occurrence of `after`'s end. */
function insertedAfter(source: string, after: string, insert = BASE_TARGET): string {
  const at = source.indexOf(after);
  assert.ok(at >= 0, `${after} is not in the source`);
  return source.slice(0, at + after.length) + insert + source.slice(at + after.length);
}

describe('prepareBody: <base target="_blank">', () => {
  it('goes right after <head>, leaving every other byte alone', () => {
    const html = [
      '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">\r\n',
      '<HTML xmlns:v="urn:schemas-microsoft-com:vml">\r\n',
      '<HEAD lang="en" data-x=\'1\'>\r\n<title>Caf&eacute; &amp; co</title>\r\n',
      '<!--[if mso]><xml><o:OfficeDocumentSettings/></xml><![endif]-->\r\n',
      '<style>p{color:red}/* <head> */</style>\r\n</HEAD>\r\n',
      '<body><p class=x>Hi &nbsp;<a href="https://example.org/?a=1&amp;b=2">link</a></p></body></HTML>',
    ].join('');
    assert.equal(prepareBody(html, url), insertedAfter(html, `<HEAD lang="en" data-x='1'>`));
  });

  it('goes after <html> when there is no <head>, after the doctype when there is neither', () => {
    const withHtml = '<!doctype html><html lang="it"><body><p>Ciao</p></body></html>';
    assert.equal(prepareBody(withHtml, url), insertedAfter(withHtml, '<html lang="it">'));
    const doctypeOnly = '<!doctype html>\n<p>Hello</p>';
    assert.equal(prepareBody(doctypeOnly, url), insertedAfter(doctypeOnly, '<!doctype html>'));
  });

  it('goes first in a bare fragment, after a byte-order mark if there is one', () => {
    assert.equal(prepareBody('<p>Hi</p>', url), `${BASE_TARGET}<p>Hi</p>`);
    assert.equal(prepareBody('\uFEFF<p>Hi</p>', url), `\uFEFF${BASE_TARGET}<p>Hi</p>`);
    assert.equal(prepareBody('', url), BASE_TARGET);
  });

  it('is not fooled by a <head> inside a comment or a <title>', () => {
    const html = '<!-- <head> --><html><head><title><head></title></head><body>x</body></html>';
    const expected = insertedAfter(html, '<html><head>');
    assert.equal(prepareBody(html, url), expected);
    const commentOnly = '<!-- <head> --><p>x</p>';
    assert.equal(prepareBody(commentOnly, url), `${BASE_TARGET}${commentOnly}`);
  });

  it('precedes a <base> of the mail’s own, so links still open in a new tab', () => {
    const html = '<html><head><base target="_self" href="https://example.org/"></head></html>';
    assert.equal(prepareBody(html, url), insertedAfter(html, '<head>'));
  });
});

describe('prepareBody: cid: images', () => {
  it('points every quoting style at the part route, keeping the quotes', () => {
    const html =
      '<img src="cid:logo@x"> <img src=\'cid:b@x\'> <img src=cid:c@x alt=c> <img SRC = "CID:d@x" >';
    const seen: string[] = [];
    const result = prepareBody(html, (cid) => {
      seen.push(cid);
      return url(cid);
    });
    assert.deepEqual(seen, ['logo@x', 'b@x', 'c@x', 'd@x']);
    assert.equal(
      result,
      `${BASE_TARGET}<img src="https://inbox.test/cid/logo%40x"> <img src='https://inbox.test/cid/b%40x'> <img src="https://inbox.test/cid/c%40x" alt=c> <img SRC = "https://inbox.test/cid/d%40x" >`,
    );
  });

  it('reads the value as a browser does (entities, spaces) and escapes what it writes', () => {
    const html = '<td background=" cid:bg&amp;1 "><img src="cid:a&quot;b"></td>';
    const result = prepareBody(html, (cid) => `/cid/${cid}?x=1&y=2`);
    assert.equal(
      result,
      `${BASE_TARGET}<td background="/cid/bg&amp;1?x=1&amp;y=2"><img src="/cid/a&quot;b?x=1&amp;y=2"></td>`,
    );
  });

  it('leaves other URLs, text that merely starts with cid:, and Outlook-only markup alone', () => {
    const html = [
      '<img src="https://example.org/cid:logo.png">',
      '<img alt="cid:logo" src="data:image/gif;base64,R0lGOD==">',
      '<!--[if mso]><img src="cid:outlook-only"><![endif]-->',
      '<p>cid:plain text</p>',
      '<style>.x{background:url(cid:css-bg)}</style>',
    ].join('\n');
    assert.equal(prepareBody(html, url), `${BASE_TARGET}${html}`);
  });

  it('rewrites links to parts too (href="cid:…")', () => {
    assert.equal(
      prepareBody('<a href="cid:report">report</a>', url),
      `${BASE_TARGET}<a href="https://inbox.test/cid/report">report</a>`,
    );
  });
});
