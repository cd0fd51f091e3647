import { createHash } from 'node:crypto';
import type { Keyring } from '../keyring/index.js';
import { createSmtpSender, type SmtpSender } from '../mail/index.js';
import type { OutboundPolicy } from '../outbound/index.js';
import {
  decryptSmtpPassword,
  type SmtpRelaySettings,
  type WorkspaceSettings,
} from '../workspace/index.js';

/**
 * The SMTP relay each workspace's mail leaves through: its own relay when its settings name one,
 * else the installation's (SMTP_URL, or the embedded dev inbox). Senders are reused while the
 * settings stay the same.
 */
export interface RelayPool {
  senderFor(workspaceId: string, settings: WorkspaceSettings): SmtpSender;
  close(): Promise<void>;
}

function relayUrl(keyring: Keyring, relay: SmtpRelaySettings): string {
  const scheme = relay.security === 'tls' ? 'smtps' : 'smtp';
  const url = new URL(`${scheme}://${relay.host}:${relay.port}`);
  if (relay.username) url.username = relay.username;
  const password = relay.passwordEncrypted
    ? decryptSmtpPassword(keyring, relay.passwordEncrypted)
    : undefined;
  if (password !== undefined) url.password = password;
  const tls: string[] = [];
  if (relay.security !== 'none') tls.push('required');
  if (relay.allowInvalidCertificate) tls.push('insecure');
  if (tls.length > 0) url.searchParams.set('tls', tls.join(','));
  return url.href;
}

/**
 * The pool. `installation` is the relay of workspaces without their own: SMTP_URL, or a function
 * of the workspace (the dev inbox, which files each workspace's mail under its own login); it is
 * the operator's, not a workspace's choice, and is not checked. `outbound` is the policy a
 * workspace's own relay is held to before every connection (ALLOW_PRIVATE_NETWORKS).
 */
export function createRelayPool(
  keyring: Keyring,
  installation: string | ((workspaceId: string) => string),
  outbound: OutboundPolicy,
): RelayPool {
  const fallbacks = new Map<string, SmtpSender>();
  const fallbackFor = (workspaceId: string) => {
    const url = typeof installation === 'string' ? installation : installation(workspaceId);
    const sender = fallbacks.get(url) ?? createSmtpSender(url);
    fallbacks.set(url, sender);
    return sender;
  };
  const own = new Map<string, { fingerprint: string; sender: SmtpSender }>();
  return {
    senderFor(workspaceId, settings) {
      const relay = settings.smtpRelay;
      if (!relay) return fallbackFor(workspaceId);
      const fingerprint = createHash('sha256').update(JSON.stringify(relay)).digest('hex');
      const cached = own.get(workspaceId);
      if (cached?.fingerprint === fingerprint) return cached.sender;
      if (cached) void cached.sender.close();
      const sender = createSmtpSender(relayUrl(keyring, relay), { outbound });
      own.set(workspaceId, { fingerprint, sender });
      return sender;
    },
    async close() {
      await Promise.all([
        ...[...fallbacks.values()].map((sender) => sender.close()),
        ...[...own.values()].map((entry) => entry.sender.close()),
      ]);
    },
  };
}
