/**
 * The one form under which two addresses are "the same person" for privacy: opt-outs,
 * do-not-track, consents and erasure all compare these keys, never SQL's `lower()` (SQLite's
 * folds ASCII only) nor a bare `toLowerCase()`.
 *
 * The product's rule: mail servers may treat local parts case-sensitively (RFC 5321 §2.4), but
 * in practice none does, and a privacy choice must hold however the address is written. So the
 * local part is NFC-normalised and case-folded — lower-, upper- then lower-cased, which applies
 * Unicode's full folds that `toLowerCase()` alone misses (`ß`/`ẞ` → `ss`, final `ς` → `σ`,
 * the Kelvin sign `K` → `k`, long `ſ` → `s`) — and the domain is taken to its IDNA ASCII form
 * (UTS #46 via WHATWG URL's `domainToASCII`), so `bücher.example`, `BÜCHER.example` and
 * `xn--bcher-kva.example` are one domain. Erring towards "same" is the safe side: an opt-out
 * then covers every spelling of the address.
 */
import { domainToASCII } from 'node:url';

/** Case-folds free text the way address keys do (NFC, full Unicode case folding). */
export function foldCase(text: string): string {
  // Lower first so that the capital sharp s (ẞ, which upper-cases to itself) reaches `ß → SS`.
  return text.normalize('NFC').toLowerCase().toUpperCase().toLowerCase().normalize('NFC');
}

/**
 * The IDNA ASCII form of a domain, lower-cased, without a trailing dot; `undefined` when it is
 * not a valid domain name (a label over 63 bytes, a forbidden code point).
 */
export function domainKey(domain: string): string | undefined {
  const ascii = domainToASCII(domain.trim().replace(/\.$/, '')).toLowerCase();
  // WHATWG's domainToASCII does not enforce DNS lengths (RFC 1035 §2.3.4); a key must.
  const fits = ascii.length <= 253 && ascii.split('.').every((l) => l.length > 0 && l.length <= 63);
  return ascii && fits ? ascii : undefined;
}

/**
 * The comparison key of an address: `foldCase(local)@domainKey(domain)`, e.g.
 * `JOSÉ.Ünal@Bücher.Example` → `josé.ünal@xn--bcher-kva.example`. `undefined` when the input has
 * no `@` or its domain is not valid. Validation of the whole address is `isValidEmail`'s job.
 */
export function addressKey(email: string): string | undefined {
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0) return undefined;
  const domain = domainKey(trimmed.slice(at + 1));
  return domain ? `${foldCase(trimmed.slice(0, at))}@${domain}` : undefined;
}
