import { fail, MailbeaconError } from '../errors.js';
import type { OutboundPolicy } from '../outbound/index.js';
import { type Db, deleteMailboxState, startMailboxPosition } from '../store/index.js';
import type { MailboxLogin } from '../workspace/index.js';
import {
  accountOf,
  COMMAND_TIMEOUT_MS,
  closeMailbox,
  type MailboxError,
  openMailbox,
  toMailboxError,
} from './connect.js';
import { findSentFolder } from './sent-folder.js';
import { reportMailbox } from './status.js';

/** The API's refusal for a mailbox that failed its check when saved. */
function refuse(error: MailboxError): never {
  if (error.problem === 'login_failed')
    fail('MB_ERR_MAILBOX_LOGIN_FAILED', `mailbox: ${error.message}`);
  if (error.problem === 'forbidden')
    fail('MB_ERR_MAILBOX_HOST_FORBIDDEN', `mailbox.host: ${error.message}`);
  if (error.problem === 'unresolvable') {
    fail('MB_ERR_MAILBOX_HOST_UNRESOLVABLE', `mailbox.host: ${error.message}`);
  }
  if (error.problem === 'no_sent_folder')
    fail('MB_ERR_MAILBOX_FOLDER_MISSING', `mailbox.sentFolder: ${error.message}`);
  fail('MB_ERR_MAILBOX_UNREACHABLE', `mailbox: ${error.message}`);
}

/**
 * Checks a shared mailbox as it is saved, with a real login (RFC 9051 §6.2.3), a STATUS of its
 * INBOX (§6.3.11) and a LIST that finds its Sent folder (findSentFolder), and starts reading the INBOX from there — replies that arrive from now on —
 * unless this account was being read already (a save that changed only the Sent folder). Records
 * the status. Throws a MailbeaconError (400): `mailbox_login_failed`, `mailbox_host_forbidden`,
 * `mailbox_host_unresolvable`, `mailbox_unreachable`, `mailbox_folder_missing`. `now`: epoch ms.
 */
export async function verifyMailbox(
  db: Db,
  workspaceId: string,
  login: MailboxLogin,
  policy: OutboundPolicy,
  now: number,
): Promise<void> {
  let client: Awaited<ReturnType<typeof openMailbox>> | undefined;
  try {
    client = await openMailbox(login, policy, COMMAND_TIMEOUT_MS);
    const inbox = await client.status('INBOX', { uidValidity: true, uidNext: true });
    if (!inbox || inbox.uidValidity === undefined || inbox.uidNext === undefined) {
      fail('MB_ERR_MAILBOX_UNREACHABLE', 'mailbox: the IMAP server gave no UIDVALIDITY for INBOX');
    }
    // The Sent folder the copies will go to must be there now: found later, the chat would say
    // "no Sent folder" for every message instead of the settings refusing it once.
    await findSentFolder(client, login.sentFolder);
    const account = accountOf(login);
    await startMailboxPosition(db, workspaceId, {
      account,
      uidValidity: Number(inbox.uidValidity),
      lastUid: Math.max(0, inbox.uidNext - 1),
    });
    await reportMailbox(db, workspaceId, account, now);
  } catch (error) {
    if (error instanceof MailbeaconError) throw error;
    refuse(toMailboxError(error));
  } finally {
    if (client) await closeMailbox(client);
  }
}

/** Forgets where the workspace's INBOX was read to and its status (its mailbox was removed). */
export async function forgetMailbox(db: Db, workspaceId: string): Promise<void> {
  await deleteMailboxState(db, workspaceId);
}
