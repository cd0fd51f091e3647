import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { parseCidr, unmappedIp } from '../../config.js';
import { Lru } from '../../lru.js';
import { keptIp } from '../client-ip.js';

/** A set of CIDR networks, IPv4 and IPv6, answering membership in constant-ish time. */
export interface NetworkSet {
  has(ip: string | undefined): boolean;
  readonly size: number;
}

/** Addresses whose answer a set remembers (then it starts afresh): bounded memory. */
const MEMO_SIZE = 10_000;

/** IPv4 /24 and IPv6 /48: what an anonymised address keeps (TRACKING_IP=anonymize). */
const KEPT_PREFIX = { 4: 24, 6: 48 } as const;

/**
 * Builds a set from CIDR strings; a malformed entry throws, naming it.
 *
 * Hits are classified from the address as stored, anonymised by default to its /24 (/48): the
 * network's first address. So a listed network narrower than that (a scanner's /28, one host's
 * /32) also matches the first address of the /24 (/48) it lies in, or an anonymised hit from it
 * would never match. The price: other hosts of that /24 match too, which only widens a listed
 * neighbourhood, never invents one.
 */
export function networkSet(cidrs: readonly string[]): NetworkSet {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const { address, prefix, family } = parseCidr(cidr);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    list.addSubnet(address, prefix, type);
    if (prefix > KEPT_PREFIX[family]) {
      const kept = keptIp(address, 'anonymize');
      if (kept) list.addAddress(kept, type);
    }
  }
  const check = (ip: string) => {
    const address = unmappedIp(ip.trim());
    if (isIPv4(address)) return list.check(address, 'ipv4');
    if (isIPv6(address)) return list.check(address, 'ipv6');
    return false;
  };
  // Stored addresses are anonymised to their /24 (/48), so the same few recur hit after hit;
  // BlockList builds an address object per check, which cost the processing stage more than
  // any other part of classification.
  const answers = new Lru<string, boolean>(MEMO_SIZE);
  return {
    size: cidrs.length,
    has(ip) {
      if (!ip) return false;
      let answer = answers.peek(ip);
      if (answer === undefined) {
        answer = check(ip);
        answers.set(ip, answer);
      }
      return answer;
    },
  };
}

/**
 * The network an address belongs to as stored anonymised (IPv4 /24, IPv6 /48), so a full IP and
 * a stored one compare equal. Undefined when there is no usable address.
 */
export function sourceNetwork(ip: string | undefined): string | undefined {
  if (!ip) return undefined;
  // Compared pairwise over each copy's history, the same few addresses are parsed again and
  // again: remembered (bounded like the network sets' answers), each is parsed once.
  let network = networks.peek(ip);
  if (network === undefined) {
    network = keptIp(ip, 'anonymize') ?? '';
    networks.set(ip, network);
  }
  return network || undefined;
}
const networks = new Lru<string, string>(MEMO_SIZE);

/** Whether two addresses come from one network (see sourceNetwork); false when either is unusable. */
export function sameSource(a: string | undefined, b: string | undefined): boolean {
  const left = sourceNetwork(a);
  return left !== undefined && left === sourceNetwork(b);
}
