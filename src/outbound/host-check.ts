import { lookup as dnsLookup } from 'node:dns';
import { isIP } from 'node:net';
import { forbiddenAddress } from './ip-ranges.js';

/** All addresses a host name resolves to (as the system resolver answers a connection). */
export type Resolver = (hostname: string) => Promise<string[]>;

/** The outbound policy a connector applies: ALLOW_PRIVATE_NETWORKS, and who answers for DNS. */
export interface OutboundPolicy {
  /** ALLOW_PRIVATE_NETWORKS: private and loopback hosts are allowed (tests, intranets). */
  readonly allowPrivate: boolean;
  /** Defaults to the system resolver (getaddrinfo, what a connection would ask). */
  readonly resolve?: Resolver;
}

/**
 * A host checked against the policy. `addresses`: what a connection may use, each checked
 * (connect to one of these, never to the name again: DNS may answer differently the second
 * time); null when the policy let the host through unchecked (ALLOW_PRIVATE_NETWORKS).
 */
export type HostCheck =
  | { readonly ok: true; readonly addresses: readonly string[] | null }
  | {
      readonly ok: false;
      readonly problem: 'forbidden' | 'unresolvable';
      /** Names the host, the address and the rule, e.g. `… resolves to a loopback address (127.0.0.1)`. */
      readonly reason: string;
    };

export const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => {
      if (error) reject(error);
      else resolve(addresses.map((a) => a.address));
    });
  });

/**
 * The host as a connection reads it: brackets dropped, lower case, and IPv4 written any way
 * `inet_aton` accepts (`2130706433`, `0x7f.1`, `127.1`) turned into dotted decimal by the WHATWG
 * host parser, as getaddrinfo would turn them into 127.0.0.1. A host the parser refuses is
 * returned trimmed, lower-cased: the resolver will refuse it too.
 */
export function canonicalHost(host: string): string {
  const bare = host.trim().replace(/^\[(.*)\]$/, '$1');
  try {
    const hostname = new URL(`http://${isIP(bare) === 6 ? `[${bare}]` : bare}/`).hostname;
    return hostname.replace(/^\[(.*)\]$/, '$1');
  } catch {
    return bare.toLowerCase();
  }
}

/** `localhost` and its subdomains are loopback by definition (RFC 6761), whatever DNS says. */
export function isLocalhostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

const refuse = (problem: 'forbidden' | 'unresolvable', reason: string): HostCheck => ({
  ok: false,
  problem,
  reason,
});

/**
 * What can be said of a host without DNS: undefined when it is a name to resolve or a public
 * address; else why it is refused (a `localhost` name, or a literal address in a refused range).
 */
export function literalHostRefusal(host: string): string | undefined {
  const canonical = canonicalHost(host);
  if (isLocalhostName(canonical)) return `${host.trim()} is this machine (loopback, RFC 6761)`;
  if (!isIP(canonical)) return undefined;
  const kind = forbiddenAddress(canonical);
  if (!kind) return undefined;
  const spelled = canonical === host.trim() ? '' : ` (${canonical})`;
  return `${host.trim()} is a ${kind} address${spelled}`;
}

/**
 * Whether a host can be reached by name at all: a literal address or `localhost` without DNS, a
 * name when the resolver gives it an address. What a save checks even with
 * ALLOW_PRIVATE_NETWORKS (which lets any address through, not a name that resolves to none).
 */
export async function hostResolves(host: string, policy: OutboundPolicy): Promise<boolean> {
  const canonical = canonicalHost(host);
  if (isIP(canonical) || isLocalhostName(canonical)) return true;
  try {
    return (await (policy.resolve ?? systemResolver)(canonical)).length > 0;
  } catch {
    return false;
  }
}

/**
 * Checks a host against the outbound policy: a literal address or `localhost` at once, a name
 * by resolving it and checking every address (a host with one public and one private address is
 * refused, as a connection may pick either). Never throws: a resolver failure is `unresolvable`.
 */
export async function checkOutboundHost(host: string, policy: OutboundPolicy): Promise<HostCheck> {
  if (policy.allowPrivate) return { ok: true, addresses: null };
  const refusal = literalHostRefusal(host);
  if (refusal) return refuse('forbidden', refusal);
  const canonical = canonicalHost(host);
  if (isIP(canonical)) return { ok: true, addresses: [canonical] };
  let addresses: string[];
  try {
    addresses = await (policy.resolve ?? systemResolver)(canonical);
  } catch {
    addresses = [];
  }
  if (addresses.length === 0) return refuse('unresolvable', `${host} does not resolve`);
  for (const address of addresses) {
    const kind = forbiddenAddress(address);
    if (kind) return refuse('forbidden', `${host} resolves to a ${kind} address (${address})`);
  }
  return { ok: true, addresses };
}
