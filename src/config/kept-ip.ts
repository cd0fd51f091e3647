import { isIPv4, isIPv6 } from 'node:net';
import { ipv6Groups, unmappedIp } from './cidr.js';

/** TRACKING_IP: how much of a client's address may be written anywhere (DESIGN.md). */
export type TrackingIpMode = 'anonymize' | 'full' | 'none';

/**
 * The client's address as TRACKING_IP allows it to be kept: `anonymize` (the default) keeps the
 * network, not the host — IPv4 /24, IPv6 /48 —, `full` keeps it whole, `none` keeps nothing.
 * Part of the config module (the ground floor), so that the logger applies the same rule as the
 * hit log; imported through `config.ts`.
 */
export function keptIp(ip: string | undefined, mode: TrackingIpMode): string | null {
  if (!ip || mode === 'none') return null;
  const address = unmappedIp(ip);
  if (mode === 'full') return address;
  if (isIPv4(address)) return address.replace(/\.\d+$/, '.0');
  if (isIPv6(address)) {
    const network = ipv6Groups(address).slice(0, 3);
    return `${network.map((group) => group.toString(16)).join(':')}::`;
  }
  return null;
}
