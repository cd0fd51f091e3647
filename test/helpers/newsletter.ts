/**
 * Realistic marketing newsletters of a chosen size for the Gmail clip tests: a head with styles
 * and Outlook's conditional comments, a hidden preheader, then sections of headings, text and
 * product links until the html reaches `bytes` (UTF-8) with `links` links. Deterministic: the same
 * options give the same bytes. Links are short (`https://shop.example/p/17`), as a shop's are,
 * so the tracked copy grows, as the 99 KB newsletter with 238 links grew to 110 KB.
 */
import { htmlBytesAsSent } from '../../src/mail/index.js';

export interface NewsletterOptions {
  /** Size of the html in UTF-8 bytes; reached exactly (the last paragraph is cut to fit). */
  readonly bytes: number;
  /** How many `<a href>` links it holds. */
  readonly links: number;
  /** `plain`: `<body>`; `attributes`: a `<body …>` with attributes; `none`: no body tag at all. */
  readonly body?: 'plain' | 'attributes' | 'none';
  /** Text in Italian, Greek and Japanese (2- and 3-byte characters) instead of ASCII. */
  readonly multibyte?: boolean;
  /** Markup placed just before the body tag (comments, conditional comments). */
  readonly beforeBody?: string;
}

const ASCII_WORDS =
  'garden kitchen autumn light oak linen ceramic candle wool table lamp shelf'.split(' ');
const MULTIBYTE_WORDS =
  'città perché già καλημέρα φθινόπωρο 秋の新作 お知らせ 手作り più così'.split(' ');

/** The preheader's text, which the tests look for to check the body's start is untouched. */
export const PREHEADER = 'Autumn news, and a discount for you.';

export function newsletter(options: NewsletterOptions): string {
  const words = options.multibyte ? MULTIBYTE_WORDS : ASCII_WORDS;
  const bodyTag =
    options.body === 'none'
      ? ''
      : options.body === 'attributes'
        ? '<body class="newsletter" style="margin:0;padding:0;background:#f7f3ee;" bgcolor="#f7f3ee" data-x=">">\n'
        : '<body>\n';
  const head = [
    '<!DOCTYPE html>',
    '<html lang="en" xmlns:v="urn:schemas-microsoft-com:vml">',
    '<head>',
    '<meta charset="utf-8">',
    '<title>The autumn letter</title>',
    '<!--[if mso]><noscript><xml><o:OfficeDocumentSettings><o:PixelsPerInch>96</o:PixelsPerInch></o:OfficeDocumentSettings></xml></noscript><![endif]-->',
    '<style>body { margin:0; } .col { width:33%; }</style>',
    '</head>',
    options.beforeBody ?? '',
  ].join('\n');
  const top = `${bodyTag}<div style="display:none;max-height:0;overflow:hidden;">${PREHEADER}</div>\n<table role="presentation" width="600" align="center">\n`;
  const end = '</table>\n</body>\n</html>\n';
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed;
  };
  const sentence = () =>
    Array.from({ length: 14 }, () => words[(next() >>> 16) % words.length]).join(' ');
  const rows: string[] = [];
  for (let link = 0; link < options.links; link++) {
    rows.push(
      `<tr><td class="col" style="padding:8px;font-family:Georgia,serif;"><a href="https://shop.example/p/${link}">${sentence()}</a></td></tr>`,
    );
  }
  let html = `${head}\n${top}${rows.join('\n')}\n`;
  const filler = () =>
    `<tr><td style="padding:0 32px;font-size:15px;line-height:23px;color:#444444;"><p>${sentence()}. ${sentence()}.</p></td></tr>\n`;
  const size = (text: string) => Buffer.byteLength(text, 'utf8');
  while (size(html) + size(end) < options.bytes) {
    const room = options.bytes - size(html) - size(end);
    const row = filler();
    // The last bit of room is a comment (or spaces, when even `<!---->` does not fit).
    html +=
      size(row) <= room ? row : room >= 7 ? `<!--${'.'.repeat(room - 7)}-->` : ' '.repeat(room);
  }
  html += end;
  if (size(html) !== options.bytes) {
    throw new Error(`newsletter: made ${size(html)} bytes, asked for ${options.bytes}`);
  }
  return html;
}

/** `html`'s byte offset (as sent, htmlBytesAsSent) of the first `needle`, or -1. */
export function byteOffsetOf(html: string, needle: string): number {
  const index = html.indexOf(needle);
  return index === -1 ? -1 : htmlBytesAsSent(html.slice(0, index));
}
