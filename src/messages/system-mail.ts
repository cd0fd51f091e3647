import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { AccountMail } from '../accounts/index.js';
import { type Address, isValidEmail, streamMime } from '../mail/index.js';
import type { Store } from '../store/index.js';
import { type WorkspaceSettings, workspaceSettings } from '../workspace/index.js';
import type { RelayPool } from './relays.js';
import { messageIdFor } from './send.js';

/**
 * Mail the service itself sends a user (a password reset link), through their workspace's relay
 * the way its messages go out: its own SMTP relay when set, else the installation's (SMTP_URL, or
 * the dev inbox, which files it under the workspace).
 */
export interface SystemMailer {
  /** Sends `mail` now; throws the relay's SmtpFailure when it was not taken. */
  send(workspaceId: string, mail: AccountMail): Promise<void>;
  /**
   * Runs `task` in the background, after the caller has answered: its time never shows in the
   * answer (no enumeration by timing). A failure is logged as `what`, without the error's
   * details' secrets (the task's own values are never logged).
   */
  background(what: string, task: () => Promise<void>): void;
  /** Resolves once every background task started so far has settled: what tests wait on. */
  idle(): Promise<void>;
}

export interface SystemMailerDeps {
  readonly store: Store;
  readonly relays: RelayPool;
  /** PUBLIC_URL: its host names the fallback sender. */
  readonly publicUrl: string;
  readonly log: FastifyBaseLogger;
  /** The service's clock (epoch ms): the Date header. */
  readonly now: () => number;
}

/**
 * Who system mail is from. No installation-wide sender exists: the workspace's default sender's
 * address when it has one (its relay is known to accept it, since its messages go from it),
 * else `no-reply@` the host of PUBLIC_URL; named "Mailbeacon" either way, so it is not taken for
 * a colleague's mail. A host that makes no mail domain (an IP address, `localhost`: a developer's
 * setup) gives `no-reply@mailbeacon.invalid`, a name reserved never to exist (RFC 2606).
 */
export function systemSender(settings: WorkspaceSettings, publicUrl: string): Address {
  const fromHost = `no-reply@${new URL(publicUrl).hostname}`;
  const fallback = isValidEmail(fromHost) ? fromHost : 'no-reply@mailbeacon.invalid';
  return { name: 'Mailbeacon', email: settings.defaultSender?.email ?? fallback };
}

export function createSystemMailer(deps: SystemMailerDeps): SystemMailer {
  const pending = new Set<Promise<void>>();
  const send = async (workspaceId: string, mail: AccountMail) => {
    const settings = await workspaceSettings(deps.store.db, workspaceId);
    const from = systemSender(settings, deps.publicUrl);
    const raw = streamMime({
      from,
      to: [mail.to],
      cc: [],
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      attachments: [],
      inline: [],
      messageId: messageIdFor(randomUUID(), from.email),
      date: new Date(deps.now()),
    });
    const sender = deps.relays.senderFor(workspaceId, settings);
    await sender.send({ from: from.email, to: [mail.to.email] }, raw);
  };
  return {
    send,
    background(what, task) {
      const run = task().catch((error: unknown) => {
        // The error only: a relay's reply or a database failure, never the mail or its link.
        deps.log.warn({ err: error }, `${what} failed`);
      });
      pending.add(run);
      void run.finally(() => pending.delete(run));
    },
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
