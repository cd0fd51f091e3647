import { Transform } from 'node:stream';

/** RFC 5322 2.1.1: a line must not exceed 998 octets, CRLF excluded. */
export const MAX_LINE_OCTETS = 998;

/**
 * Measures the lines of bytes fed to it in pieces cut anywhere: `longest` is the length in
 * octets of the longest line so far (lines end with LF; the CR of CRLF is not counted). A line
 * still open counts with what it holds so far, so an over-long line is seen before it ends.
 */
export class LineMeter {
  /** Octets since the last LF (a trailing CR included). */
  #open = 0;
  /** Whether the last octet seen was a CR. */
  #cr = false;
  #longest = 0;

  get longest(): number {
    return this.#longest;
  }

  feed(bytes: Uint8Array): void {
    let start = 0;
    while (start < bytes.length) {
      const end = bytes.indexOf(0x0a, start);
      const stop = end === -1 ? bytes.length : end;
      if (stop > start) {
        this.#open += stop - start;
        this.#cr = bytes[stop - 1] === 0x0d;
      }
      this.#record();
      if (end === -1) return;
      this.#open = 0;
      this.#cr = false;
      start = end + 1;
    }
  }

  #record(): void {
    const length = this.#open - (this.#cr ? 1 : 0);
    if (length > this.#longest) this.#longest = length;
  }
}

/** The length in octets of the longest line of `raw` (lines end with LF, CR is not counted). */
export function longestLine(raw: Uint8Array): number {
  const meter = new LineMeter();
  meter.feed(raw);
  return meter.longest;
}

/**
 * Passes bytes through unchanged, and fails with a RangeError as soon as a line exceeds
 * MAX_LINE_OCTETS: a relay would reject or mangle it. `what` names the source in the message.
 */
export function lineLengthCheck(what: string): Transform {
  const meter = new LineMeter();
  return new Transform({
    transform(chunk: Buffer | string, _encoding, done) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
      meter.feed(bytes);
      if (meter.longest > MAX_LINE_OCTETS) {
        done(
          new RangeError(
            `${what}: a line of ${meter.longest} octets or more exceeds the ${MAX_LINE_OCTETS}-octet limit of RFC 5322 (check custom headers)`,
          ),
        );
        return;
      }
      done(null, bytes);
    },
  });
}
