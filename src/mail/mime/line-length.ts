/** RFC 5322 2.1.1: a line must not exceed 998 octets, CRLF excluded. */
export const MAX_LINE_OCTETS = 998;

/** The length in octets of the longest line of `raw` (lines end with LF, CR is not counted). */
export function longestLine(raw: Buffer): number {
  let longest = 0;
  let start = 0;
  for (;;) {
    const end = raw.indexOf(0x0a, start);
    const stop = end === -1 ? raw.length : end;
    const length = stop - start - (stop > start && raw[stop - 1] === 0x0d ? 1 : 0);
    if (length > longest) longest = length;
    if (end === -1) return longest;
    start = end + 1;
  }
}
