import { isIPv4, isIPv6 } from 'node:net';
import { type Cidr, embeddedIpv4, networkHas, parseCidr, unmappedIp } from '../config.js';

/**
 * Address ranges no workspace-configured connection may reach (webhooks, a workspace's SMTP
 * relay, any later connector) unless ALLOW_PRIVATE_NETWORKS: everything that is not the public
 * internet, so a setting cannot point the server at itself, its intranet or a cloud metadata
 * endpoint (169.254.169.254). Sources: the IANA IPv4 and IPv6 special-purpose address registries
 * (RFC 6890 and their later entries), RFC 6052 and RFC 8215 (NAT64), RFC 3056 (6to4), RFC 4380
 * (Teredo), RFC 2765 (SIIT's IPv4-translated form). The policy lives here; parsing and matching
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
  // IETF protocol assignments, DS-Lite's B4 (192.0.0.0/29) and NAT64 discovery among them.
  range('192.0.0.0/24', 'reserved'),
  range('192.0.2.0/24', 'documentation'),
  // The 6to4 relays' anycast (RFC 7526 deprecated it): a translator, not a destination.
  range('192.88.99.0/24', '6to4 relay anycast'),
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
  // IPv4-compatible (deprecated by RFC 4291): nothing legitimate lives there.
  range('::/96', 'reserved'),
  // RFC 8215: the operator picks where the IPv4 address sits, so the whole prefix is refused.
  range('64:ff9b:1::/48', 'NAT64 (local use)'),
  range('100::/64', 'discard'),
  range('100:0:0:1::/64', 'dummy prefix'),
  // Teredo hides the client's IPv4 address (XORed): no way to check it, so it is refused whole.
  range('2001::/32', 'Teredo'),
  range('2001:2::/48', 'benchmarking'),
  range('2001:10::/28', 'ORCHID'),
  range('2001:db8::/32', 'documentation'),
  range('3fff::/20', 'documentation'),
  range('5f00::/16', 'segment routing (SRv6)'),
  range('fc00::/7', 'unique-local'),
  range('fe80::/10', 'link-local'),
  range('fec0::/10', 'site-local'),
  range('ff00::/8', 'multicast'),
];

/**
 * IPv6 ranges that carry an IPv4 address (besides the IPv4-mapped `::ffff:0:0/96`, which
 * config unmaps): that address decides. `at` is the bit where it starts.
 */
const EMBEDDING: readonly (Range & { readonly at: number })[] = [
  { ...range('::ffff:0:0:0/96', 'IPv4-translated'), at: 96 },
  { ...range('64:ff9b::/96', 'NAT64'), at: 96 },
  { ...range('2002::/16', '6to4'), at: 16 },
];

/**
 * Why no outbound connection may go to `address` (`"loopback"`, `"private"`,
 * `"loopback (NAT64)"`, …), or undefined for a public address. Anything that is not an IP
 * address at all is refused too (`"not an IP address"`).
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
