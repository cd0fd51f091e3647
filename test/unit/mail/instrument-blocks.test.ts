import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'htmlparser2';
import { type DownloadOptions, instrumentMail } from '../../../src/mail/instrument/index.js';

const PAGE = '<html><body>\n<p>Hello</p>\n</body></html>';

function block(html: string, name: string): string {
  const match = new RegExp(`<!--mb:${name}-->([\\s\\S]*?)<!--/mb:${name}-->`).exec(html);
  assert.ok(match, `no ${name} block`);
  return match[1]!;
}

/** Every element of some html, as the parser sees them. */
function elements(html: string): { name: string; attribs: Record<string, string> }[] {
  const found: { name: string; attribs: Record<string, string> }[] = [];
  const walk = (nodes: unknown[]) => {
    for (const node of nodes as {
      name?: string;
      attribs?: Record<string, string>;
      children?: unknown[];
    }[]) {
      if (node.name && node.attribs) found.push({ name: node.name, attribs: node.attribs });
      if (node.children) walk(node.children);
    }
  };
  walk(parseDocument(html).children);
  return found;
}

const HOSTILE = '"><script>alert(1)</script>.pdf';

function download(overrides: Partial<DownloadOptions> = {}): DownloadOptions {
  return {
    url: 'https://t.mb.test/d/token?a=1&b=2',
    files: [
      { filename: 'Offerta 2027.pdf', size: 1_258_291 },
      { filename: HOSTILE, size: 358_400 },
    ],
    expiresAt: new Date('2026-12-27T12:00:00Z'),
    language: 'en',
    ...overrides,
  };
}

