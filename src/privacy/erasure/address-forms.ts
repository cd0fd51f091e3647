import { domainToUnicode } from 'node:url';
import { addressKey, foldCase } from '../../mail/index.js';

/** One person's address in every form an erasure must find it in. */
export interface AddressForms {
  /** The comparison key (src/mail/address-key.ts). */
  readonly key: string;
  /** Whether a stored address is this person's, under `addressKey`. */
  matches(email: string): boolean;
  /** Whether free text (a chat line, a relay's reply, a JSON payload) names the address. */
  mentions(text: string | null | undefined): boolean;
}

/**
 * The forms of the address whose key is `key`, plus the exact spellings found stored
 * (`spellings`): text is case-folded the way keys are and searched for the key, the key with
 * its domain in Unicode (`josé@bücher.example` as well as `josé@xn--bcher-kva.example`), and
 * each stored spelling folded.
 */
export function addressForms(key: string, spellings: readonly string[] = []): AddressForms {
  const at = key.lastIndexOf('@');
  const unicode = `${key.slice(0, at)}@${foldCase(domainToUnicode(key.slice(at + 1)))}`;
  const needles = [...new Set([key, unicode, ...spellings.map(foldCase)])];
  return {
    key,
    matches: (email) => addressKey(email) === key,
    mentions: (text) => {
      if (!text) return false;
      const folded = foldCase(text);
      return needles.some((needle) => folded.includes(needle));
    },
  };
}
