import { type Db, findMailboxState, setMailboxStatus } from '../store/index.js';
import type { MailboxError } from './connect.js';

/** The shared mailbox's health as the settings show it. */
export interface MailboxStatus {
  /** Whether the last login, Sent append or watch went well. */
  readonly ok: boolean;
  /** What went wrong last (fixed words, no secret); null when ok. */
  readonly error: string | null;
  /** When it was last seen, epoch ms. */
  readonly checkedAt: number;
}

/** The workspace mailbox's status; null before anything was tried. */
export async function mailboxStatus(db: Db, workspaceId: string): Promise<MailboxStatus | null> {
  const state = await findMailboxState(db, workspaceId);
  if (!state || state.statusOk === null || state.checkedAt === null) return null;
  return { ok: state.statusOk === 1, error: state.statusError, checkedAt: state.checkedAt };
}

/** Records that the mailbox worked (`error` undefined) or how it failed, at `at` (epoch ms). */
export async function reportMailbox(
  db: Db,
  workspaceId: string,
  account: string,
  at: number,
  error?: MailboxError,
): Promise<void> {
  await setMailboxStatus(db, workspaceId, account, { error: error?.message ?? null, at });
}
