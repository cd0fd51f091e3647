import { sameSource } from './networks.js';
import { burstChain, SOURCE_REASONS } from './sequence.js';
import type { CopyContext, HitFacts, Verdict } from './types.js';
import { SOURCE_WINDOW_MS } from './windows.js';

/**
 * After a hit, which earlier hits of the same copy change label: when the hit shows a machine at
 * work (a honeypot hit, a burst, an early click, a scanner's network), the hits it made just
 * before were that machine too — the clicks of its burst, and whatever came from its network in
 * the last SOURCE_WINDOW_MS (often the pixel, fetched while rendering the message).
 *
 * Only `human` hits change, and only to `machine`: the sender's own hits, proxy opens and earlier
 * machine verdicts stay as they are. Returns indexes into `context.prior` with their new verdict.
 */
export function relabelPrior(
  hit: HitFacts,
  verdict: Verdict,
  context: CopyContext,
): { index: number; verdict: Verdict }[] {
  if (verdict.classification !== 'machine' || !verdict.reason) return [];
  if (!SOURCE_REASONS.has(verdict.reason)) return [];
  // A burst is told by timing alone, whatever the addresses; a scanner's network only by address,
  // since a person's own click can follow a time-of-click check within the same second.
  const chain =
    verdict.reason === 'honeypot' || verdict.reason === 'scanner_burst'
      ? new Set(burstChain(hit, context.prior))
      : new Set<number>();
  const changes: { index: number; verdict: Verdict }[] = [];
  context.prior.forEach((p, index) => {
    if (p.classification !== 'human') return;
    const age = hit.at - p.at;
    const fromSource = age >= 0 && age <= SOURCE_WINDOW_MS && sameSource(p.ip, hit.ip);
    if (!chain.has(index) && !fromSource) return;
    changes.push({
      index,
      verdict: {
        classification: 'machine',
        reason: verdict.reason,
        detail: chain.has(index) ? 'in the same burst' : 'same network as a later machine hit',
      },
    });
  });
  return changes;
}
