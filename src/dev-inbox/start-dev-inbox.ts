import type { FastifyBaseLogger } from 'fastify';
import type { BlobStore } from '../blobs/index.js';
import type { Keyring } from '../keyring/index.js';
import { type DevSmtpServer, startDevSmtpServer } from '../mail/index.js';
import type { Store } from '../store/index.js';
import { createDevInbox, type DevInbox } from './create-dev-inbox.js';
import { devInboxLogin, workspaceOfLogin } from './login.js';

/** The largest mail the dev inbox takes, in bytes: a few maximal attachments, base64-encoded. */
const DEV_INBOX_MAX_BYTES = 200 * 1024 * 1024;

export interface RunningDevInbox {
  readonly inbox: DevInbox;
  readonly smtp: DevSmtpServer;
  /**
   * Where this node's relay for a workspace's mail reaches it: `smtp://login@host:port` with the
   * workspace's login (devInboxLogin), so the mail is filed under that workspace.
   */
  urlFor(workspaceId: string): string;
}

/** Where this node reaches a server of its own that listens on `host` (any address: loopback). */
function loopbackFor(host: string): string {
  return host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
}

/**
 * The embedded dev inbox, listening for SMTP on `host:port` (port 0: any free one), keeping
 * every mail it receives in `store` and `blobs`. Close it with `smtp.close()`.
 */
export async function startDevInbox(options: {
  readonly store: Store;
  readonly blobs: BlobStore;
  readonly keyring: Keyring;
  readonly host: string;
  readonly port: number;
  readonly log: FastifyBaseLogger;
}): Promise<RunningDevInbox> {
  const inbox = createDevInbox(options.store, options.blobs);
  const smtp = await startDevSmtpServer({
    host: options.host,
    port: options.port,
    maxBytes: DEV_INBOX_MAX_BYTES,
    onMessage: (mail) => inbox.receive(mail),
    authenticate: (username, password) => workspaceOfLogin(options.keyring, username, password),
  });
  options.log.info({ port: smtp.port }, 'dev inbox catches all mail (SMTP_URL is unset)');
  const urlFor = (workspaceId: string) => {
    const url = new URL(`smtp://${loopbackFor(options.host)}:${smtp.port}`);
    const login = devInboxLogin(options.keyring, workspaceId);
    url.username = encodeURIComponent(login.username);
    url.password = encodeURIComponent(login.password);
    return url.href;
  };
  return { inbox, smtp, urlFor };
}
