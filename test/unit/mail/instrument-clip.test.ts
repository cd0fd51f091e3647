import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  clippedByGmail,
  GMAIL_CLIP_BYTES,
  htmlBytesAsSent,
  type InstrumentOptions,
  instrumentMail,
} from '../../../src/mail/index.js';
import { byteOffsetOf, newsletter, PREHEADER } from '../../helpers/newsletter.js';

// Tracking URLs as long as the real ones: a base, a kind and a 40–42 character token.
const BASE = 'https://track.mailbeacon.example';
const OPTIONS: InstrumentOptions = {
  pixelUrl: `${BASE}/t/o/${'o'.repeat(40)}`,
  clickUrl: (link) => `${BASE}/t/c/${String(link.index).padStart(42, 'c')}`,
  honeypotUrl: `${BASE}/t/c/${'h'.repeat(42)}`,
  privacyNotice: { url: `${BASE}/t/p/${'p'.repeat(40)}`, language: 'en' },
};
const PIXEL_END = '<!--/mb:pixel-->';
const NOTICE_END = '<!--/mb:privacy-->';

function tracked(html: string, options: InstrumentOptions = OPTIONS): string {
  return instrumentMail({ html }, options).html!;
}

/** The byte just past a block, as sent: what must be inside the clip. */
function endOf(html: string, marker: string): number {
  const at = byteOffsetOf(html, marker);
  assert.notEqual(at, -1, `no ${marker}`);
  return at + Buffer.byteLength(marker);
}

/** The html with the inserted blocks taken out again. */
function withoutBlocks(html: string): string {
  return html.replace(/<!--mb:([a-z]+)-->[\s\S]*?<!--\/mb:\1-->/g, '');
}

/** A mail whose tracked copy in the foot layout is exactly `bytesAfterTracking` as sent. */
function padded(bytesAfterTracking: number, fill: string): string {
  const start = '<html><body>\n<p><a href="https://shop.example/a">A</a></p>\n<p>';
  const end = '</p>\n</body></html>';
  const grown = htmlBytesAsSent(tracked(`${start}${end}`)) - htmlBytesAsSent(`${start}${end}`);
  const room = bytesAfterTracking - grown - htmlBytesAsSent(`${start}${end}`);
  const unit = htmlBytesAsSent(fill);
  return `${start}${fill.repeat(Math.floor(room / unit))}${'x'.repeat(room % unit)}${end}`;
}

describe('the Gmail clip rule', () => {
  it('measures html in UTF-8 bytes with CRLF line endings, as the MIME writer sends it', () => {
    assert.equal(GMAIL_CLIP_BYTES, 102_400);
    assert.equal(htmlBytesAsSent(''), 0);
    assert.equal(htmlBytesAsSent('abc'), 3);
    assert.equal(htmlBytesAsSent('é'), 2, 'two bytes, one character');
    assert.equal(htmlBytesAsSent('€'), 3);
    assert.equal(htmlBytesAsSent('😀'), 4, 'four bytes, two UTF-16 units');
    assert.equal(htmlBytesAsSent('a\nb'), 4, 'a bare LF goes as CRLF');
    assert.equal(htmlBytesAsSent('a\r\nb'), 4, 'a CRLF stays two bytes');
    assert.equal(htmlBytesAsSent('\n\n'), 4);
    assert.equal(clippedByGmail('x'.repeat(GMAIL_CLIP_BYTES)), false);
    assert.equal(clippedByGmail('x'.repeat(GMAIL_CLIP_BYTES + 1)), true);
    assert.equal(clippedByGmail('é'.repeat(GMAIL_CLIP_BYTES / 2 + 1)), true);
  });
});

