import { Parser } from 'htmlparser2';

/** Elements whose text starts a line of its own in the page as read. */
const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'header',
  'main',
  'footer',
  'form',
  'ul',
  'ol',
  'li',
  'h1',
  'h2',
  'h3',
  'button',
  'br',
]);
/** Elements whose content is not text the reader sees. */
const UNSEEN = new Set(['head', 'style', 'script', 'template']);

/**
 * The text a reader sees on a rendered page, one line per block (headings, paragraphs, list
 * items, buttons), entities decoded and white space collapsed: what the opt-out proof log keeps
 * as "what the page said". Button labels appear in brackets, `[Stop tracking me]`, so the log
 * shows which button was there to press.
 */
export function pageText(html: string): string {
  const lines: string[] = [];
  let line = '';
  let unseen = 0;
  const breakLine = () => {
    const text = line.replace(/\s+/g, ' ').trim();
    if (text) lines.push(text);
    line = '';
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (UNSEEN.has(name)) unseen++;
        else if (BLOCKS.has(name)) breakLine();
        if (name === 'button') line += '[';
      },
      ontext(text) {
        if (unseen === 0) line += text;
      },
      onclosetag(name) {
        if (UNSEEN.has(name)) unseen--;
        else if (name === 'button') {
          line = `${line.trim()}]`;
          breakLine();
        } else if (BLOCKS.has(name)) breakLine();
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  breakLine();
  return lines.join('\n');
}
