/**
 * Recipients' consents to be tracked: what the `consent` policy asks for before a copy is tracked
 * (DESIGN.md, "Privacy"). Kept as a log (store's `consents`): every consent given or withdrawn is
 * a row with when, how and its proof, and an address's state is its latest row. Addresses are
 * compared by their addressKey (NFC, Unicode case folding, IDNA), so `JOSÉ@Bücher.example` and
 * `josé@xn--bcher-kva.example` share one consent.
 */
import { fail } from '../errors.js';
import { addressKey, isValidEmail } from '../mail/index.js';
import {
  type ConsentRow,
  type ConsentSource,
  type Db,
  insertConsent,
  listConsents,
  newId,
} from '../store/index.js';

/** A consent in force: its address key, the address as given, and the row that gave it. */
export interface ActiveConsent {
  readonly addressKey: string;
  readonly email: string;
  readonly source: ConsentSource;
  readonly proof: string;
  /** Epoch ms. */
  readonly givenAt: number;
  /** The copy whose privacy page gave it, for a recipient's own consent. */
  readonly recipientId: string | null;
}

/** The longest proof kept, in characters (an import's note or a page's wording). */
export const MAX_PROOF_LENGTH = 2000;

/** The address key of an address given by a person; 400 when it is not a valid address. */
function keyOfGiven(email: string): string {
  const trimmed = email.trim();
  const key = isValidEmail(trimmed) ? addressKey(trimmed) : undefined;
  if (key === undefined) {
    fail('MB_ERR_VALIDATION', `${JSON.stringify(email)} is not a valid email address`);
  }
  return key;
}

/** Each address key's latest row, from rows in log order (oldest first). */
function latestByKey(rows: readonly ConsentRow[]): Map<string, ConsentRow> {
  const latest = new Map<string, ConsentRow>();
  for (const row of rows) latest.set(row.addressKey, row);
  return latest;
}

function activeOf(row: ConsentRow): ActiveConsent {
  return {
    addressKey: row.addressKey,
    email: row.email,
    source: row.source,
    proof: row.proof,
    givenAt: row.at,
    recipientId: row.recipientId,
  };
}

/**
 * Every consent given or withdrawn in the workspace, oldest first: the proof log, with when, how,
 * from which copy and what was shown (store rows as they are).
 */
export function consentLog(db: Db, workspaceId: string): Promise<ConsentRow[]> {
  return listConsents(db, workspaceId);
}

/** The workspace's consents in force, by address key. */
export async function activeConsents(db: Db, workspaceId: string): Promise<ActiveConsent[]> {
  const latest = latestByKey(await listConsents(db, workspaceId));
  return [...latest.values()]
    .filter((row) => row.action === 'given')
    .map(activeOf)
    .sort((a, b) => a.addressKey.localeCompare(b.addressKey));
}

/**
 * Records a consent an admin imports (gathered elsewhere: a signed form, a web sign-up), with its
 * proof. Importing again for an address already consenting records the new proof. Raises
 * MB_ERR_VALIDATION (400) for an invalid address or an empty proof.
 */
export async function importConsent(
  db: Db,
  workspaceId: string,
  input: { readonly email: string; readonly proof: string },
  userId: string,
  now = Date.now(),
): Promise<ActiveConsent> {
  const key = keyOfGiven(input.email);
  const proof = input.proof.trim();
  if (proof.length === 0) fail('MB_ERR_VALIDATION', 'proof: say how the consent was given');
  if (proof.length > MAX_PROOF_LENGTH) {
    fail('MB_ERR_VALIDATION', `proof: at most ${MAX_PROOF_LENGTH} characters`);
  }
  const row: ConsentRow = {
    id: newId(now),
    workspaceId,
    addressKey: key,
    email: input.email.trim(),
    action: 'given',
    at: now,
    source: 'import',
    proof,
    recipientId: null,
    userId,
  };
  await insertConsent(db, row);
  return activeOf(row);
}

