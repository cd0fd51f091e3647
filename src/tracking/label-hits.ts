import {
  type Db,
  deliveryTimes,
  listRecentHits,
  type NewEventRow,
  precedingId,
  relabelEvent,
} from '../store/index.js';
import {
  type ClassifierLists,
  classifyHit,
  type HitFacts,
  PRIOR_WINDOW_MS,
  type PriorHit,
  relabelPrior,
} from './classify/index.js';
import { HONEYPOT_INDEX } from './tokens.js';

/** A hit to record: the event row, and what the request showed that the row does not keep. */
export interface HitRecord {
  readonly row: NewEventRow;
  /** Absent for events that were spooled without them: they keep the label they have. */
  readonly facts?: HitFacts;
}

interface Known {
  readonly prior: PriorHit;
  /** A committed event (its label changes in the database), or a row of this batch. */
  readonly eventId: string;
  readonly row?: NewEventRow;
}

function priorOf(row: {
  type: string;
  at: number;
  linkIdx: number | null;
  ip: string | null;
  userAgent: string | null;
  classification: string;
  reason: string | null;
}): PriorHit {
  return {
    type: row.type as PriorHit['type'],
    at: row.at,
    linkIndex: row.linkIdx ?? undefined,
    ip: row.ip ?? undefined,
    userAgent: row.userAgent ?? undefined,
    honeypot: row.linkIdx === HONEYPOT_INDEX,
    classification: row.classification as PriorHit['classification'],
    reason: row.reason,
  };
}

/**
 * Labels each hit of a batch — in the transaction that writes it, so every node sees one history
 * per copy — and relabels the earlier hits a later one unmasks (a scanner's burst, the clicks
 * around a honeypot hit), committed ones included.
 */
export async function labelHits(
  db: Db,
  hits: readonly HitRecord[],
  lists: ClassifierLists,
): Promise<void> {
  const recipients = [...new Set(hits.filter((h) => h.facts).map((h) => h.row.recipientId))];
  const delivered = await deliveryTimes(db, recipients);
  const histories = new Map<string, Known[]>();
  for (const { row, facts } of hits) {
    if (!facts) continue;
    let known = histories.get(row.recipientId);
    if (!known) {
      const recent = await listRecentHits(db, row.recipientId, facts.at - PRIOR_WINDOW_MS);
      known = recent.map((r) => ({ prior: priorOf(r), eventId: r.id }));
      histories.set(row.recipientId, known);
    }
    const context = {
      deliveredAt: delivered.get(row.recipientId) ?? null,
      prior: known.map((k) => k.prior),
    };
    const verdict = classifyHit(facts, context, lists);
    row.classification = verdict.classification;
    row.reason = verdict.reason;
    for (const change of relabelPrior(facts, verdict, context)) {
      const target = known[change.index]!;
      Object.assign(target.prior, {
        classification: change.verdict.classification,
        reason: change.verdict.reason,
      });
      if (target.row) {
        target.row.classification = change.verdict.classification;
        target.row.reason = change.verdict.reason;
        continue;
      }
      await relabelEvent(db, target.eventId, change.verdict.classification, change.verdict.reason);
      // The open a click implied goes with it.
      await relabelEvent(
        db,
        precedingId(target.eventId),
        change.verdict.classification,
        change.verdict.reason,
      );
    }
    known.push({
      prior: priorOf({
        ...row,
        linkIdx: row.linkIdx ?? null,
        ip: row.ip ?? null,
        userAgent: row.userAgent ?? null,
        reason: row.reason ?? null,
        classification: row.classification ?? 'human',
      }),
      eventId: row.id,
      row,
    });
  }
}
