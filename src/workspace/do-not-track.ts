import { fail } from '../errors.js';
import { addressKey, domainKey, isValidEmail } from '../mail/index.js';
import {
  type Db,
  type DoNotTrackListed,
  type DoNotTrackSource,
  deleteDoNotTrack,
  findDoNotTrackEntry,
  insertDoNotTrack,
  listDoNotTrack,
  newId,
} from '../store/index.js';

/**
 * An entry as stored: an address's `addressKey` (`josé.ünal@xn--bcher-kva.example`), or `@` and
 * a `domainKey` (`@xn--bcher-kva.example`), so every spelling of an address or a domain —
 * capitals of any script, `ß`/`SS`, Unicode or `xn--` domains — is one entry. Undefined when the
 * input is neither a valid address nor `@domain`.
 */
export function normalizeDoNotTrackEntry(raw: string): string | undefined {
  const entry = raw.trim();
  if (entry.startsWith('@')) {
    const domain = domainKey(entry.slice(1));
    return domain && isValidEmail(`x@${domain}`) ? `@${domain}` : undefined;
  }
  if (!isValidEmail(entry)) return undefined;
  return addressKey(entry);
}

/**
 * Puts an address or `@domain` on the workspace's list; returns the entry as stored, and
 * whether this call put it there. An `opt_out` entry (the recipient's own) takes over an
 * admin's entry for the same key. Raises MB_ERR_VALIDATION when the input is neither.
 */
export async function addDoNotTrack(
  db: Db,
  workspaceId: string,
  rawEntry: string,
  source: DoNotTrackSource,
  createdBy: string | null,
  at = Date.now(),
): Promise<{ entry: string; added: boolean }> {
  const entry = normalizeDoNotTrackEntry(rawEntry);
  if (!entry) {
    fail(
      'MB_ERR_VALIDATION',
      `${JSON.stringify(rawEntry)} is neither an email address nor @domain`,
    );
  }
  const row = { id: newId(at), workspaceId, entry, source, createdBy, createdAt: at };
  return { entry, added: await insertDoNotTrack(db, row) };
}

/** The workspace's entries by entry, each with the name of the admin who added it, if any. */
export function doNotTrackList(db: Db, workspaceId: string): Promise<DoNotTrackListed[]> {
  return listDoNotTrack(db, workspaceId);
}

/**
 * An admin's removal of an entry, given in any spelling. Raises MB_ERR_NOT_FOUND when it is not
 * listed, and MB_ERR_OPT_OUT_RECIPIENT_ONLY (409) when it is a recipient's own opt-out: the
 * privacy rule (DESIGN.md, "only the recipient can withdraw it") leaves that to the recipient's
 * "track me again" button.
 */
export async function removeDoNotTrack(
  db: Db,
  workspaceId: string,
  rawEntry: string,
): Promise<void> {
  const entry = normalizeDoNotTrackEntry(rawEntry) ?? rawEntry.trim();
  if (await deleteDoNotTrack(db, workspaceId, entry, 'admin')) return;
  const left = await findDoNotTrackEntry(db, workspaceId, entry);
  if (left?.source === 'opt_out') {
    fail(
      'MB_ERR_OPT_OUT_RECIPIENT_ONLY',
      `${entry} opted out of tracking themselves: only they can withdraw it, with the “track me again” button on the privacy page of a mail they received`,
    );
  }
  fail('MB_ERR_NOT_FOUND', 'No such entry on the do-not-track list');
}

/** The keys to look an address up by: its `addressKey` and `@` + its `domainKey`. */
export function doNotTrackKeysOf(email: string): string[] {
  const entry = normalizeDoNotTrackEntry(email);
  return entry ? [entry, entry.slice(entry.lastIndexOf('@'))] : [];
}
