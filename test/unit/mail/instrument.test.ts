// The corpus: every fixture must come out byte-for-byte the same outside the rewritten href values
// and the inserted blocks, and must track exactly the links a recipient's browser would follow.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseDocument } from 'htmlparser2';
import {
  INSTRUMENT_BLOCKS,
  type InstrumentOptions,
  instrumentMail,
} from '../../../src/mail/instrument/index.js';

const FIXTURES = new URL('../../fixtures/mail-html/', import.meta.url);
const TRACKER = 'https://t.mb.test/c/';

function fixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

const ALL_OPTIONS: InstrumentOptions = {
  clickUrl: ({ index }) => `${TRACKER}${index}`,
  pixelUrl: 'https://t.mb.test/o/pixel-token',
  honeypotUrl: 'https://t.mb.test/h/honeypot-token',
  download: {
    url: 'https://t.mb.test/d/download-token',
    files: [{ filename: 'report.pdf', size: 1_258_291 }],
    expiresAt: new Date('2026-12-27T12:00:00Z'),
    language: 'en',
  },
  privacyNotice: { url: 'https://t.mb.test/p/privacy-token', language: 'en' },
};

interface Expectation {
  /** The tracked targets in index order; a RegExp for a URL too long to write here. */
  links: (string | RegExp)[] | { count: number };
  /** What follows the inserted blocks in the output: the input's tail from the insertion point. */
  tail: string;
}

const BODY_END = '</body>\n</html>\n';

