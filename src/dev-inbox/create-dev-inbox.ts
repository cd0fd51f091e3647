import { buffer } from 'node:stream/consumers';
import type { BlobStore } from '../blobs/index.js';
import {
  type DevInboxRow,
  findDevInboxMail,
  insertDevInboxMail,
  listDevInbox,
  newId,
  type Store,
} from '../store/index.js';
import { openMail } from './open-mail.js';

export interface DevInbox {
  /**
   * Called by the dev SMTP server for each received mail (its `onMessage`); `login` is the
   * workspace its login proved (devInboxLogin), undefined for mail nobody's workspace sent.
   */
  receive(mail: {
    raw: Buffer;
    envelope: { from: string; to: string[] };
    login?: string;
  }): Promise<void>;
  /** The workspace's mail, newest first. */
  list(workspaceId: string, limit: number): Promise<DevInboxRow[]>;
  /** One mail of the workspace; undefined for another workspace's, or nobody's. */
  find(workspaceId: string, id: string): Promise<DevInboxRow | undefined>;
  /** The mail's source exactly as received (read whole: dev inbox mails are small). */
  raw(workspaceId: string, id: string): Promise<Buffer | undefined>;
}

/**
 * The mails the embedded SMTP server catches: the source in the blob store, a row with what the
 * listing shows and the workspace that sent it. A mail mailparser cannot read is kept all the
 * same, with empty headers: the inbox is where a newcomer looks for what was sent, so it never
 * drops anything. A failure to store throws, so the SMTP client gets a 451 and sends again.
 */
export function createDevInbox(store: Store, blobs: BlobStore): DevInbox {
  return {
    async receive({ raw, envelope, login }) {
      const receivedAt = Date.now();
      const mail = await openMail(raw);
      const blob = await blobs.putBuffer(raw);
      await insertDevInboxMail(store.db, {
        id: newId(receivedAt),
        receivedAt,
        envelopeFrom: envelope.from,
        envelopeTo: JSON.stringify(envelope.to),
        headerFrom: mail.from,
        headerTo: mail.to,
        subject: mail.subject,
        size: raw.length,
        blobKey: blob.key,
        workspaceId: login ?? null,
      });
    },
    list: (workspaceId, limit) => listDevInbox(store.db, workspaceId, limit),
    find: (workspaceId, id) => findDevInboxMail(store.db, workspaceId, id),
    async raw(workspaceId, id) {
      const row = await findDevInboxMail(store.db, workspaceId, id);
      const opened = row && (await blobs.open(row.blobKey));
      return opened && buffer(opened.stream);
    },
  };
}
