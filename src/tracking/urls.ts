import type { Keyring } from '../keyring/index.js';
import { HONEYPOT_INDEX, signToken } from './tokens.js';

/** The tracking URLs of one recipient copy, under the configured tracking base URL. */
export interface CopyTrackingUrls {
  readonly pixel: string;
  readonly download: string;
  readonly privacy: string;
  readonly honeypot: string;
  click(index: number): string;
}

export function copyTrackingUrls(
  keyring: Keyring,
  baseUrl: string,
  trackingId: string,
): CopyTrackingUrls {
  const url = (path: string, token: string) => `${baseUrl}/t/${path}/${token}`;
  return {
    pixel: url('o', signToken(keyring, 'open', { trackingId })),
    download: url('d', signToken(keyring, 'download', { trackingId })),
    privacy: url('p', signToken(keyring, 'privacy', { trackingId })),
    honeypot: url('c', signToken(keyring, 'click', { trackingId, index: HONEYPOT_INDEX })),
    click: (index) => url('c', signToken(keyring, 'click', { trackingId, index })),
  };
}
