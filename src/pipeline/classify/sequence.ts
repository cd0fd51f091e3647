import type { EventType } from '../../vocabulary.js';
import { sameSource } from './networks.js';
import type { CopyContext, PriorHit, Reason } from './types.js';
import {
  BURST_GAP_MS,
  EARLY_CLICK_MS,
  OPEN_LEAD_MS,
  READ_LEAD_MS,
  SOURCE_WINDOW_MS,
} from './windows.js';

const NAVIGATIONS: ReadonlySet<EventType> = new Set([
  'click',
  'download',
  'expired_access',
  'opt_out',
]);

/** A request a browser makes when someone follows a link or presses a button (not an image). */
export function isNavigation(type: EventType): boolean {
  return NAVIGATIONS.has(type);
}

/**
 * Reasons that condemn the network a hit came from, not just the one request: a scanner's next
 * hits from there are the scanner too. A HEAD, a prefetch or a link-checking user agent can come
 * from the reader's own machine, whose other hits are the reader's, so they are not in here.
 */
export const SOURCE_REASONS: ReadonlySet<string> = new Set<Reason>([
  'honeypot',
  'scanner_burst',
  'early_click',
  'scanner_network',
]);

interface Moment {
  at: number;
}

/**
 * The indexes in `prior` of the chain that ends at `hit`: navigations on the copy, each less than
 * BURST_GAP_MS before the next. The sender's own hits are left out.
 */
export function burstChain(hit: Moment, prior: readonly PriorHit[]): number[] {
  const candidates = prior
    .map((p, index) => ({ p, index }))
    .filter(({ p }) => isNavigation(p.type) && p.classification !== 'self' && p.at <= hit.at)
    .sort((a, b) => b.p.at - a.p.at);
  const chain: number[] = [];
  let edge = hit.at;
  for (const { p, index } of candidates) {
    if (edge - p.at > BURST_GAP_MS) break;
    chain.push(index);
    edge = p.at;
  }
  return chain;
}

/** Distinct links clicked across the chain and the hit (the honeypot counts as a link). */
export function distinctLinks(
  hit: { type: EventType; linkIndex?: number },
  prior: readonly PriorHit[],
  chain: readonly number[],
): number {
  const links = new Set<number>();
  if (hit.type === 'click' && hit.linkIndex !== undefined) links.add(hit.linkIndex);
  for (const index of chain) {
    const p = prior[index];
    if (p?.type === 'click' && p.linkIndex !== undefined) links.add(p.linkIndex);
  }
  return links.size;
}

/**
 * The reason a scanner's earlier hit from the same network passes on to this one, if any. Offices
 * share one address between their people and an on-premises gateway, so a reader's open from that
 * network after the machine's hits ends the inheritance, and an open inherits only from a honeypot
 * hit or a listed scanner network (an open is what a reader's client does first).
 */
export function inheritedReason(
  hit: Moment & { type: EventType; ip: string | undefined },
  prior: readonly PriorHit[],
): Reason | undefined {
  // Newest first, so that a reader's open met before the machine's hit is one that came after it.
  const recent = prior
    .filter((p) => p.at <= hit.at && hit.at - p.at <= SOURCE_WINDOW_MS && sameSource(p.ip, hit.ip))
    .sort((a, b) => b.at - a.at);
  for (const p of recent) {
    if (p.type === 'open' && p.classification === 'human') return undefined;
    if (p.classification !== 'machine') continue;
    const reason = p.honeypot ? 'honeypot' : p.reason;
    if (!reason || !SOURCE_REASONS.has(reason)) continue;
    if (hit.type === 'open' && reason !== 'honeypot' && reason !== 'scanner_network') continue;
    return reason as Reason;
  }
  return undefined;
}

/**
 * Whether the network a chain comes from showed a reader's open at least READ_LEAD_MS before the
 * chain began: someone who read the message and then opened links in new tabs.
 */
export function readBefore(
  hit: Moment & { ip: string | undefined },
  prior: readonly PriorHit[],
  chain: readonly number[],
): boolean {
  const start = Math.min(hit.at, ...chain.map((index) => prior[index]?.at ?? hit.at));
  return prior.some(
    (p) =>
      p.type === 'open' &&
      p.classification === 'human' &&
      start - p.at >= READ_LEAD_MS &&
      sameSource(p.ip, hit.ip),
  );
}

/**
 * A navigation within EARLY_CLICK_MS of delivery with no open (by a person or a mail provider's
 * proxy) at least OPEN_LEAD_MS before it: nobody has had the time to read the message.
 */
export function isEarly(hit: Moment, context: CopyContext): boolean {
  if (context.deliveredAt === null || hit.at - context.deliveredAt >= EARLY_CLICK_MS) return false;
  return !context.prior.some(
    (p) =>
      p.type === 'open' &&
      (p.classification === 'human' || p.classification === 'proxy') &&
      hit.at - p.at >= OPEN_LEAD_MS,
  );
}
