/**
 * Recipient and sender addresses as the API takes them: `{email, name?}`.
 *
 * Display names are free text (non-ASCII, commas, quotes: the MIME builder encodes them);
 * only control characters are refused, since a CR/LF would forge headers. Addresses follow
 * RFC 5321/5322 (dot-atom or quoted local part) with RFC 6531 UTF-8 local parts and IDN domains.
 */
import { domainToASCII, domainToUnicode } from 'node:url';

export interface Address {
  readonly email: string;
  readonly name?: string;
}

const ATEXT = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uFFFF-]+$/u;
const QUOTED_LOCAL = /^"(?:[\x20\x21\x23-\x5B\x5D-\x7E\u0080-\uFFFF]|\\[\x20-\x7E])*"$/u;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u001F\u007F]/u;

function validLocalPart(local: string): boolean {
  if (local.length === 0 || local.length > 64) return false;
  if (local.startsWith('"')) return QUOTED_LOCAL.test(local);
  return local.split('.').every((atom) => atom.length > 0 && ATEXT.test(atom));
}

function validDomain(domain: string): boolean {
  const ascii = domainToASCII(domain);
  if (!ascii || ascii.length > 253) return false;
  const labels = ascii.split('.');
  return (
    labels.length >= 2 &&
    labels.every((label) => LABEL.test(label)) &&
    !/^\d+$/.test(labels.at(-1)!)
  );
}

export function isValidEmail(email: string): boolean {
  if (email.length > 254 || CONTROL.test(email)) return false;
  const at = email.lastIndexOf('@');
  if (at <= 0) return false;
  return validLocalPart(email.slice(0, at)) && validDomain(email.slice(at + 1));
}

/**
 * The address with its domain lower-cased (domains are case-insensitive; local parts are not),
 * and a non-ASCII domain in the canonical Unicode form of UTS #46 (full-width letters mapped:
 * `ＢÜCHER.de` → `bücher.de`), so what is stored and shown is what is sent. A domain IDNA cannot
 * map is left lower-cased, for validation to refuse.
 */
export function normalizeEmail(email: string): string {
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf('@');
  if (at < 0) return trimmed;
  const domain = trimmed.slice(at + 1);
  // An ASCII domain (punycode included) stays as written, lower-cased.
  const ascii = /[^\x20-\x7e]/.test(domain) ? domainToASCII(domain) : '';
  return trimmed.slice(0, at + 1) + (ascii ? domainToUnicode(ascii) : domain.toLowerCase());
}

export type AddressCheck = { ok: true; address: Address } | { ok: false; reason: string };

export function checkAddress(input: { email: string; name?: string | null }): AddressCheck {
  const email = normalizeEmail(input.email);
  if (!isValidEmail(email)) {
    return { ok: false, reason: `${JSON.stringify(input.email)} is not a valid email address` };
  }
  const name = input.name?.trim();
  if (name && CONTROL.test(name)) {
    return { ok: false, reason: 'a display name cannot contain control characters or line breaks' };
  }
  return { ok: true, address: name ? { email, name } : { email } };
}
