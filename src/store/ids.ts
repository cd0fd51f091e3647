import { createHash, randomBytes, randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case
const RANDOM_BYTES = 10;
/** An id's leading characters: its time, 48-bit milliseconds in base32. */
const TIME_CHARS = 10;
/** The 80 bits after the time, one character per 5 bits. */
const TAIL_CHARS = 16;

/**
 * Random bytes drawn from the system in blocks: one read per 409 ids instead of one per id
 * (each read is a system call, which cost more than everything else a tracking hit does).
 * A block is used once, front to back, then refilled.
 */
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function randomTail(): number {
  if (poolOffset + RANDOM_BYTES > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const start = poolOffset;
  poolOffset += RANDOM_BYTES;
  return start;
}

/**
 * A new opaque id: 26 characters, time-ordered (48-bit milliseconds, then 80 random bits), so
 * ids sort by creation and serve as stable cursors without another column.
 */
export function newId(now = Date.now()): string {
  const time = newIdTime(now);
  const random = randomTail();
  let bits = 0;
  let value = 0;
  let tail = '';
  for (let i = random; i < random + RANDOM_BYTES; i++) {
    value = (value << 8) | pool[i]!;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      tail += ALPHABET[(value >> bits) & 31];
    }
  }
  return time + tail;
}

/**
 * An id that sorts just before `id` and is derived from it alone (the same input always gives
 * the same output): its time one millisecond earlier, its random part the same. Used for an
 * event implied by another (an inferred open before its click), so that a replay writes it once.
 */
export function precedingId(id: string): string {
  return newIdTime(idTime(id) - 1) + id.slice(TIME_CHARS);
}

/** The time an id was made for (epoch ms): its leading characters read back. */
export function idTime(id: string): number {
  let time = 0;
  for (const char of id.slice(0, TIME_CHARS)) time = time * 32 + ALPHABET.indexOf(char);
  return time;
}

/**
 * An id that follows from `key` alone (its SHA-256 in place of the random part), sorting at the
 * time of `timeOf`, another id: writing the same thing twice (a replay, two nodes) hits the
 * primary key and writes nothing, and the rows still sort by the time of what they derive from.
 */
export function derivedId(timeOf: string, key: string): string {
  const hash = createHash('sha256').update(key).digest();
  let tail = '';
  for (let i = 0; i < TAIL_CHARS; i++) tail += ALPHABET[hash[i]! & 31];
  return timeOf.slice(0, TIME_CHARS) + tail;
}

/**
 * The leading characters every id made at `ms` starts with: ids made earlier sort below it, ids
 * made then or later at or above it. A range bound on an id column, for a time.
 */
export function idTimePrefix(ms: number): string {
  return newIdTime(ms);
}

function newIdTime(ms: number): string {
  let time = '';
  let t = ms;
  for (let i = 0; i < TIME_CHARS; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  return time;
}

/**
 * A change sequence: an id like `newId` at `now`, strictly greater than `after` (the last one
 * handed out). When the clock is behind `after` (the same millisecond, a clock stepped back,
 * another node's clock ahead) it is `after`'s successor. Live streams skip anything not after
 * what they sent, so two changes must never sort the wrong way round.
 */
export function newSequence(after: string, now = Date.now()): string {
  const fresh = newId(now);
  return fresh > after ? fresh : successor(after);
}

/** The next id in sort order: the last character that is not the alphabet's last goes up one. */
function successor(id: string): string {
  const chars = id.split('');
  for (let i = chars.length - 1; i >= 0; i--) {
    const at = ALPHABET.indexOf(chars[i]!);
    if (at < ALPHABET.length - 1) {
      chars[i] = ALPHABET[at + 1]!;
      return chars.join('');
    }
    chars[i] = ALPHABET[0]!;
  }
  return `${id}0`;
}

/** The bytes of a recipient copy's tracking id (128 bits: it cannot be guessed). */
export const TRACKING_ID_BYTES = 16;

/**
 * A fresh tracking id for a recipient copy (its `tracking_id`): TRACKING_ID_BYTES random bytes,
 * base64url. Tracking tokens carry it, signed (src/tracking/tokens.ts); messages give one to
 * each tracked copy as they queue it.
 */
export function newTrackingId(): string {
  return randomBytes(TRACKING_ID_BYTES).toString('base64url');
}
