import { isIPv4, isIPv6 } from 'node:net';
import { type Cidr, embeddedIpv4, networkHas, parseCidr, unmappedIp } from '../../config.js';

/**
 * Address ranges a webhook may not reach (unless WEBHOOK_ALLOW_PRIVATE): everything that is not
 * the public internet, so a subscription cannot be pointed at the server itself, its intranet or
 * a cloud metadata endpoint (169.254.169.254). The policy lives here; parsing and matching
 * addresses is config's (cidr.ts).
 */
interface Range {
  readonly network: Cidr;
  readonly kind: string;
}

const range = (cidr: string, kind: string): Range => ({ network: parseCidr(cidr), kind });

const V4: readonly Range[] = [
  range('0.0.0.0/8', 'unspecified'),
  range('10.0.0.0/8', 'private'),
  range('100.64.0.0/10', 'shared (CGNAT)'),
  range('127.0.0.0/8', 'loopback'),
  range('169.254.0.0/16', 'link-local'),
  range('172.16.0.0/12', 'private'),
  range('192.0.0.0/24', 'reserved'),
  range('192.0.2.0/24', 'documentation'),
  range('192.168.0.0/16', 'private'),
  range('198.18.0.0/15', 'benchmarking'),
  range('198.51.100.0/24', 'documentation'),
  range('203.0.113.0/24', 'documentation'),
  range('224.0.0.0/4', 'multicast'),
  // Includes the broadcast address 255.255.255.255.
  range('240.0.0.0/4', 'reserved'),
];

const V6: readonly Range[] = [
  range('::/128', 'unspecified'),
  range('::1/128', 'loopback'),
  // IPv4-compatible (deprecated): nothing legitimate lives there.
  range('::/96', 'reserved'),
  range('64:ff9b:1::/48', 'NAT64 (local use)'),
  range('100::/64', 'discard'),
  range('2001::/32', 'Teredo'),
  range('2001:db8::/32', 'documentation'),
  range('fc00::/7', 'unique-local'),
  range('fe80::/10', 'link-local'),
  range('fec0::/10', 'site-local'),
  range('ff00::/8', 'multicast'),
];

/**
 * IPv6 ranges that carry an IPv4 address (besides the IPv4-mapped ones, which config unmaps):
 * that address decides. `at` is the bit where it starts.
 */
const EMBEDDING: readonly (Range & { readonly at: number })[] = [
  { ...range('::ffff:0:0:0/96', 'IPv4-translated'), at: 96 },
  { ...range('64:ff9b::/96', 'NAT64'), at: 96 },
  { ...range('2002::/16', '6to4'), at: 16 },
];

/**
 * Why the address may not be a webhook target (`"loopback"`, `"private"`, …), or undefined for
 * a public address. Anything that is not an IP address at all is refused too.
 */
export function forbiddenAddress(address: string): string | undefined {
  if (isIPv4(address)) return kindOf(address, V4);
  if (!isIPv6(address)) return 'not an IP address';
  const unmapped = unmappedIp(address);
  if (unmapped !== address) return embeddedKind(unmapped, 'IPv4-mapped');
  for (const { network, kind, at } of EMBEDDING) {
    if (networkHas(network, address)) return embeddedKind(embeddedIpv4(address, at), kind);
  }
  return kindOf(address, V6);
}

/** The kind of the IPv4 address an IPv6 one carries, saying how it carries it. */
function embeddedKind(ipv4: string, carrier: string): string | undefined {
  const kind = kindOf(ipv4, V4);
  return kind === undefined ? undefined : `${kind} (${carrier})`;
}

function kindOf(address: string, ranges: readonly Range[]): string | undefined {
  return ranges.find(({ network }) => networkHas(network, address))?.kind;
}
