/**
 * The blocks instrumentation inserts into html, in the order they appear. Each is wrapped as
 * `<!--mb:NAME-->…<!--/mb:NAME-->`, so that tests and later code can find (or strip) them.
 */
export const INSTRUMENT_BLOCKS = Object.freeze([
  'download',
  'privacy',
  'honeypot',
  'pixel',
] as const);

export type InstrumentBlock = (typeof INSTRUMENT_BLOCKS)[number];

export function markBlock(name: InstrumentBlock, html: string): string {
  return `<!--mb:${name}-->${html}<!--/mb:${name}-->`;
}
