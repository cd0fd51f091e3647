import type { Kysely } from 'kysely';
import { fail } from '../../errors.js';
import { addressKey, isValidEmail } from '../../mail/index.js';
import {
  type Database,
  findRecipientsByKey,
  type HitLog,
  listEventIdsOf,
} from '../../store/index.js';
import { addressForms } from './address-forms.js';
import { ERASURE_STEPS, type ErasureTarget } from './steps.js';

/** How many rows each step touched (`events`, `copies`, `chatLines`, …), and the hit log's. */
export type ErasedCounts = Record<string, number>;

export interface ErasureDeps {
  readonly db: Kysely<Database>;
  /**
   * The hit log, to remove the copies' raw hits; undefined where this process must not write it
   * (the CLI beside a server on SQLite, whose hit log file has one writer): the processing stage
   * then drops those hits unprocessed (the copies are marked erased) and prunes them.
   */
  readonly hitLog: Pick<HitLog, 'forgetRecipients'> | undefined;
  /** Epoch ms. */
  readonly now: () => number;
}

/**
 * Erases everything the workspace holds about one recipient (DESIGN.md, "Privacy"; GDPR art. 17):
 * the address is matched under `addressKey` (any spelling: case, Unicode folding, IDN or
 * punycode), within `workspaceId` only. Each step of ERASURE_STEPS runs in one transaction;
 * then the copies' raw hits leave the hit log. The do-not-track entry of the address stays:
 * an opt-out must outlive the erasure. Anonymous counts stay (the recipient rows' counters, the
 * statistics' daily totals).
 *
 * Returns the rows erased per step, plus `hits`. Raises `MB_ERR_VALIDATION` (400) for an invalid
 * address and `MB_ERR_NOT_FOUND` (404) when the workspace holds nothing about it (an address
 * erased already included).
 */
export async function eraseRecipient(
  deps: ErasureDeps,
  workspaceId: string,
  email: string,
): Promise<ErasedCounts> {
  const key = isValidEmail(email) ? addressKey(email) : undefined;
  if (!key) fail('MB_ERR_VALIDATION', `${JSON.stringify(email)} is not an email address`);
  const at = deps.now();
  const { counts, target } = await deps.db.transaction().execute(async (trx) => {
    const recipients = await findRecipientsByKey(trx, workspaceId, key);
    const spellings = [...new Set(recipients.map((r) => r.email))];
    const ids = recipients.map((r) => r.id);
    const target: ErasureTarget = {
      workspaceId,
      at,
      forms: addressForms(key, spellings),
      recipientIds: ids,
      copyIds: [...new Set(recipients.map((r) => r.copyId))],
      messageIds: [...new Set(recipients.map((r) => r.messageId))],
      eventIds: await listEventIdsOf(trx, ids),
    };
    const counts: ErasedCounts = {};
    for (const step of ERASURE_STEPS) counts[step.name] = await step.run(trx, target);
    if (Object.values(counts).every((n) => n === 0)) {
      fail('MB_ERR_NOT_FOUND', 'Nothing is known of that address in this workspace');
    }
    return { counts, target };
  });
  // A job already in hand (a batch of hits, a fan-out) may have written about the recipient
  // just before its commit: swept once more (and events by the hourly retention job too).
  await deps.db.transaction().execute(async (trx) => {
    const again = { ...target, eventIds: await listEventIdsOf(trx, target.recipientIds) };
    for (const step of ERASURE_STEPS.filter((s) => s.sweep)) {
      counts[step.name] = (counts[step.name] ?? 0) + (await step.run(trx, again));
    }
  });
  counts.hits = deps.hitLog ? await deps.hitLog.forgetRecipients(target.recipientIds) : 0;
  return counts;
}
