import { domainToASCII } from 'node:url';
import { fail } from '../errors.js';
import { isValidEmail } from '../mail/index.js';
import {
  type Db,
  type DoNotTrackRow,
  type DoNotTrackSource,
  deleteDoNotTrack,
  insertDoNotTrack,
  listDoNotTrack,
  newId,
} from '../store/index.js';

/**
 * An entry as stored: a lower-cased address, or `@` and a lower-cased ASCII (punycode) domain, so
 * `@bücher.example` and `@xn--bcher-kva.example` are one entry. Undefined when not valid.
 */
export function normalizeDoNotTrackEntry(raw: string): string | undefined {
  const entry = raw.trim().toLowerCase();
  if (entry.startsWith('@')) {
    const domain = domainToASCII(entry.slice(1));
    return domain && isValidEmail(`x@${domain}`) ? `@${domain}` : undefined;
  }
  if (!isValidEmail(entry)) return undefined;
  const at = entry.lastIndexOf('@');
  const domain = domainToASCII(entry.slice(at + 1));
  return `${entry.slice(0, at)}@${domain}`;
}

export async function addDoNotTrack(
  db: Db,
  workspaceId: string,
  rawEntry: string,
  source: DoNotTrackSource,
  createdBy: string | null,
): Promise<string> {
  const entry = normalizeDoNotTrackEntry(rawEntry);
  if (!entry) {
    fail(
      'MB_ERR_VALIDATION',
      `${JSON.stringify(rawEntry)} is neither an email address nor @domain`,
    );
  }
  await insertDoNotTrack(db, {
    id: newId(),
    workspaceId,
    entry,
    source,
    createdBy,
    createdAt: Date.now(),
  });
  return entry;
}

export function doNotTrackList(db: Db, workspaceId: string): Promise<DoNotTrackRow[]> {
  return listDoNotTrack(db, workspaceId);
}

export async function removeDoNotTrack(
  db: Db,
  workspaceId: string,
  rawEntry: string,
): Promise<void> {
  const entry = normalizeDoNotTrackEntry(rawEntry) ?? rawEntry.trim().toLowerCase();
  if (!(await deleteDoNotTrack(db, workspaceId, entry)))
    fail('MB_ERR_NOT_FOUND', 'No such entry on the do-not-track list');
}

/** The keys to look an address up by: itself and its domain, in stored (ASCII) form. */
export function doNotTrackKeysOf(email: string): string[] {
  const entry = normalizeDoNotTrackEntry(email);
  return entry ? [entry, entry.slice(entry.lastIndexOf('@'))] : [];
}
