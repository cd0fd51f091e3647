/**
 * What the sent list's search (`GET /api/v1/messages?q=`) compares: a message's subject and its
 * recipients' addresses and names, folded in JavaScript when the message is written, and the
 * search text folded the same way when it is asked. SQL cannot do it alike on both engines
 * (SQLite's `lower()` and `LIKE` fold ASCII only; PostgreSQL's depend on the database's
 * locale), so neither engine folds anything: both compare folded text with a plain `LIKE`.
 *
 * Folding is `foldCase` (NFC, full Unicode case folding: `ß` and `SS`, `Σ` and `ς` match), then
 * the accents of Latin, Greek and Cyrillic letters go (the combining marks U+0300–U+036F after
 * canonical decomposition): `citta` finds `CITTÀ`, `perche` finds `perché`, as mail clients'
 * searches do. Marks of other scripts stay (Japanese voicing marks, Indic vowel signs change
 * the letter, not its accent).
 */
import { foldCase } from './address-key.js';
import type { Address } from './addresses.js';

const LATIN_GREEK_CYRILLIC_ACCENTS = /[\u0300-\u036F]/g;

/**
 * Separates the fields of a message's search text. A line feed: no search text holds one (the
 * one-line rules refuse control characters), so a match never runs from one field into the next.
 */
const FIELD_SEPARATOR = '\n';

/** `text` as searches compare it: case-folded, without accents. */
export function foldForSearch(text: string): string {
  return foldCase(text).normalize('NFD').replace(LATIN_GREEK_CYRILLIC_ACCENTS, '').normalize('NFC');
}

/** What a message's search text is made of: its subject and whom it is addressed to. */
export interface SearchableMessage {
  readonly subject: string;
  readonly to: readonly Address[];
  readonly cc: readonly Address[];
  readonly bcc: readonly Address[];
}

/** The message's search text: each field folded (foldForSearch), one per line. */
export function messageSearchText(message: SearchableMessage): string {
  const addresses = [...message.to, ...message.cc, ...message.bcc];
  return [message.subject, ...addresses.flatMap((a) => [a.email, a.name ?? ''])]
    .filter((field) => field !== '')
    .map(foldForSearch)
    .join(FIELD_SEPARATOR);
}
