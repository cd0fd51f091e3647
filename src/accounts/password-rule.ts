import { dictionary } from '@zxcvbn-ts/language-common';
import { fail } from '../errors.js';
import { isRunOrSequence } from './password-patterns.js';

/**
 * The rule every new password meets, after NIST SP 800-63B §5.1.1.2 (memorized secrets): at
 * least a minimum length, any characters at all up to a generous maximum (spaces included), no
 * composition rules (they make passwords no stronger and harder to remember), and not a value
 * an attacker tries first: too few different characters, a run or sequence ("aaaa",
 * "1234abcd", "qwerty"), a common or breached password, or the account's own address or the
 * service's name. The list is zxcvbn-ts' common passwords (about 49,000, from breach corpora),
 * shipped inside its npm package: nothing is fetched at run time.
 *
 * Every check reads one normalised form: NFKC (what the hash sees: "ｐａｓｓ" is "pass"),
 * without format characters (\p{Cf}: zero-width spaces, soft hyphens, joiners, invisible when
 * typed or pasted) and without white space, in lower case. It is used for comparing only: the
 * password stored is the user's as typed.
 */

/** Characters, counted as code points after NFKC, format characters not counted; NIST: 8. */
export const MIN_PASSWORD_LENGTH = 10;
/** NIST asks to allow at least 64; the API's schema refuses more than 256 anyway. */
export const MAX_PASSWORD_LENGTH = 256;
/** Different characters a password needs, in its normalised form ("          " has none). */
export const MIN_DISTINCT_CHARACTERS = 4;
/** The service's name: a context-specific word NIST names, with the user's own address. */
const SERVICE_NAME = 'mailbeacon';
/** Digits, punctuation and symbols: what people put around a weak word to pass a rule. */
const DECORATION = /^[\d\p{P}\p{S}]*$/u;
const DECORATION_AT_ENDS = /^[\d\p{P}\p{S}]+|[\d\p{P}\p{S}]+$/gu;
/** A core this short around which digits and symbols were put is no run worth refusing. */
const MIN_CORE_FOR_RUNS = 6;

let common: ReadonlySet<string> | undefined;
/** The list as a set, built on first use (a few milliseconds, a few MB). */
function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(dictionary['passwords-common'].map((entry) => entry.toLowerCase()));
  return common;
}

/**
 * Characters nobody sees: format characters and the default-ignorable code points (Unicode's
 * DerivedCoreProperties: Hangul fillers, the combining grapheme joiner, variation selectors,
 * Khmer inherent vowels…), which pad a common password without changing how it looks.
 */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;

/** The form every check compares: NFKC, nothing invisible, no white space, lower case. */
function normalised(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').replace(/\s/gu, '').toLowerCase();
}

/** `folded` without the digits and symbols at its ends ("password2026!" is "password"). */
function coreOf(folded: string): string {
  return folded.replace(DECORATION_AT_ENDS, '');
}

/** Whether `folded`, or its core when most of it, is a run, sequence or repeated pattern. */
function isRepetitive(folded: string): boolean {
  const core = coreOf(folded);
  return isRunOrSequence(folded) || (core.length >= MIN_CORE_FOR_RUNS && isRunOrSequence(core));
}

/**
 * Whether `folded` is a context word (the account's address, the part before its @, the
 * service's name) with only digits and symbols around or between its copies.
 */
function isContextWord(folded: string, email: string | undefined): boolean {
  const address = email ? normalised(email) : '';
  const local = address.split('@')[0] ?? '';
  const only = (text: string, word: string) =>
    word.length >= 3 && text.includes(word) && DECORATION.test(text.split(word).join(''));
  // The address's words also run together, or with other separators: `kate.winslow` is
  // `katewinslow` and `kate_winslow` too.
  const unseparated = (text: string) => text.replace(/[._+-]/g, '');
  return (
    [address, local, SERVICE_NAME].some((word) => only(folded, word)) ||
    [address, local, SERVICE_NAME].some((word) => only(unseparated(folded), unseparated(word)))
  );
}

/** Throws 400 `weak_password` unless `password` is between the allowed lengths. */
function assertLength(password: string): void {
  const typed = password.normalize('NFKC');
  // Code points, not UTF-16 units: an emoji is one character, as the user sees it.
  if ([...typed.replace(INVISIBLE, '')].length < MIN_PASSWORD_LENGTH) {
    fail(
      'MB_ERR_WEAK_PASSWORD',
      `The password needs at least ${MIN_PASSWORD_LENGTH} characters (invisible ones do not count)`,
    );
  }
  if ([...typed].length > MAX_PASSWORD_LENGTH) {
    fail('MB_ERR_WEAK_PASSWORD', `The password may have at most ${MAX_PASSWORD_LENGTH} characters`);
  }
}

/**
 * Throws 400 `weak_password`, naming the rule, unless `password` may be set: at least
 * {@link MIN_PASSWORD_LENGTH} characters and at most {@link MAX_PASSWORD_LENGTH}, at least
 * {@link MIN_DISTINCT_CHARACTERS} different ones, not wholly a run, sequence or repeated
 * pattern, not in the list of common and breached passwords (nor a common one with digits or
 * symbols around it), and not the account's address, its local part or the service's name with
 * only digits or symbols around. `email` is the account's, when known. Every place that sets a
 * password calls this (through `hashNewPassword`), so the rule is said once.
 */
export function assertPasswordAllowed(password: string, email?: string): void {
  assertLength(password);
  const folded = normalised(password);
  if (new Set(folded).size < MIN_DISTINCT_CHARACTERS) {
    fail(
      'MB_ERR_WEAK_PASSWORD',
      `The password needs at least ${MIN_DISTINCT_CHARACTERS} different characters (spaces do not count)`,
    );
  }
  if (isRepetitive(folded)) {
    fail(
      'MB_ERR_WEAK_PASSWORD',
      'The password is a run or sequence of characters, or a short pattern repeated (like "aaaa", "abcd", "1234", "qwerty"); choose another',
    );
  }
  const list = commonPasswords();
  if (list.has(folded) || list.has(coreOf(folded))) {
    fail(
      'MB_ERR_WEAK_PASSWORD',
      'The password is on a list of common or breached passwords; choose another',
    );
  }
  if (isContextWord(folded, email)) {
    fail(
      'MB_ERR_WEAK_PASSWORD',
      'The password may not be the account’s email address, the part before its @ or the service’s name, with only digits or symbols around it',
    );
  }
}
