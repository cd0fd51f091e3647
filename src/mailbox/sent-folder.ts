import type { ImapFlow } from 'imapflow';
import { MailboxError } from './connect.js';

/**
 * The Sent folder's path: the one named in the setting (by its path or its last name), else the
 * folder the server flags `\Sent` (RFC 6154 special-use; imapflow also recognises the usual
 * names on servers without SPECIAL-USE). Throws a MailboxError (`no_sent_folder`) when there is
 * none: we never create one, the team's mail client would not look there.
 */
export async function findSentFolder(client: ImapFlow, named: string | null): Promise<string> {
  const folders = await client.list();
  if (named !== null) {
    const folder = folders.find((f) => f.path === named) ?? folders.find((f) => f.name === named);
    if (folder) return folder.path;
    throw new MailboxError(
      'no_sent_folder',
      `the mailbox has no folder named ${JSON.stringify(named)}`,
    );
  }
  const flagged =
    folders.find((f) => f.specialUse === '\\Sent' && f.specialUseSource === 'extension') ??
    folders.find((f) => f.specialUse === '\\Sent');
  if (flagged) return flagged.path;
  throw new MailboxError(
    'no_sent_folder',
    'the mailbox has no folder flagged \\Sent; name one in the settings',
  );
}

/**
 * Appends the team's copy to `folder` (RFC 9051 §6.3.12 APPEND), flagged `\Seen` and dated when
 * it was sent, unless a mail with its Message-ID is there already: a job run again after its
 * append went through but its completion was lost puts it there once. Returns whether it
 * appended.
 */
export async function appendOnce(
  client: ImapFlow,
  folder: string,
  raw: Buffer,
  messageId: string,
  sentAt: Date,
): Promise<boolean> {
  const lock = await client.getMailboxLock(folder, { readOnly: true });
  let found: number[] | false | undefined;
  try {
    found = await client.search({ header: { 'message-id': messageId } }, { uid: true });
  } finally {
    lock.release();
  }
  if (Array.isArray(found) && found.length > 0) return false;
  const appended = await client.append(folder, raw, ['\\Seen'], sentAt);
  if (!appended) throw new MailboxError('protocol', 'the IMAP server refused the append');
  return true;
}
