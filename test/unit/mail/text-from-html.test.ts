import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type InstrumentOptions, instrumentMail } from '../../../src/mail/instrument/index.js';

const clickUrl: InstrumentOptions['clickUrl'] = ({ index }) => `https://t.mb.test/c/${index}`;
const TRACKED = /https:\/\/t\.mb\.test\/c\/\d+/g;

/** The text part a tracked copy of `html` gets (no text composed). */
function textOf(html: string, options: InstrumentOptions = {}): string {
  const result = instrumentMail({ html }, { clickUrl, ...options });
  assert.equal(typeof result.text, 'string', 'a text part was made');
  return result.text!;
}

/** The set of click URLs a part carries. */
function clicks(part: string): string[] {
  return [...new Set(part.match(TRACKED) ?? [])].sort();
}

describe('a text part made from html', () => {
  it('leaves out what no reader of the html sees, and keeps one blank line between blocks', () => {
    const text = textOf(
      '<div style="display:none;max-height:0">Preheader \u034f&zwnj;&nbsp;\u034f&zwnj;</div>' +
        '<div hidden>hidden</div><p style="mso-hide: all">Outlook only</p>' +
        '<p><img src="logo.png" alt="ACME"></p><p></p><p><img src="spacer.gif" alt=""></p>' +
        '<h1>Hello</h1><p>Body</p>',
    );
    assert.equal(text, 'ACME\n\nHello\n\nBody');
  });

  it('keeps paragraphs, headings as written, line breaks and nested lists', () => {
    const text = textOf(
      '<h1>Offerta Q4</h1><p>Ciao Anna,<br>ecco l’offerta.</p><p>Due punti:</p>' +
        '<ul><li>Prezzi<ul><li>netti</li><li>lordi</li></ul></li><li>Tempi</li></ul>' +
        '<ol><li>primo</li><li>secondo</li></ol>',
    );
    assert.equal(
      text,
      [
        'Offerta Q4',
        '',
        'Ciao Anna,',
        'ecco l’offerta.',
        '',
        'Due punti:',
        '',
        ' * Prezzi',
        '   * netti',
        '   * lordi',
        ' * Tempi',
        '',
        ' 1. primo',
        ' 2. secondo',
      ].join('\n'),
    );
  });

  it('writes a link as `label (tracking URL)`, the same URL twice with one index', () => {
    const text = textOf(
      '<p><a href="https://a.example/list">the price list</a>, and <a href="https://a.example/list">again</a>; <a href="https://a.example/other">other</a></p>',
    );
    assert.equal(
      text,
      'the price list (https://t.mb.test/c/0), and again (https://t.mb.test/c/0); other (https://t.mb.test/c/1)',
    );
  });

  it('shows a link whose label is its URL once, as the tracking URL', () => {
    for (const label of [
      'https://a.example/p',
      'a.example/p',
      'HTTPS://a.example/p',
      ' https://a.example/p ',
    ]) {
      const text = textOf(`<p>See <a href="https://a.example/p">${label}</a> now</p>`);
      assert.equal(text, 'See https://t.mb.test/c/0 now', label);
    }
    assert.equal(textOf('<p><a href="https://a.example/"></a></p>'), 'https://t.mb.test/c/0');
  });

  it('keeps non-Latin text and decodes entities', () => {
    const text = textOf(
      '<p>Привет, мир &mdash; 你好 &amp; مرحبا &#x1F600; &lt;b&gt; caf&eacute;&nbsp;!</p>' +
        '<p><a href="https://a.example/ru?x=1&amp;y=2">ссылка</a></p>',
    );
    assert.equal(
      text,
      'Привет, мир — 你好 & مرحبا 😀 <b> café\u00a0!\n\nссылка (https://t.mb.test/c/0)',
    );
    assert.deepEqual(
      instrumentMail({ html: '<a href="https://a.example/ru?x=1&amp;y=2">x</a>' }).links,
      [{ index: 0, url: 'https://a.example/ru?x=1&y=2' }],
    );
  });

  it('shows images as their alt text, tables a cell a line, mailto as the address', () => {
    const text = textOf(
      '<p><a href="https://a.example/home"><img src="https://cdn.example/logo.png" alt="Acme"></a>' +
        '<img src="https://cdn.example/spacer.gif" alt=""><img src="cid:photo" alt="Photo"></p>' +
        '<table><tr><th>Item</th><th>Price</th></tr><tr><td>Desk</td><td>€ 120</td></tr></table>' +
        '<p><a href="mailto:anna@example.it?subject=Hi">Write to Anna</a>, ' +
        '<a href="mailto:anna@example.it">anna@example.it</a>, <a href="#top">top</a>, ' +
        '<a href="tel:+390612345">call</a></p>',
    );
    assert.equal(
      text,
      [
        'Acme (https://t.mb.test/c/0) Photo',
        '',
        'Item',
        'Price',
        'Desk',
        '€ 120',
        '',
        'Write to Anna (anna@example.it), anna@example.it, top, call (tel:+390612345)',
      ].join('\n'),
    );
    assert.doesNotMatch(text, /cdn\.example|spacer|cid:/);
  });

  it('resolves relative links against the html’s <base href>, as the html part does', () => {
    const html =
      '<head><base href="https://a.example/docs/"></head><body><a href="guide">Guide</a></body>';
    const result = instrumentMail({ html }, { clickUrl });
    assert.deepEqual(result.links, [{ index: 0, url: 'https://a.example/docs/guide' }]);
    assert.equal(result.text, 'Guide (https://t.mb.test/c/0)');
  });

  it('gives the text the html’s set of tracked links, never the honeypot or the pixel', () => {
    const html = [
      '<html><head><style>p{color:red}</style></head><body>',
      '<p>Plain text URL https://bare.example/x stays as in the html.</p>',
      '<p><a href="https://a.example/1">one</a> <a href="https://a.example/2">https://a.example/2</a></p>',
      '<!--[if mso]><v:roundrect href="https://a.example/vml">Outlook</v:roundrect><![endif]-->',
      '<map><area href="https://a.example/area" alt="Area"></map>',
      '<p><a href="{{unsubscribe_url}}">Unsubscribe</a></p>',
      '</body></html>',
    ].join('\n');
    const result = instrumentMail(
      { html },
      {
        clickUrl,
        pixelUrl: 'https://t.mb.test/o/pixel',
        honeypotUrl: 'https://t.mb.test/h/honeypot',
        privacyNotice: { url: 'https://t.mb.test/p/privacy', language: 'en' },
        download: {
          url: 'https://t.mb.test/d/download',
          files: [{ filename: 'Offerta.pdf', size: 2048 }],
          expiresAt: new Date('2030-01-31T12:00:00Z'),
          language: 'en',
        },
      },
    );
    const text = result.text!;
    assert.equal(clicks(text).length, 4);
    assert.deepEqual(clicks(text), clicks(result.html!));
    assert.doesNotMatch(text, /honeypot|pixel|color:red/);
    // The bare URL is not a link of the html: it is not one of the text's either.
    assert.match(text, /https:\/\/bare\.example\/x/);
    assert.match(text, /Unsubscribe \(\{\{unsubscribe_url\}\}\)/);
    // The download block and the notice follow the body, as in a composed text part.
    assert.match(text, /Offerta\.pdf \(2 KB\)\n.*https:\/\/t\.mb\.test\/d\/download/);
    assert.match(text, /https:\/\/t\.mb\.test\/p\/privacy\n$/);
  });

  it('gives an untracked copy the same text with the links as written', () => {
    const result = instrumentMail({
      html: '<p>Hi <a href="https://a.example/p">there</a></p><p><img src="x" alt=""></p>',
    });
    assert.equal(result.text, 'Hi there (https://a.example/p)');
    assert.equal(instrumentMail({ html: '<p><img src="x.png" alt=""></p>' }).text, undefined);
  });

  it('leaves the text out when asked, and a composed text part as it was', () => {
    const html = '<p><a href="https://a.example/p">p</a></p>';
    assert.equal(instrumentMail({ html, textFromHtml: false }, { clickUrl }).text, undefined);
    assert.equal(
      instrumentMail({ html, text: 'Mine: https://a.example/p' }, { clickUrl }).text,
      'Mine: https://t.mb.test/c/0',
    );
  });

  it('cannot be fooled by marker-like text in the html', () => {
    const text = textOf(
      '<p>\uE0000\uE001 &#xE000;0&#xE001; <a href="https://a.example/p">p</a></p>',
    );
    assert.equal(text, '\uE0000\uE001 \uE0000\uE001 p (https://t.mb.test/c/0)');
  });
});
