/**
 * IP addresses and CIDR networks as the settings write them (TRUST_PROXY, a workspace's internal
 * networks) and the classifier matches them: one parser, so that a network the settings accept
 * is a network the classifier reads the same way. Part of the config module (the ground floor):
 * imported through `config.ts`, which re-exports it.
 *
 * - `a.b.c.d/n` (n from 0 to 32), `x::/n` (n from 0 to 128), or a bare address: that one host.
 * - The prefix is decimal digits; leading zeros do not change it (`/08` is `/8`), as the proxy
 *   check that TRUST_PROXY feeds (proxy-addr) reads it too.
 * - An IPv4-mapped address (`::ffff:a.b.c.d`, or in hex `::ffff:a00:1`) is its IPv4 address,
 *   and its prefix counts the 96 bits of the mapping: `::ffff:10.0.0.0/104` is `10.0.0.0/8`. A
 *   mapped network with a prefix under 96 would reach past the mapped addresses into plain IPv6
 *   (proxy-addr would read `::ffff:a00:1/64` as `::/64`, holding `::1`), and is refused.
 * - A zone (`fe80::1%eth0`) names an interface of one host, not a network: refused in networks.
 */
import { isIPv4, isIPv6 } from 'node:net';

export interface Cidr {
  readonly address: string;
  readonly prefix: number;
  readonly family: 4 | 6;
}

const DOTTED_MAPPED = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;
/** The bits `::ffff:` stands for in front of a mapped IPv4 address. */
const MAPPED_BITS = 96;
const IPV4_MASK = 0xffffffffn;

/**
 * The plain address of an IPv4-mapped IPv6 address, dotted or hex (`::ffff:1.2.3.4` and
 * `::ffff:102:304` → `1.2.3.4`), else the input.
 */
export function unmappedIp(ip: string): string {
  const dotted = DOTTED_MAPPED.exec(ip)?.[1];
  if (dotted !== undefined) return dotted;
  // A mapped address spells ffff; the others (most IPv6 hits) skip the parse.
  if (!/ffff/i.test(ip) || !isIPv6(ip)) return ip;
  const value = ipv6Value(ip);
  return value >> 32n === 0xffffn ? ipv4Text(value & IPV4_MASK) : ip;
}

/** Parses `a.b.c.d/n`, `x::/n` or a bare address; throws an Error naming the text and the fault. */
export function parseCidr(text: string): Cidr {
  const [written = '', rawPrefix, extra] = text.trim().split('/');
  if (written.includes('%') && isIPv6(written)) {
    throw new Error(
      `${JSON.stringify(text)}: a network is written without a zone (the part from %)`,
    );
  }
  const address = unmappedIp(written);
  const mapped = address !== written;
  const family = isIPv4(address) ? 4 : isIPv6(address) ? 6 : undefined;
  if (!family || extra !== undefined) {
    throw new Error(`${JSON.stringify(text)} is not an IP address or CIDR range`);
  }
  const max = family === 4 ? 32 : 128;
  if (rawPrefix === undefined) return { address, prefix: max, family };
  const low = mapped ? MAPPED_BITS : 0;
  const high = mapped ? MAPPED_BITS + max : max;
  const prefix = Number(rawPrefix);
  if (!/^\d+$/.test(rawPrefix) || prefix < low || prefix > high) {
    const what = mapped ? 'an IPv4-mapped address takes' : 'the prefix length is';
    throw new Error(`${JSON.stringify(text)}: ${what} a whole number from ${low} to ${high}`);
  }
  return { address, prefix: prefix - low, family };
}

/** Whether `text` is an IP address or a CIDR range that parseCidr takes. */
export function isValidNetwork(text: string): boolean {
  try {
    parseCidr(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The eight 16-bit groups of a valid IPv6 address, as isIPv6 takes it: `::` expanded, a zone
 * (`%eth0`) dropped, a dotted IPv4 tail (`::ffff:127.0.0.1`) read as its two groups.
 */
export function ipv6Groups(address: string): number[] {
  let text = address.split('%')[0]!;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const [a = 0, b = 0, c = 0, d = 0] = tail.split('.').map(Number);
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const restGroups = rest === undefined || rest === '' ? [] : rest.split(':');
  const zeros = rest === undefined ? 0 : 8 - headGroups.length - restGroups.length;
  return [...headGroups, ...Array<string>(zeros).fill('0'), ...restGroups].map((group) =>
    Number.parseInt(group, 16),
  );
}

/** Whether `network` holds `address`; an IPv4-mapped address is its IPv4 address, as in parseCidr. */
export function networkHas(network: Cidr, address: string): boolean {
  const plain = unmappedIp(address);
  if (network.family === 4 ? !isIPv4(plain) : !isIPv6(plain)) return false;
  const shift = BigInt((network.family === 4 ? 32 : 128) - network.prefix);
  return addressValue(plain) >> shift === addressValue(network.address) >> shift;
}

/**
 * The IPv4 address an IPv6 address carries in its 32 bits from bit `offset` (NAT64's
 * `64:ff9b::/96` carries it at 96, 6to4's `2002::/16` at 16).
 */
export function embeddedIpv4(address: string, offset: number): string {
  return ipv4Text((ipv6Value(address) >> BigInt(MAPPED_BITS - offset)) & IPV4_MASK);
}

/** A valid address as a number: 32 bits for IPv4, 128 for IPv6. */
function addressValue(address: string): bigint {
  if (!isIPv4(address)) return ipv6Value(address);
  return address.split('.').reduce((value, part) => (value << 8n) | BigInt(Number(part)), 0n);
}

function ipv6Value(address: string): bigint {
  return ipv6Groups(address).reduce((value, group) => (value << 16n) | BigInt(group), 0n);
}

function ipv4Text(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => (value >> shift) & 0xffn).join('.');
}
