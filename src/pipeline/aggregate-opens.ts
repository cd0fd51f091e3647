import {
  type AggregateDelta,
  addToMessageAggregates,
  type Db,
  type HitLogRow,
} from '../store/index.js';
import { type ClassifierLists, classifyHit } from './classify/index.js';
import { factsOf } from './hit-views.js';
import type { InternalNetworks } from './internal-networks.js';

/**
 * Whether a logged hit is an open of a message's shared pixel (the `aggregate` policy): such a
 * hit names no recipient (its recipient id is the empty string).
 */
export function isAggregateHit(hit: Pick<HitLogRow, 'recipientId'>): boolean {
  return hit.recipientId === '';
}

/**
 * Adds a batch's shared-pixel opens to their messages' totals, and writes nothing else: no event,
 * no recipient counter, no notification — the aggregate statistics the Garante exempts. Each
 * hit is labelled alone (there is no copy's history to read): people's opens (human, proxy) and
 * machines' are counted apart, the team's own (`self`) not at all.
 */
export async function countAggregateOpens(
  db: Db,
  hits: readonly HitLogRow[],
  deps: { readonly lists: ClassifierLists; readonly internal: InternalNetworks },
): Promise<void> {
  const deltas = new Map<string, AggregateDelta>();
  for (const hit of hits) {
    if (hit.type !== 'open') continue;
    const internal = await deps.internal.contains(db, hit.workspaceId, hit.ip);
    const verdict = classifyHit(
      factsOf(hit, internal),
      { deliveredAt: null, prior: [] },
      deps.lists,
    );
    const delta = deltas.get(hit.messageId) ?? { opens: 0, machineOpens: 0 };
    if (verdict.classification === 'human' || verdict.classification === 'proxy') delta.opens += 1;
    else if (verdict.classification === 'machine') delta.machineOpens += 1;
    deltas.set(hit.messageId, delta);
  }
  await addToMessageAggregates(db, deltas);
}
