import { isIPv4, isIPv6 } from 'node:net';
import { type TrackingIpMode, unmappedIp } from '../config.js';

/**
 * The client's address as TRACKING_IP allows it to be kept: `anonymize` (the default) keeps the
 * network, not the host — IPv4 /24, IPv6 /48 —, `full` keeps it whole, `none` keeps nothing.
 */
export function keptIp(ip: string | undefined, mode: TrackingIpMode): string | null {
  if (!ip || mode === 'none') return null;
  const address = unmappedIp(ip);
  if (mode === 'full') return address;
  if (isIPv4(address)) return address.replace(/\.\d+$/, '.0');
  if (isIPv6(address)) return `${expandIPv6(address).slice(0, 3).join(':')}::`;
  return null;
}

function expandIPv6(address: string): string[] {
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') ? (tail ? tail.split(':') : []) : [];
  const missing = 8 - left.length - right.length;
  return [...left, ...Array(Math.max(0, missing)).fill('0'), ...right].map((group) =>
    group.toLowerCase().replace(/^0+(?=.)/, ''),
  );
}