const EXPECTATIONS: Record<string, Expectation> = {
  'attribute-quoting.html': {
    links: [
      'https://quotes.example.net/single?x=1&y=2',
      'https://quotes.example.net/unquoted?x=1&y=2',
      'https://quotes.example.net/UPPER/Case?Q=1',
      'https://quotes.example.net/spaced',
      'https://quotes.example.net/multiline',
      'https://quotes.example.net/real',
      'https://quotes.example.net/after-data',
      'https://quotes.example.net/nospace',
      'https://quotes.example.net/slash',
      'https://quotes.example.net/self-closing/',
      "https://quotes.example.net/it's",
      'https://quotes.example.net/gt>inside',
    ],
    tail: BODY_END,
  },
  'base-href-relative.html': {
    links: [
      'https://news.example.com/issues/42/article.html?id=7#comments',
      'https://news.example.com/about',
      'https://news.example.com/issues/41/',
      'https://cdn.example.com/pdf/issue-42.pdf',
      'https://news.example.com/issues/42/?page=2',
      'https://other.example.org/absolute?keep=As%20Written',
    ],
    tail: BODY_END,
  },
  'cid-inline-images.html': {
    links: [
      'https://www.studio-rossi.example/',
      'https://calendly.example.com/studio-rossi/sopralluogo',
    ],
    tail: BODY_END,
  },
  'crlf-line-endings.html': {
    links: [
      'https://billing.example.eu/invoices/INV-2026-0187?format=pdf&download=1',
      'https://billing.example.eu/',
      'https://billing.example.eu/terms',
    ],
    tail: '</body>\r\n</html>\r\n',
  },
  'entities-in-urls.html': {
    links: [
      'https://shop.example.com/search?q=red+shoes&size=42&sort=price',
      'https://shop.example.com/search?q=boots&size=40',
      'https://shop.example.com/search?q=hats&colour=green&page=2',
      'https://shop.example.com/cart?add=12&qty=1',
      // `&copy=` is not an entity inside an attribute (HTML's legacy-entity rule).
      'https://shop.example.com/legal?ref=footer&copy=2026&reg=1',
      'https://shop.example.com/account',
      'https://shop.example.com/say?text="hello"&x=\'y\'',
      'https://shop.example.com/café/menú?p=€5',
    ],
    tail: BODY_END,
  },
  'fragment-no-body.html': {
    links: [
      'https://docs.example.com/d/1AbC?usp=sharing',
      'https://docs.example.com/d/2DeF',
      'https://example.com',
    ],
    tail: '',
  },
  'idn-and-long-url.html': {
    links: [
      'https://bücher.example/neuheiten?sort=datum&seite=1',
      'https://例え.テスト/パス/ページ?検索=値#見出し',
      'https://xn--bcher-kva.example/neuheiten',
      'https://bücher.example/autor/M%C3%BCller%20Hans/',
      /^https:\/\/analytics\.example\.com\/r\/v2\/collect\?p0=segment-0000-a{12}&p1=segment-0001-b{12}&.{2000,}#end-of-a-very-long-url$/,
      'HTTPS://Bücher.Example/Groß',
    ],
    tail: BODY_END,
  },
  'malformed-markup.html': {
    links: [
      'https://sale.example.com/first',
      'https://sale.example.com/upper',
      'https://sale.example.com/unclosed-anchor',
      'https://sale.example.com/nested-outer',
      'https://sale.example.com/nested-inner',
      'https://sale.example.com/after-double-lt',
      'https://sale.example.com/quote',
      'https://sale.example.com/odd-name',
      'https://sale.example.com/unterminated-table-cell',
      'https://sale.example.com/ends-in-eof-paragraph',
    ],
    tail: BODY_END,
  },
  // 19 articles (heading, VML button and html button share a target), 57 products (image and
  // name share one), the logo, three social links and the privacy page.
  'newsletter-100k.html': { links: { count: 81 }, tail: BODY_END },
  'no-links-plain.html': { links: [], tail: BODY_END },
  'non-http-and-placeholders.html': { links: ['https://www.example.com/help'], tail: BODY_END },
  'outlook-vml-button.html': {
    links: [
      'https://reports.example.com/q3/north?view=summary&lang=en',
      'https://reports.example.com/q3/slides?from=email&utm_campaign=q3',
      'https://reports.example.com/print-version',
      'https://www.example.com/',
    ],
    tail: BODY_END,
  },
  'query-and-fragment.html': {
    links: [
      'https://travel.example.com/offers?from=MXP&to=LIS&date=2026-12-24&pax=2&cabin=economy#results',
      'https://travel.example.com/search?q=caf%C3%A9+au+lait&filters%5Bprice%5D%5Bmax%5D=200',
      'https://travel.example.com/page#section-2',
      'https://travel.example.com/page?#',
      'https://user:secret@travel.example.com:8443/private?a=1',
      'https://travel.example.com/padded',
      'https://travel.example.com/wrapped?line=2',
      'https://travel.example.com/tabhere',
      'http://insecure.example.com/plain-http',
      'https://travel.example.com/plus+and%2Bencoded?q=a+b%2Bc',
      'https://travel.example.com/semi;colon;params?x=1;y=2',
    ],
    tail: BODY_END,
  },
  'receipt-image-map.html': {
    links: [
      'https://apps.example.app/ios?src=receipt',
      'https://apps.example.app/android?src=receipt',
      'https://help.example.app/billing',
    ],
    tail: BODY_END,
  },
  'reply-with-quote.html': {
    links: [
      'https://wiki.example.net/plan/v3',
      'https://wiki.example.net/plan/v2',
      'https://sheets.example.net/s/9f8e7d?gid=0#gid=0',
    ],
    tail: '',
  },
  'several-body-ends.html': {
    links: ['https://forward.example.com/one', 'https://forward.example.com/two'],
    tail: '</body>\n<!--[if mso]></body><![endif]-->\n</html>\n',
  },
  'style-media-queries.html': {
    links: [
      'https://blog.example.org/2026/11/small-teams-big-inboxes',
      'https://blog.example.org/2026/11/tracking-without-creepiness',
      'https://blog.example.org/2026/11/smtp-in-2026',
      'https://blog.example.org/?utm_source=digest&utm_medium=email',
    ],
    tail: BODY_END,
  },
  'truncated-open-comment.html': {
    links: ['https://cut.example.com/visible'],
    tail: '<!-- TODO: footer <a href="https://cut.example.com/hidden">hidden</a>',
  },
  'truncated-unfinished-tag.html': {
    links: ['https://cut.example.com/kept'],
    tail: '<p class="note" title="unfinished',
  },
  'uppercase-legacy.html': {
    links: [
      'HTTP://STATEMENTS.EXAMPLE.COM/View.asp?ID=88213&Month=11',
      'http://statements.example.com/Help.asp',
      'https://statements.example.com/Privacy.asp',
      'https://statements.example.com/Outlook.asp',
    ],
    tail: '</BODY>\n</HTML>\n',
  },
};

