import { fail } from '../errors.js';
import { checkOutboundHost, type OutboundPolicy } from '../outbound/index.js';

/**
 * Refuses a workspace relay host the outbound policy forbids, when it is saved (the send checks
 * it again before each connection, as DNS may change): `400 relay_host_forbidden` naming the
 * host, the address and the rule; `400 relay_host_unresolvable` for a name DNS does not know.
 */
export async function checkRelayHost(host: string, policy: OutboundPolicy): Promise<void> {
  const check = await checkOutboundHost(host, policy);
  if (check.ok) return;
  if (check.problem === 'unresolvable') {
    fail('MB_ERR_RELAY_HOST_UNRESOLVABLE', `smtpRelay.host: ${check.reason}`);
  }
  fail(
    'MB_ERR_RELAY_HOST_FORBIDDEN',
    `smtpRelay.host: ${check.reason}; a workspace relay may reach public addresses only (ALLOW_PRIVATE_NETWORKS)`,
  );
}

/**
 * Refuses a shared mailbox's IMAP host the outbound policy forbids, when it is saved (each
 * connection checks it again): `400 mailbox_host_forbidden` naming the host, the address and the
 * rule; `400 mailbox_host_unresolvable` for a name DNS does not know.
 */
export async function checkMailboxHost(host: string, policy: OutboundPolicy): Promise<void> {
  const check = await checkOutboundHost(host, policy);
  if (check.ok) return;
  if (check.problem === 'unresolvable') {
    fail('MB_ERR_MAILBOX_HOST_UNRESOLVABLE', `mailbox.host: ${check.reason}`);
  }
  fail(
    'MB_ERR_MAILBOX_HOST_FORBIDDEN',
    `mailbox.host: ${check.reason}; a shared mailbox may be on public addresses only (ALLOW_PRIVATE_NETWORKS)`,
  );
}
