import { type ErrorName, fail } from '../errors.js';
import { checkOutboundHost, hostResolves, type OutboundPolicy } from '../outbound/index.js';

/** How one connector's host refusals are worded: its field and its two error codes. */
interface HostRefusals {
  readonly field: string;
  readonly forbidden: ErrorName;
  readonly unresolvable: ErrorName;
  /** What may be on public addresses only, for the message. */
  readonly what: string;
}

/**
 * Refuses a host the outbound policy forbids, or a name that does not resolve, worded for its
 * connector (see the callers). ALLOW_PRIVATE_NETWORKS lets private addresses through unchecked,
 * but a name DNS does not know is refused all the same: saved, it would only fail at each send.
 */
async function checkHost(host: string, policy: OutboundPolicy, words: HostRefusals): Promise<void> {
  const check = await checkOutboundHost(host, policy);
  if (check.ok && check.addresses === null && !(await hostResolves(host, policy))) {
    fail(words.unresolvable, `${words.field}: ${host} does not resolve`);
  }
  if (check.ok) return;
  if (check.problem === 'unresolvable') fail(words.unresolvable, `${words.field}: ${check.reason}`);
  fail(
    words.forbidden,
    `${words.field}: ${check.reason}; ${words.what} may reach public addresses only (ALLOW_PRIVATE_NETWORKS)`,
  );
}

/**
 * Refuses a workspace relay host the outbound policy forbids, when it is saved (the send checks
 * it again before each connection, as DNS may change): `400 relay_host_forbidden` naming the
 * host, the address and the rule; `400 relay_host_unresolvable` for a name DNS does not know.
 */
export function checkRelayHost(host: string, policy: OutboundPolicy): Promise<void> {
  return checkHost(host, policy, {
    field: 'smtpRelay.host',
    forbidden: 'MB_ERR_RELAY_HOST_FORBIDDEN',
    unresolvable: 'MB_ERR_RELAY_HOST_UNRESOLVABLE',
    what: 'a workspace relay',
  });
}

/**
 * Refuses a shared mailbox's IMAP host the outbound policy forbids, when it is saved (each
 * connection checks it again): `400 mailbox_host_forbidden` naming the host, the address and the
 * rule; `400 mailbox_host_unresolvable` for a name DNS does not know.
 */
export function checkMailboxHost(host: string, policy: OutboundPolicy): Promise<void> {
  return checkHost(host, policy, {
    field: 'mailbox.host',
    forbidden: 'MB_ERR_MAILBOX_HOST_FORBIDDEN',
    unresolvable: 'MB_ERR_MAILBOX_HOST_UNRESOLVABLE',
    what: 'a shared mailbox',
  });
}