const BLOCK = /<!--mb:([a-z]+)-->[\s\S]*?<!--\/mb:\1-->/g;

/** The output without the marker-wrapped blocks, and where and which blocks were removed. */
function stripBlocks(html: string): { stripped: string; names: string[]; at: number[] } {
  const names: string[] = [];
  const at: number[] = [];
  let removed = 0;
  const stripped = html.replace(BLOCK, (block, name: string, offset: number) => {
    names.push(name);
    at.push(offset - removed);
    removed += block.length;
    return '';
  });
  return { stripped, names, at };
}

/** What the parser (not the code under test) reads from an attribute value's raw text. */
function decodeRaw(raw: string, quote: string): string {
  const document = parseDocument(`<a href=${quote}${raw}${quote}>`);
  const anchor = document.children[0] as { attribs?: Record<string, string> };
  return anchor.attribs?.href ?? '';
}

interface RestoredSite {
  index: number;
  raw: string;
  quote: string;
  /** The output just before the value, to check that it was an href. */
  before: string;
}

/**
 * Puts the input back from the output alone: every tracking value found in the (block-stripped)
 * output is replaced by the raw attribute text at the same place of the input, everything else is
 * the output's own bytes. So a byte changed anywhere else makes `restored` differ from the input;
 * the edits the function made are never consulted.
 */
