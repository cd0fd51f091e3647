import type { Keyring } from '../keyring/index.js';
import { HONEYPOT_INDEX, signToken } from './tokens.js';

/** Where the tracking endpoints live: every URL put into mail starts with it. */
export const TRACKING_PREFIX = '/t';

/**
 * The tracking URLs of one recipient copy, under the configured tracking base URL, named as the
 * send job takes them (messages' `CopyUrls`).
 */
export interface CopyTrackingUrls {
  readonly pixelUrl: string;
  readonly downloadUrl: string;
  readonly privacyUrl: string;
  readonly honeypotUrl: string;
  clickUrl(index: number): string;
}

export function copyTrackingUrls(
  keyring: Keyring,
  baseUrl: string,
  trackingId: string,
): CopyTrackingUrls {
  const url = (path: string, token: string) => `${baseUrl}${TRACKING_PREFIX}/${path}/${token}`;
  return {
    pixelUrl: url('o', signToken(keyring, 'open', { trackingId })),
    downloadUrl: url('d', signToken(keyring, 'download', { trackingId })),
    privacyUrl: url('p', signToken(keyring, 'privacy', { trackingId })),
    honeypotUrl: url('c', signToken(keyring, 'click', { trackingId, index: HONEYPOT_INDEX })),
    clickUrl: (index) => url('c', signToken(keyring, 'click', { trackingId, index })),
  };
}

/** The URLs of a message's shared pixel (the `aggregate` policy), the same in every copy. */
export interface AggregateUrls {
  readonly pixelUrl: string;
  /** The page the mail's foot line links to: what the pixel counts. */
  readonly aboutUrl: string;
}

/**
 * The URLs of a message's shared pixel under the `aggregate` policy: the same in every copy,
 * their token carries the message's aggregate id and nothing about any recipient.
 */
export function aggregateTrackingUrls(
  keyring: Keyring,
  baseUrl: string,
  aggregateId: string,
): AggregateUrls {
  const token = signToken(keyring, 'aggregate', { trackingId: aggregateId });
  const pixelUrl = `${baseUrl}${TRACKING_PREFIX}/a/${token}`;
  return { pixelUrl, aboutUrl: `${pixelUrl}/about` };
}
