/**
 * Runs, sequences and repeated patterns: what NIST SP 800-63B §5.1.1.2 calls "repetitive or
 * sequential characters (e.g. 'aaaaaa', '1234abcd')". A password is one of them when it is
 * made up wholly of such pieces; a strong password may contain one ("abcdef-Tulip-Harbor-93").
 * Everything here reads code points of a form already folded to lower case.
 */

/** The shortest piece counted as a run or sequence: two characters in a row are too common. */
const MIN_PIECE = 3;

/**
 * Orders people type along, beyond consecutive code points: digits that wrap ("7890123"),
 * keyboard rows of QWERTY, QWERTZ and AZERTY (plain and shifted) and QWERTY's columns.
 */
const ORDERS: readonly string[] = [
  '0123456789'.repeat(3),
  '`1234567890-=',
  '~!@#$%^&*()_+',
  'qwertyuiop[]\\',
  "asdfghjkl;'",
  'zxcvbnm,./',
  'qwertzuiopü',
  'asdfghjklöä',
  'yxcvbnm,.-',
  'azertyuiop',
  'qsdfghjklmù',
  'wxcvbn,;:!',
  '1qaz',
  '2wsx',
  '3edc',
  '4rfv',
  '5tgb',
  '6yhn',
  '7ujm',
  '8ik,',
  '9ol.',
  '0p;/',
].flatMap((order) => [order, [...order].reverse().join('')]);

/** Whether `piece` (at least 2 code points) is one character again and again. */
function isRepeat(piece: readonly string[]): boolean {
  return piece.every((char) => char === piece[0]);
}

/** Whether each code point of `piece` is one more, or each one less, than the one before. */
function isStep(piece: readonly string[]): boolean {
  const points = piece.map((char) => char.codePointAt(0) ?? 0);
  const step = (points[1] ?? 0) - (points[0] ?? 0);
  if (step !== 1 && step !== -1) return false;
  return points.every((point, i) => i === 0 || point - (points[i - 1] ?? 0) === step);
}

function isPiece(piece: readonly string[]): boolean {
  if (isRepeat(piece) || isStep(piece)) return true;
  const text = piece.join('');
  return ORDERS.some((order) => order.includes(text));
}

/**
 * Whether `chars` splits wholly into runs and sequences of at least {@link MIN_PIECE}
 * ("1234abcd", "aaaabbbbcccc", "1qaz2wsx"). Searched over every split point (a piece that
 * stops being one stays so when longer, so each start is tried until it breaks).
 */
function isMadeOfPieces(chars: readonly string[]): boolean {
  const reachable = new Array<boolean>(chars.length + 1).fill(false);
  reachable[0] = true;
  for (let start = 0; start < chars.length; start++) {
    if (!reachable[start]) continue;
    for (let end = start + MIN_PIECE; end <= chars.length; end++) {
      if (!isPiece(chars.slice(start, end))) break;
      reachable[end] = true;
    }
  }
  return reachable[chars.length] === true;
}

/** Whether `chars` is a piece of at most half its length repeated ("abcabcabca", "1212121"). */
function isRepeatedPattern(chars: readonly string[]): boolean {
  for (let period = 1; period <= chars.length / 2; period++) {
    if (chars.every((char, i) => i < period || char === chars[i - period])) return true;
  }
  return false;
}

/** Whether `folded` (lower case, no spaces) is a run, a sequence or a pattern repeated, whole. */
export function isRunOrSequence(folded: string): boolean {
  const chars = [...folded];
  return chars.length > 0 && (isRepeatedPattern(chars) || isMadeOfPieces(chars));
}