/**
 * An admin withdraws the consent of an address (however it is written): its tracked mail sent
 * under `consent` stops being recorded at once, and later mail goes out untracked. Raises
 * MB_ERR_VALIDATION (400) for an invalid address, MB_ERR_NOT_FOUND (404) when it has no consent.
 */
export async function withdrawConsentAsAdmin(
  db: Db,
  workspaceId: string,
  email: string,
  userId: string,
  now = Date.now(),
): Promise<void> {
  const key = keyOfGiven(email);
  const current = latestByKey(await listConsents(db, workspaceId, [key])).get(key);
  if (current?.action !== 'given') fail('MB_ERR_NOT_FOUND', 'No consent of that address');
  await insertConsent(db, {
    id: newId(now),
    workspaceId,
    addressKey: key,
    email: current.email,
    action: 'withdrawn',
    at: now,
    source: 'admin',
    proof: 'Withdrawn by an admin',
    recipientId: null,
    userId,
  });
}

/** The copy a recipient's privacy page speaks of: whose consent it records. */
export interface ConsentingCopy {
  readonly workspaceId: string;
  readonly recipientId: string;
  readonly email: string;
}

/**
 * A recipient gives or withdraws their consent on their privacy page: recorded with when, from
 * which copy and what the page said (`pageText`). Pressing the same button twice records once.
 * Returns the state after, and when it began (epoch ms).
 */
export async function recordRecipientConsent(
  db: Db,
  copy: ConsentingCopy,
  action: 'given' | 'withdrawn',
  pageText: string,
  now = Date.now(),
): Promise<{ consented: boolean; at: number }> {
  const key = addressKey(copy.email);
  if (key === undefined) fail('MB_ERR_VALIDATION', 'the copy’s address has no key');
  const current = latestByKey(await listConsents(db, copy.workspaceId, [key])).get(key);
  const consented = current?.action === 'given';
  if (consented === (action === 'given') && current) return { consented, at: current.at };
  if (!current && action === 'withdrawn') return { consented: false, at: now };
  await insertConsent(db, {
    id: newId(now),
    workspaceId: copy.workspaceId,
    addressKey: key,
    email: copy.email,
    action,
    at: now,
    source: 'privacy_page',
    proof: pageText.slice(0, MAX_PROOF_LENGTH),
    recipientId: copy.recipientId,
    userId: null,
  });
  return { consented: action === 'given', at: now };
}

/** Whether an address has a consent in force now (the privacy page's state). */
export async function hasConsent(db: Db, workspaceId: string, email: string): Promise<boolean> {
  const key = addressKey(email);
  if (key === undefined) return false;
  return latestByKey(await listConsents(db, workspaceId, [key])).get(key)?.action === 'given';
}

/** The address keys among `emails` that have a consent in force now (the send's question). */
export async function consentedKeys(
  db: Db,
  workspaceId: string,
  emails: readonly string[],
): Promise<Set<string>> {
  const keys = emails.map(addressKey).filter((key): key is string => key !== undefined);
  const latest = latestByKey(await listConsents(db, workspaceId, keys));
  return new Set([...latest.values()].filter((r) => r.action === 'given').map((r) => r.addressKey));
}

/**
 * When consents of some addresses were in force, for hits of mail already sent: a function
 * telling whether `email`'s consent was in force at `at` (epoch ms) — the latest row at or
 * before then gave it. A withdrawal thus stops recording at once, and a consent given again
 * lets it resume.
 */
export async function consentTimeline(
  db: Db,
  workspaceId: string,
  emails: readonly string[],
): Promise<(email: string, at: number) => boolean> {
  const keys = emails.map(addressKey).filter((key): key is string => key !== undefined);
  const byKey = new Map<string, ConsentRow[]>();
  for (const row of await listConsents(db, workspaceId, keys)) {
    const rows = byKey.get(row.addressKey) ?? [];
    rows.push(row);
    byKey.set(row.addressKey, rows);
  }
  return (email, at) => {
    const key = addressKey(email);
    const rows = key === undefined ? undefined : byKey.get(key);
    const before = rows?.filter((row) => row.at <= at).at(-1);
    return before?.action === 'given';
  };
}
