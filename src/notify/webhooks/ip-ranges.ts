import { isIPv4, isIPv6 } from 'node:net';
import { ipv6Groups } from '../../config.js';

/**
 * Address ranges a webhook may not reach (unless WEBHOOK_ALLOW_PRIVATE): everything that is not
 * the public internet, so a subscription cannot be pointed at the server itself, its intranet or
 * a cloud metadata endpoint (169.254.169.254).
 */
interface Range {
  readonly base: bigint;
  readonly bits: number;
  readonly kind: string;
}

const V4: readonly Range[] = [
  v4('0.0.0.0', 8, 'unspecified'),
  v4('10.0.0.0', 8, 'private'),
  v4('100.64.0.0', 10, 'shared (CGNAT)'),
  v4('127.0.0.0', 8, 'loopback'),
  v4('169.254.0.0', 16, 'link-local'),
  v4('172.16.0.0', 12, 'private'),
  v4('192.0.0.0', 24, 'reserved'),
  v4('192.0.2.0', 24, 'documentation'),
  v4('192.168.0.0', 16, 'private'),
  v4('198.18.0.0', 15, 'benchmarking'),
  v4('198.51.100.0', 24, 'documentation'),
  v4('203.0.113.0', 24, 'documentation'),
  v4('224.0.0.0', 4, 'multicast'),
  // Includes the broadcast address 255.255.255.255.
  v4('240.0.0.0', 4, 'reserved'),
];

const V6: readonly Range[] = [
  v6('::', 128, 'unspecified'),
  v6('::1', 128, 'loopback'),
  // IPv4-compatible (deprecated): nothing legitimate lives there.
  v6('::', 96, 'reserved'),
  v6('64:ff9b:1::', 48, 'NAT64 (local use)'),
  v6('100::', 64, 'discard'),
  v6('2001::', 32, 'Teredo'),
  v6('2001:db8::', 32, 'documentation'),
  v6('fc00::', 7, 'unique-local'),
  v6('fe80::', 10, 'link-local'),
  v6('fec0::', 10, 'site-local'),
  v6('ff00::', 8, 'multicast'),
];

/** Ranges that carry an IPv4 address inside them: that address decides. */
const EMBEDDING: readonly { range: Range; shift: bigint }[] = [
  { range: v6('::ffff:0:0', 96, 'IPv4-mapped'), shift: 0n },
  { range: v6('64:ff9b::', 96, 'NAT64'), shift: 0n },
  { range: v6('2002::', 16, '6to4'), shift: 80n },
];

/**
 * Why the address may not be a webhook target (`"loopback"`, `"private"`, …), or undefined for
 * a public address. Anything that is not an IP address at all is refused too.
 */
export function forbiddenAddress(address: string): string | undefined {
  if (isIPv4(address)) return kindOf(ipv4ToBigInt(address), 32, V4);
  if (!isIPv6(address)) return 'not an IP address';
  const value = ipv6ToBigInt(address);
  for (const { range, shift } of EMBEDDING) {
    if (inRange(value, 128, range)) {
      const embedded = (value >> shift) & 0xffffffffn;
      const kind = kindOf(embedded, 32, V4);
      return kind === undefined ? undefined : `${kind} (${range.kind})`;
    }
  }
  return kindOf(value, 128, V6);
}

function kindOf(value: bigint, width: number, ranges: readonly Range[]): string | undefined {
  return ranges.find((range) => inRange(value, width, range))?.kind;
}

function inRange(value: bigint, width: number, range: Range): boolean {
  const shift = BigInt(width - range.bits);
  return value >> shift === range.base >> shift;
}

function v4(address: string, bits: number, kind: string): Range {
  return { base: ipv4ToBigInt(address), bits, kind };
}

function v6(address: string, bits: number, kind: string): Range {
  return { base: ipv6ToBigInt(address), bits, kind };
}

function ipv4ToBigInt(address: string): bigint {
  return address.split('.').reduce((value, part) => (value << 8n) | BigInt(Number(part)), 0n);
}

/** A valid IPv6 address (as `isIPv6` accepts it) as a 128-bit number. */
function ipv6ToBigInt(address: string): bigint {
  return ipv6Groups(address).reduce((value, group) => (value << 16n) | BigInt(group), 0n);
}
