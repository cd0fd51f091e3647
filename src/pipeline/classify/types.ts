import type { Classification, EventType } from '../../vocabulary.js';

/**
 * Why a hit got its label. `human` hits have no reason (null): being a person is what is left when
 * nothing else fits.
 */
export type Reason =
  | 'sender_session'
  | 'internal_network'
  | 'workspace_member'
  | 'honeypot'
  | 'head_request'
  | 'prefetch_header'
  | 'scanner_ua'
  | 'scanner_network'
  | 'apple_mpp'
  | 'gmail_proxy'
  | 'yahoo_proxy'
  | 'outlook_proxy'
  | 'early_click'
  | 'scanner_burst';

/** One HTTP request to a tracking URL, as the hit handler saw it. */
export interface HitFacts {
  type: EventType;
  /** GET, HEAD, POST… */
  method: string;
  /** Epoch ms. */
  at: number;
  /**
   * The client IP as stored (TRACKING_IP): anonymised to its /24 (/48) by default, which is all
   * the network rules compare (networkSet widens narrower listed networks to match it).
   */
  ip: string | undefined;
  userAgent: string | undefined;
  accept?: string;
  /** `Sec-Purpose` (Chromium). */
  secPurpose?: string;
  /** `Purpose` (older Chromium, Safari). */
  purpose?: string;
  /** `X-Purpose` (Safari's Top Sites previews). */
  xPurpose?: string;
  /** `X-Moz` (Firefox link prefetch). */
  xMoz?: string;
  referer?: string;
  secFetchSite?: string;
  secFetchMode?: string;
  /** The link's index, for clicks (the honeypot has its own index). */
  linkIndex?: number;
  /** The hit is on the copy's invisible link. */
  honeypot: boolean;
  /** The request carries a valid session cookie of a user of the sending workspace. */
  senderSession: boolean;
  /** The IP is in the workspace's internal networks (the caller checks its setting). */
  internalNetwork: boolean;
}

/** An earlier hit on the same copy, with the label it has now. */
export interface PriorHit {
  type: EventType;
  at: number;
  linkIndex?: number;
  /**
   * As stored: anonymised (IPv4 /24, IPv6 /48) is enough, since only the network is compared.
   * Absent when TRACKING_IP=none; the rules that need it then stay silent.
   */
  ip?: string;
  userAgent?: string;
  honeypot: boolean;
  classification: Classification;
  /** The stored reason; lets a scanner's later hits from the same network inherit it. */
  reason?: string | null;
}

export interface CopyContext {
  /** When the copy was handed to the recipient's server; null while unknown. */
  deliveredAt: number | null;
  /**
   * This copy's earlier hits (recorded hits only, not inferred opens), oldest first, covering at
   * least the last PRIOR_WINDOW_MS before the hit.
   */
  prior: PriorHit[];
}

export interface Verdict {
  classification: Classification;
  reason: Reason | null;
  /** Which list entry or rule matched, for logs and tests; never shown to recipients. */
  detail?: string;
}
