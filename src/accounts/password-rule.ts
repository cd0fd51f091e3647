import { dictionary } from '@zxcvbn-ts/language-common';
import { fail } from '../errors.js';

/**
 * The rule every new password meets, after NIST SP 800-63B §5.1.1.2 (memorized secrets): at
 * least a minimum length, any characters at all up to a generous maximum, no composition rules
 * (they make passwords no stronger and harder to remember), and not a value known to be common
 * or breached. The list is zxcvbn-ts' common passwords (about 49,000, from breach corpora),
 * shipped inside its npm package: nothing is fetched at run time.
 */

/** Characters (code points, after NFKC, as the hash sees them); NIST asks for at least 8. */
export const MIN_PASSWORD_LENGTH = 10;
/** NIST asks to allow at least 64; the API's schema refuses more than 256 anyway. */
export const MAX_PASSWORD_LENGTH = 256;

let common: ReadonlySet<string> | undefined;
/** The list as a set, built on first use (a few milliseconds, a few MB). */
function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(dictionary['passwords-common'].map((entry) => entry.toLowerCase()));
  return common;
}

/**
 * The forms of `password` the list is checked with: as typed, folded to lower case, and with
 * the digits and symbols people add to a common word to pass a rule stripped from both ends
 * ("Password2026!" is "password").
 */
function candidates(password: string): string[] {
  const folded = password.toLowerCase();
  const core = folded.replace(/^[\d\p{P}\p{S}\s]+|[\d\p{P}\p{S}\s]+$/gu, '');
  return [folded, core];
}

/** What the account's own details make too guessable: its address, or the part before the @. */
function isOwnDetail(folded: string, email: string | undefined): boolean {
  if (!email) return false;
  const address = email.toLowerCase();
  return folded === address || folded === address.split('@')[0];
}

/**
 * Throws 400 `weak_password` unless `password` may be set: at least
 * {@link MIN_PASSWORD_LENGTH} characters, at most {@link MAX_PASSWORD_LENGTH}, not in the list
 * of common and breached passwords (nor a common one with digits or symbols around it), and
 * not the account's own email address. `email` is the account's, when known. Every place that
 * sets a password calls this (through `hashNewPassword`), so the rule is said once.
 */
export function assertPasswordAllowed(password: string, email?: string): void {
  const length = [...password.normalize('NFKC')].length;
  if (length < MIN_PASSWORD_LENGTH) {
    fail('MB_ERR_WEAK_PASSWORD', `The password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (length > MAX_PASSWORD_LENGTH) {
    fail('MB_ERR_WEAK_PASSWORD', `The password may have at most ${MAX_PASSWORD_LENGTH} characters`);
  }
  const list = commonPasswords();
  const forms = candidates(password.normalize('NFKC'));
  if (forms.some((form) => list.has(form))) {
    fail(
      'MB_ERR_WEAK_PASSWORD',
      'The password is on a list of common or breached passwords; choose another',
    );
  }
  if (isOwnDetail(forms[0] ?? '', email)) {
    fail('MB_ERR_WEAK_PASSWORD', 'The password may not be the account’s email address');
  }
}