describe('instrumentMail inside the Gmail clip', () => {
  it('keeps the foot layout for a short mail', () => {
    const html = tracked('<html><body>\n<p>Hi</p>\n</body></html>');
    assert.ok(html.startsWith('<html><body>\n<p>Hi</p>\n<!--mb:privacy-->'));
    assert.ok(html.endsWith(`${PIXEL_END}</body></html>`));
  });

  it('moves the pixel and the notice up exactly when the foot layout passes the limit', () => {
    for (const fill of ['x', 'é', '€', '😀', 'x\n']) {
      const atLimit = tracked(padded(GMAIL_CLIP_BYTES, fill));
      assert.equal(htmlBytesAsSent(atLimit), GMAIL_CLIP_BYTES);
      assert.ok(atLimit.endsWith(`${PIXEL_END}</body></html>`), `${fill}: foot at the limit`);

      const moved = tracked(padded(GMAIL_CLIP_BYTES + 1, fill));
      assert.ok(moved.startsWith('<html><body><!--mb:pixel--><img '), `${fill}: top past it`);
      assert.ok(endOf(moved, NOTICE_END) < GMAIL_CLIP_BYTES);
    }
  });

  it('counts bytes, not characters: multibyte text that fits by length is still moved', () => {
    const html = newsletter({ bytes: 99_000, links: 240, multibyte: true });
    assert.ok(html.length < 80_000, 'far fewer characters than bytes');
    const copy = tracked(html);
    assert.ok(htmlBytesAsSent(copy) > GMAIL_CLIP_BYTES);
    assert.ok(endOf(copy, PIXEL_END) < 1_000);
    assert.ok(endOf(copy, NOTICE_END) < 1_500);
  });

  it('puts the pixel right after <body>, with or without attributes, then a one-line notice', () => {
    for (const body of ['plain', 'attributes'] as const) {
      const html = newsletter({ bytes: 99_000, links: 240, body });
      const copy = tracked(html);
      const bodyTag = /<body[^>]*data-x=">"[^>]*>|<body>/.exec(html)![0];
      const at = copy.indexOf(bodyTag) + bodyTag.length;
      assert.ok(copy.startsWith('<!--mb:pixel--><img src="', at), `${body}: pixel first`);
      const notice = /<!--mb:privacy-->([\s\S]*?)<!--\/mb:privacy-->/.exec(copy)![1]!;
      assert.doesNotMatch(notice, /[\r\n]|<table/, 'a short line');
      assert.match(notice, /This email lets the sender know/);
      assert.match(notice, /href="https:\/\/track\.mailbeacon\.example\/t\/p\/p+"/);
      assert.ok(copy.indexOf(NOTICE_END) < copy.indexOf(PREHEADER));
      // Only the download block and the honeypot stay at the foot.
      assert.ok(/<\/table>\n<!--mb:honeypot-->[^\n]*<!--\/mb:honeypot--><\/body>/.test(copy));
    }
  });

  it('leaves every byte outside the blocks as in the foot layout', () => {
    for (const body of ['plain', 'attributes', 'none'] as const) {
      const html = newsletter({ bytes: 99_000, links: 240, body, multibyte: body === 'none' });
      const foot = instrumentMail({ html }, { clickUrl: OPTIONS.clickUrl }).html!;
      assert.equal(withoutBlocks(tracked(html)), foot);
    }
  });

  it('without a <body>, goes after </head>, <html>, a doctype, or at the very start', () => {
    const long = `<p>${'x'.repeat(GMAIL_CLIP_BYTES)}</p>`;
    const cases: [string, string][] = [
      [`<!DOCTYPE html>\n<html><head><title>T</title></head>${long}</html>`, '</head>'],
      [`<!DOCTYPE html>\n<html lang="en">${long}</html>`, '<html lang="en">'],
      [`<!doctype html>${long}`, '<!doctype html>'],
      [long, ''],
      [`<table><tr><td>${long}</td></tr></table>`, ''],
    ];
    for (const [html, before] of cases) {
      const copy = tracked(html);
      const at = copy.indexOf(before) + before.length;
      assert.ok(copy.startsWith('<!--mb:pixel--><img ', at), `${before || 'start'}`);
      assert.ok(endOf(copy, NOTICE_END) < 1_000);
    }
  });

  it('finds the real <body> past comments, conditional comments and raw text that mention one', () => {
    const decoys = [
      '<!-- <body class="old"> -->\n',
      '<!--[if mso]><body class="mso" style="x"><![endif]-->\n',
      '<!--[if !mso]><!-- --><!--<![endif]-->\n',
      '<script>document.write("<body>")</script>\n',
    ].join('');
    for (const body of ['plain', 'attributes'] as const) {
      const html = newsletter({ bytes: 99_000, links: 240, body, beforeBody: decoys });
      const copy = tracked(html);
      const tag = body === 'plain' ? '<body>' : '<body class="newsletter"';
      const real = copy.lastIndexOf(tag);
      assert.ok(real > copy.indexOf('</script>'), 'the decoys come first');
      const pixel = copy.indexOf('<!--mb:pixel-->');
      assert.equal(copy.lastIndexOf('>', pixel - 1), pixel - 1);
      assert.ok(pixel > real && pixel < copy.indexOf(PREHEADER), `${body}: after the real body`);
      assert.equal(copy.indexOf('<', real + 1), pixel, `${body}: right after it`);
      assert.equal(copy.split('<!--mb:pixel-->').length, 2, 'one pixel');
    }
  });

  it('keeps the pixel and the notice inside the clip in the issue’s newsletter', () => {
    const html = newsletter({ bytes: 99_000, links: 240 });
    const copy = tracked(html);
    // The numbers: 99 KB grew to ~110 KB, the notice at 108,652 and the pixel at 109,547.
    assert.ok(htmlBytesAsSent(copy) > 108_000, `${htmlBytesAsSent(copy)}`);
    assert.ok(endOf(copy, PIXEL_END) < 1_000);
    assert.ok(endOf(copy, NOTICE_END) < GMAIL_CLIP_BYTES);
  });

  it('moves only the pixel when the workspace switched the notice off, and nothing without tracking', () => {
    const html = newsletter({ bytes: 99_000, links: 240 });
    const { privacyNotice: _, ...noNotice } = OPTIONS;
    const copy = tracked(html, noNotice);
    assert.ok(endOf(copy, PIXEL_END) < 1_000);
    assert.doesNotMatch(copy, /mb:privacy/);
    const linksOnly = tracked(html, { clickUrl: OPTIONS.clickUrl });
    assert.doesNotMatch(linksOnly, /<!--mb:/);
  });
});

describe('the notice moved to the top', () => {
  it('keeps its own link label (a shared pixel’s notice links to how it counts, not to a stop)', () => {
    const html = newsletter({ bytes: 103_000, links: 0 });
    const shared = tracked(html, {
      pixelUrl: OPTIONS.pixelUrl,
      privacyNotice: {
        url: `${BASE}/t/a/${'a'.repeat(40)}/about`,
        language: 'en',
        text: 'Opens are counted in total, never by whom.',
        linkLabel: 'How it works',
      },
    });
    const top = shared.slice(0, endOf(shared, NOTICE_END));
    assert.ok(top.length < 20_000, 'the notice is near the top');
    assert.match(top, />How it works<\/a>/);
    assert.doesNotMatch(top, /Stop tracking/);
  });
});
