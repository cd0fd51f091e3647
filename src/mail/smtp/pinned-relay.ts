import { isIP } from 'node:net';
import { canonicalHost, checkOutboundHost, type OutboundPolicy } from '../../outbound/index.js';
import { OUTBOUND_FORBIDDEN } from './to-smtp-failure.js';

/** Where one connection to a checked relay goes, and the name its TLS verifies. */
export interface PinnedRelay {
  /** The address checked (or the host itself, when the policy let it through unchecked). */
  readonly host: string;
  /** The relay's name, for SNI and the certificate check, when `host` is its address. */
  readonly servername?: string;
}

/**
 * Resolves `host` and checks every address against the outbound policy, just before a
 * connection; the connection then goes to the first address checked, so DNS answering
 * differently a moment later (rebinding) cannot slip a private address in. Throws an error
 * shaped as nodemailer's (stage CONN) for toSmtpFailure: code EOUTBOUNDFORBIDDEN for a refused
 * host, EDNS for one that does not resolve.
 */
export async function pinnedRelay(host: string, policy: OutboundPolicy): Promise<PinnedRelay> {
  const check = await checkOutboundHost(host, policy);
  if (!check.ok) {
    const code = check.problem === 'forbidden' ? OUTBOUND_FORBIDDEN : 'EDNS';
    throw Object.assign(new Error(check.reason), { code, command: 'CONN' });
  }
  const address = check.addresses?.[0];
  if (address === undefined) return { host };
  // SNI carries names only (RFC 6066 §3): an address written as the host verifies as itself.
  const name = canonicalHost(host);
  return isIP(name) ? { host: address } : { host: address, servername: name };
}