function restore(stripped: string, input: string): { restored: string; sites: RestoredSite[] } {
  const pieces: string[] = [];
  const sites: RestoredSite[] = [];
  const tracked = /(["'])https:\/\/t\.mb\.test\/c\/(\d+)\1/g;
  let outputAt = 0;
  let length = 0;
  for (const match of stripped.matchAll(tracked)) {
    const segment = stripped.slice(outputAt, match.index);
    pieces.push(segment);
    length += segment.length;
    const quote = match[1]!;
    let original: string;
    let raw: string;
    let rawQuote: string;
    if (input[length] === quote) {
      const close = input.indexOf(quote, length + 1);
      raw = input.slice(length + 1, close);
      original = input.slice(length, close + 1);
      rawQuote = quote;
    } else {
      // An unquoted value runs to a space or `>`; the function may give it double quotes.
      raw = /^[^\t\n\f\r >]*/.exec(input.slice(length))![0];
      original = raw;
      rawQuote = '';
    }
    pieces.push(original);
    length += original.length;
    sites.push({ index: Number(match[2]), raw, quote: rawQuote, before: segment.slice(-40) });
    outputAt = match.index + match[0].length;
  }
  pieces.push(stripped.slice(outputAt));
  return { restored: pieces.join(''), sites };
}

function browserUrl(value: string): string {
  return value.replace(/[\t\n\r]/g, '').trim();
}

function fixtureNames(): string[] {
  return readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.html'))
    .sort();
}

describe('instrumentMail corpus', () => {
  it('has expectations for every fixture, and at least 14 fixtures', () => {
    const names = fixtureNames();
    assert.ok(names.length >= 14, `only ${names.length} fixtures`);
    assert.deepEqual(names, Object.keys(EXPECTATIONS).sort());
  });

  it('has a newsletter of about 100 KB', () => {
    const size = Buffer.byteLength(fixture('newsletter-100k.html'));
    assert.ok(size > 95_000 && size < 120_000, `${size} bytes`);
  });

  it('can tell when a byte outside the instrumentation changed', () => {
    const input = fixture('outlook-vml-button.html');
    const output = instrumentMail({ html: input }, ALL_OPTIONS).html!;
    const tampered = output.replace('Kind regards', 'Kind  regards');
    assert.notEqual(restore(stripBlocks(tampered).stripped, input).restored, input);
    const requoted = output.replace('<!--[if mso]>', '<!--[if  mso]>');
    assert.notEqual(restore(stripBlocks(requoted).stripped, input).restored, input);
  });

  for (const name of fixtureNames()) {
    describe(name, () => {
      const input = fixture(name);
      const expected = EXPECTATIONS[name]!;
      const result = instrumentMail({ html: input }, ALL_OPTIONS);
      const output = result.html!;
      const { stripped, names, at } = stripBlocks(output);

      it('is byte-for-byte the input outside the rewritten hrefs and the blocks', () => {
        const { restored } = restore(stripped, input);
        assert.equal(restored, input);
      });

      it('inserts every block once, in order, at one place, before the right tail', () => {
        assert.deepEqual(names, [...INSTRUMENT_BLOCKS]);
        assert.ok(at.every((offset) => offset === at[0]));
        assert.ok(output.endsWith(`<!--/mb:pixel-->${expected.tail}`));
      });

      it('rewrites only href values, each to the link it names', () => {
        const base = /<base\s+href="([^"]*)"/i.exec(input)?.[1];
        const { sites } = restore(stripped, input);
        const seen = new Set<number>();
        for (const site of sites) {
          assert.match(site.before, /href\s*=\s*["']?$/i);
          const link = result.links[site.index]!;
          const decoded = browserUrl(decodeRaw(site.raw, site.quote));
          const target = /^https?:/i.test(decoded) ? decoded : new URL(decoded, base).href;
          assert.equal(link.url, target);
          seen.add(site.index);
        }
        // Every listed link is used somewhere, and nothing else was rewritten.
        assert.equal(seen.size, result.links.length);
        assert.equal(
          output.split(TRACKER).length - 1,
          sites.length,
          'a tracking URL outside an href',
        );
      });

      it('tracks the expected links, in order of first occurrence', () => {
        const urls = result.links.map((link) => link.url);
        assert.deepEqual(
          result.links.map((link) => link.index),
          urls.map((_, index) => index),
        );
        if ('count' in expected.links) {
          assert.equal(urls.length, expected.links.count);
          assert.equal(new Set(urls).size, urls.length);
          return;
        }
        assert.equal(urls.length, expected.links.length, JSON.stringify(urls, null, 1));
        expected.links.forEach((want, index) => {
          if (typeof want === 'string') assert.equal(urls[index], want);
          else assert.match(urls[index]!, want);
        });
      });

      it('comes back unchanged with no options, and still lists its links', () => {
        const plain = instrumentMail({ html: input }, {});
        assert.equal(plain.html, input);
        assert.deepEqual(plain.links, result.links);
      });
    });
  }
});

describe('instrumentMail html links', () => {
  const track = (html: string, options: InstrumentOptions = {}) =>
    instrumentMail({ html }, { clickUrl: ({ index }) => `${TRACKER}${index}`, ...options });

  it('keeps the quote style and double-quotes an unquoted value', () => {
    const html = fixture('attribute-quoting.html');
    const output = track(html).html!;
    assert.ok(output.includes(`<a href='${TRACKER}0'>single quotes</a>`));
    assert.ok(output.includes(`<a href="${TRACKER}1" target=_blank>unquoted</a>`));
    assert.ok(output.includes(`<A HREF="${TRACKER}2">upper-case tag`));
    assert.ok(output.includes(`<a class="btn" HrEf = '${TRACKER}3' >`));
    assert.ok(
      output.includes(`<a title="href=https://quotes.example.net/decoy" href="${TRACKER}5">`),
    );
    assert.ok(
      output.includes(`data-href="https://quotes.example.net/data-attr" href="${TRACKER}6"`),
    );
  });

  it('rewrites the first of duplicate hrefs only', () => {
    const output = track(fixture('malformed-markup.html')).html!;
    assert.ok(output.includes(`<a href="${TRACKER}0" href="https://sale.example.com/second">`));
    assert.ok(output.includes(`<a HREF="${TRACKER}1" href="https://sale.example.com/lower">`));
    assert.ok(output.includes('<a href>attribute without a value</a> <a href=>equals'));
  });

  it('leaves hrefs in ordinary comments alone', () => {
    const output = track(fixture('malformed-markup.html')).html!;
    assert.ok(output.includes('<a href="https://sale.example.com/commented-out">a link</a>'));
  });

  it('rewrites VML and links inside Outlook conditional comments, sharing indices', () => {
    const output = track(fixture('outlook-vml-button.html')).html!;
    assert.ok(output.includes(`<!--[if mso]>\n<v:roundrect xmlns:v=`));
    assert.ok(output.includes(`href="${TRACKER}1" style="height:40px;`));
    assert.ok(output.includes(`<!--[if !mso]><!-- -->\n<a href="${TRACKER}1" style=`));
    assert.ok(
      output.includes(`<!--[if gte mso 9]><table width="100%"><tr><td><a href="${TRACKER}2"`),
    );
    // The VML fill image is a src, not a link.
    assert.ok(
      output.includes('<v:fill type="tile" src="https://cdn.example.com/img/button-bg.png"'),
    );
    const uppercase = track(fixture('uppercase-legacy.html')).html!;
    assert.ok(
      uppercase.includes(`<!--[IF MSO]><A HREF="${TRACKER}3">Outlook users</A><![ENDIF]-->`),
    );
  });

  it('leaves other schemes, fragments, relative links and placeholders alone', () => {
    const html = fixture('non-http-and-placeholders.html');
    const output = track(html).html!;
    for (const raw of [
      'mailto:support@example.com?subject=Order%2012345&amp;body=Hello',
      'MAILTO:SALES@EXAMPLE.COM',
      'tel:+390212345678',
      'sms:+390212345678',
      '#unsubscribe-section',
      'javascript:void(0)',
      'data:text/html;base64,PGgxPkhpPC9oMT4=',
      'ftp://files.example.com/pub/readme.txt',
      'cid:part1.04050607@example.com',
      'relative/page.html',
      '//cdn.example.com/x',
      '{{unsubscribe_url}}',
      'https://app.example.com/u/{{ user.id }}/prefs',
      '*|ARCHIVE|*',
      'https://example.us1.list-manage.com/profile?u=*|UNIQID|*',
      '%%view_email_url%%',
      'https://click.example.com/?qs=%%=v(@qs)=%%',
      'https://app.example.com/confirm?token=[[token]]',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a template placeholder, on purpose.
      'https://app.example.com/orders/${orderId}',
      'https://app.example.com/reset/<%= @reset_token %>',
      'https://app.example.com/{% if vip %}vip{% endif %}',
      'https://app.example.com/u/%7B%7Buser_id%7D%7D',
    ]) {
      assert.ok(output.includes(`href="${raw}"`), raw);
    }
  });

  it('leaves cid inline images inline', () => {
    const output = track(fixture('cid-inline-images.html'), { pixelUrl: 'https://t.mb.test/o/x' })
      .html!;
    assert.ok(output.includes('<img src="cid:logo@studio-rossi.example" width="180"'));
    assert.ok(output.includes('src="cid:render-kitchen.jpg@01DA2F3C.8B6E1A40"'));
    assert.ok(output.includes('src="CID:render-bathroom.jpg@01DA2F3C.8B6E1A40"'));
  });

  it('resolves relative links against the first base only, never fragments', () => {
    const output = track(fixture('base-href-relative.html')).html!;
    assert.ok(output.includes('<a href="#top">Fragment stays</a>'));
    assert.ok(output.includes('<a href="">empty stays</a>'));
    assert.ok(output.includes('<link rel="stylesheet" href="styles/mail.css">'));
    const { links } = track('<base href="mailto:x@example.com"><a href="page">p</a>');
    assert.deepEqual(links, []);
    const relativeBase = track('<base href="/dir/"><a href="page">p</a>');
    assert.deepEqual(relativeBase.links, []);
  });

  it('escapes the tracking URL for the attribute it goes into', () => {
    const html = `<a href='https://a.example/'>a</a> <a href=https://b.example/>b</a>`;
    const output = instrumentMail(
      { html },
      { clickUrl: ({ index }) => `https://t.example/c?i=${index}&q="x'<y>` },
    ).html!;
    assert.equal(
      output,
      `<a href='https://t.example/c?i=0&amp;q=&quot;x&#39;&lt;y&gt;'>a</a> <a href="https://t.example/c?i=1&amp;q=&quot;x&#39;&lt;y&gt;">b</a>`,
    );
  });

  it('asks for each distinct target once', () => {
    const asked: { index: number; url: string }[] = [];
    const html = fixture('query-and-fragment.html');
    const { links } = instrumentMail(
      { html, text: 'Fragment: https://travel.example.com/page#section-2' },
      {
        clickUrl: (link) => {
          asked.push(link);
          return `${TRACKER}${link.index}`;
        },
      },
    );
    assert.deepEqual(asked, links);
  });

  it('splices into CRLF documents and writes its own lines with CRLF', () => {
    const html = fixture('crlf-line-endings.html');
    const output = instrumentMail({ html }, ALL_OPTIONS).html!;
    assert.equal(output.replace(/\r\n/g, '').includes('\n'), false);
    assert.ok(output.includes(`<a href="${TRACKER}0"\r\n   title="Download the invoice">`));
  });

  it('appends to a fragment without html or body', () => {
    const html = fixture('fragment-no-body.html');
    const output = instrumentMail({ html }, { pixelUrl: 'https://t.mb.test/o/x' }).html!;
    assert.equal(
      output,
      `${html}<!--mb:pixel--><img src="https://t.mb.test/o/x" width="1" height="1" alt="" border="0" style="display:block;width:1px;height:1px;border:0;margin:0;padding:0;"><!--/mb:pixel-->`,
    );
  });

  it('puts the blocks before the last real end of body', () => {
    const html = fixture('several-body-ends.html');
    const output = instrumentMail({ html }, { pixelUrl: 'https://t.mb.test/o/x' }).html!;
    const pixelAt = output.indexOf('<!--mb:pixel-->');
    assert.equal(output.slice(0, pixelAt), html.slice(0, pixelAt));
    assert.ok(output.slice(0, pixelAt).endsWith('<p>Still more after the second.</p>\n'));
  });

  it('puts the blocks before </html> when there is no </body>', () => {
    const output = instrumentMail(
      { html: '<html><p>Hi</p></html>\n' },
      { pixelUrl: 'https://t.mb.test/o/x' },
    ).html!;
    assert.match(output, /^<html><p>Hi<\/p><!--mb:pixel-->.*<!--\/mb:pixel--><\/html>\n$/);
  });

  it('never appends into markup left unfinished at the end of the input', () => {
    const cases: [string, string][] = [
      ['<p>Hi</p><p class="x', '<p class="x'],
      ['<p>Hi</p><p', '<p'],
      ['<p>Hi</p></bo', '</bo'],
      ['<p>Hi</p><!-- open comment', '<!-- open comment'],
      ['<p>Hi</p><![CDATA[ open', '<![CDATA[ open'],
      ['<p>Hi</p><style>p { color: red }', '<style>p { color: red }'],
      ['<p>Hi</p><title>open title', '<title>open title'],
      ['<p>Hi</p>3 < 4', ''],
      ['<p>Hi</p><!-- closed -->', ''],
    ];
    for (const [html, tail] of cases) {
      const output = instrumentMail({ html }, { pixelUrl: 'https://t.mb.test/o/x' }).html!;
      assert.ok(output.endsWith(`<!--/mb:pixel-->${tail}`), html);
      assert.equal(stripBlocks(output).stripped, html);
    }
  });

  it('does not track URLs with control characters or no host', () => {
    const html =
      '<a href="https://x.example/\u0000y">n</a><a href="https://">e</a><a href="https://exa mple.com/">s</a><a href="https:/one-slash.example/">o</a>';
    assert.deepEqual(track(html).links, []);
  });

  it('handles empty and link-free html', () => {
    assert.deepEqual(instrumentMail({ html: '' }, {}), { html: '', links: [] });
    const html = fixture('no-links-plain.html');
    assert.deepEqual(instrumentMail({ html }, ALL_OPTIONS).links, []);
    assert.deepEqual(instrumentMail({}, ALL_OPTIONS), { links: [] });
  });

  it('leaves already instrumented html unchanged when asked for nothing more', () => {
    const once = instrumentMail({ html: fixture('newsletter-100k.html') }, ALL_OPTIONS).html!;
    assert.equal(instrumentMail({ html: once }, {}).html, once);
  });

  it('never tracks the inserted links', () => {
    const { links } = instrumentMail(
      { html: fixture('no-links-plain.html'), text: 'Hi' },
      ALL_OPTIONS,
    );
    assert.deepEqual(links, []);
  });
});
