import type { HitFacts } from './types.js';

/**
 * Browsers mark speculative loads: Chromium `Sec-Purpose: prefetch` (or `prefetch;prerender`),
 * older Chromium and Safari `Purpose: prefetch`, Safari's Top Sites `X-Purpose: preview`, Firefox
 * `X-Moz: prefetch`. Nobody chose to follow the link (yet).
 */
const SPECULATIVE = /\b(?:prefetch|prerender|preview)\b/i;

export function isSpeculative(hit: HitFacts): boolean {
  return [hit.secPurpose, hit.purpose, hit.xPurpose, hit.xMoz].some(
    (value) => value !== undefined && SPECULATIVE.test(value),
  );
}