describe('instrumentMail inserted blocks', () => {
  it('adds nothing when the options ask for nothing', () => {
    const result = instrumentMail({ html: PAGE, text: 'Hello' }, {});
    assert.deepEqual(result, { html: PAGE, text: 'Hello', links: [] });
    const linksOnly = instrumentMail({ html: PAGE }, { clickUrl: () => 'https://t.mb.test/c/x' });
    assert.equal(linksOnly.html, PAGE);
    assert.doesNotMatch(linksOnly.html!, /<!--mb:/);
  });

  it('inserts only the blocks asked for', () => {
    const pixel = instrumentMail({ html: PAGE }, { pixelUrl: 'https://t.mb.test/o/x' }).html!;
    assert.deepEqual(
      [...pixel.matchAll(/<!--mb:([a-z]+)-->/g)].map((m) => m[1]),
      ['pixel'],
    );
    const notice = instrumentMail(
      { html: PAGE },
      { privacyNotice: { url: 'https://t.mb.test/p/x', language: 'en' } },
    ).html!;
    assert.deepEqual(
      [...notice.matchAll(/<!--mb:([a-z]+)-->/g)].map((m) => m[1]),
      ['privacy'],
    );
  });

  it('writes the pixel as a 1×1 image with an empty alt, before </body>', () => {
    const html = instrumentMail({ html: PAGE }, { pixelUrl: 'https://t.mb.test/o/a?b=1&c=2' })
      .html!;
    assert.ok(
      html.endsWith(
        '<p>Hello</p>\n<!--mb:pixel--><img src="https://t.mb.test/o/a?b=1&amp;c=2" width="1" height="1" alt="" border="0" style="display:block;width:1px;height:1px;border:0;margin:0;padding:0;"><!--/mb:pixel--></body></html>',
      ),
    );
  });

  it('hides the honeypot link from people and keeps it out of the text', () => {
    const result = instrumentMail(
      { html: PAGE, text: 'Hello' },
      { honeypotUrl: 'https://t.mb.test/h/trap' },
    );
    assert.equal(result.text, 'Hello');
    assert.deepEqual(result.links, []);
    const honeypot = block(result.html!, 'honeypot');
    const [wrapper, anchor] = elements(honeypot);
    assert.equal(wrapper!.attribs['aria-hidden'], 'true');
    assert.match(wrapper!.attribs.style!, /display:none;.*mso-hide:all/);
    assert.equal(anchor!.name, 'a');
    assert.equal(anchor!.attribs.href, 'https://t.mb.test/h/trap');
    assert.equal(anchor!.attribs.tabindex, '-1');
    assert.match(honeypot, /<a [^>]*><\/a>/, 'the link has no text to see or read out');
  });

  it('builds the download block as a bulletproof button with every file', () => {
    const html = instrumentMail({ html: PAGE }, { download: download() }).html!;
    const downloadBlock = block(html, 'download');
    const tables = elements(downloadBlock).filter((element) => element.name === 'table');
    assert.ok(tables.length >= 2);
    for (const table of tables) assert.equal(table.attribs.role, 'presentation');
    assert.doesNotMatch(downloadBlock, /<style|<link|class=/);
    assert.match(
      downloadBlock,
      /<!--\[if mso\]><v:roundrect [^>]*href="https:\/\/t\.mb\.test\/d\/token\?a=1&amp;b=2"/,
    );
    const anchors = elements(downloadBlock).filter((element) => element.name === 'a');
    assert.equal(anchors.length, 1);
    assert.equal(anchors[0]!.attribs.href, 'https://t.mb.test/d/token?a=1&b=2');
    assert.match(downloadBlock, />Download attachments<\/a>/);
    assert.match(downloadBlock, />2 attachments</);
    assert.match(downloadBlock, />Offerta 2027\.pdf<\/td><td [^>]*>1\.2 MB</);
    assert.match(downloadBlock, />350 KB</);
    assert.match(downloadBlock, />The link expires on 27 December 2026\.</);
  });

  it('escapes hostile file names, URLs and notice text', () => {
    const html = instrumentMail(
      { html: PAGE },
      {
        download: download({ url: 'https://t.mb.test/d/"><script>alert(2)</script>' }),
        privacyNotice: {
          url: 'https://t.mb.test/p/"onmouseover="alert(3)',
          language: 'en',
          text: 'Tracked <img src=x onerror=alert(4)> & "quoted"',
        },
        pixelUrl: 'https://t.mb.test/o/"><script>alert(5)</script>',
        honeypotUrl: "https://t.mb.test/h/'><script>alert(6)</script>",
      },
    ).html!;
    assert.doesNotMatch(html, /<script/i);
    const found = elements(html);
    for (const element of found) {
      assert.notEqual(element.name, 'script');
      assert.deepEqual(
        Object.keys(element.attribs).filter((name) => name.startsWith('on')),
        [],
      );
    }
    assert.ok(html.includes('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;.pdf'));
    assert.ok(html.includes('Tracked &lt;img src=x onerror=alert(4)&gt; &amp; &quot;quoted&quot;'));
    // The parser reads back exactly the strings that were given: nothing was cut or added.
    const hrefs = found.filter((element) => element.name === 'a').map((a) => a.attribs.href);
    assert.ok(hrefs.includes('https://t.mb.test/d/"><script>alert(2)</script>'));
    assert.ok(hrefs.includes('https://t.mb.test/p/"onmouseover="alert(3)'));
    assert.ok(hrefs.includes("https://t.mb.test/h/'><script>alert(6)</script>"));
    const images = found.filter((element) => element.name === 'img');
    assert.equal(images.at(-1)!.attribs.src, 'https://t.mb.test/o/"><script>alert(5)</script>');
  });

  it('writes the download block in Italian', () => {
    const html = instrumentMail(
      { html: PAGE },
      {
        download: download({
          language: 'it',
          expiresAt: new Date('2027-03-08T09:00:00Z'),
          files: [{ filename: 'preventivo.pdf', size: 1_258_291 }],
        }),
      },
    ).html!;
    const downloadBlock = block(html, 'download');
    assert.match(downloadBlock, />1 allegato</);
    assert.match(downloadBlock, />Scarica l&#39;allegato<\/a>/);
    assert.match(downloadBlock, />1,2 MB</);
    assert.match(downloadBlock, />Il link scade l&#39;8 marzo 2027\.</);
    const many = block(
      instrumentMail({ html: PAGE }, { download: download({ language: 'it' }) }).html!,
      'download',
    );
    assert.match(many, />Scarica gli allegati<\/a>/);
    assert.match(many, />2 allegati</);
    assert.match(many, />Il link scade il 27 dicembre 2026\.</);
  });

  it('writes the privacy notice in either language, naming downloads when there are some', () => {
    const en = block(
      instrumentMail(
        { html: PAGE },
        { privacyNotice: { url: 'https://t.mb.test/p/x', language: 'en' } },
      ).html!,
      'privacy',
    );
    assert.match(
      en,
      /This email lets the sender know when it is opened and when its links are clicked\. <a href="https:\/\/t\.mb\.test\/p\/x"[^>]*>Stop tracking<\/a>/,
    );
    const it_ = block(
      instrumentMail(
        { html: PAGE },
        {
          privacyNotice: { url: 'https://t.mb.test/p/x', language: 'it' },
          download: download({ language: 'it' }),
        },
      ).html!,
      'privacy',
    );
    assert.match(
      it_,
      /Questa email comunica al mittente quando viene aperta, quando si fa clic sui suoi link e quando vengono scaricati i suoi allegati\. <a [^>]*>Disattiva il tracciamento<\/a>/,
    );
  });

  it('orders the blocks download, notice, honeypot, pixel', () => {
    const html = instrumentMail(
      { html: PAGE },
      {
        pixelUrl: 'https://t.mb.test/o/x',
        honeypotUrl: 'https://t.mb.test/h/x',
        download: download(),
        privacyNotice: { url: 'https://t.mb.test/p/x', language: 'en' },
      },
    ).html!;
    assert.deepEqual(
      [...html.matchAll(/<!--mb:([a-z]+)-->/g)].map((m) => m[1]),
      ['download', 'privacy', 'honeypot', 'pixel'],
    );
  });
});
