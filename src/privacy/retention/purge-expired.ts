import type { Kysely } from 'kysely';
import {
  type Database,
  deleteEventsOfErased,
  deleteExpiredSessions,
  deleteSpentInvites,
  deleteSpentPasswordResets,
  type HitLog,
  keepReachBefore,
  purgeEventsBefore,
  purgeNotificationsBefore,
  purgeTrackingLinesBefore,
  purgeWebhookDeliveriesBefore,
} from '../../store/index.js';
import { DAY_MS } from '../../time-units.js';

export interface RetentionDeps {
  readonly db: Kysely<Database>;
  /** The hit log, whose raw hits older than the cut-off go too (consumed or not). */
  readonly hitLog: Pick<HitLog, 'purgeBefore'>;
  /** This node's spool of hits the database refused (each node has its own). */
  readonly dropSpooledBefore: (before: number) => Promise<number>;
  /** EVENT_RETENTION_DAYS. */
  readonly retentionDays: number;
}

/** What one run deleted, by what it was: events, hits, spooled hits, notifications, … */
export type RetentionReport = Record<string, number>;

/**
 * The retention cut-off for `now` (epoch ms): the start of the UTC day `retentionDays` days ago.
 * Whole days go, so each purged day's statistics are kept exactly (reach-days.ts); a row is kept
 * at most a day beyond the period.
 */
export function retentionCutoff(now: number, retentionDays: number): number {
  return Math.floor((now - retentionDays * DAY_MS) / DAY_MS) * DAY_MS;
}

/** One kind of data the purge removes: `before` is the cut-off, `now` the run's time. */
type PurgeStep = (deps: RetentionDeps, before: number, now: number) => Promise<number>;

/**
 * The purge's steps, in order, each deleting in short batches (no long lock). Events go after
 * their statistics are kept as anonymous daily totals; recipients' counters are not touched, so
 * the sent list, the message page and the statistics show the same totals after a purge.
 */
const STEPS: Readonly<Record<string, PurgeStep>> = {
  events: async ({ db }, before) => {
    await keepReachBefore(db, before);
    return purgeEventsBefore(db, before);
  },
  // Events a batch in hand wrote just after an erasure (erase-recipient.ts).
  erasedEvents: ({ db }) => deleteEventsOfErased(db),
  hits: ({ hitLog }, before) => hitLog.purgeBefore(before),
  spooledHits: ({ dropSpooledBefore }, before) => dropSpooledBefore(before),
  notifications: ({ db }, before) => purgeNotificationsBefore(db, before),
  chatLines: ({ db }, before) => purgeTrackingLinesBefore(db, before),
  webhookDeliveries: ({ db }, before) => purgeWebhookDeliveriesBefore(db, before),
  sessions: ({ db }, _before, now) => deleteExpiredSessions(db, now),
  invites: ({ db }, _before, now) => deleteSpentInvites(db, now),
  passwordResets: ({ db }, _before, now) => deleteSpentPasswordResets(db, now),
};

/**
 * Deletes what the retention period (EVENT_RETENTION_DAYS, DESIGN.md "Privacy") no longer
 * covers, as of `now` (epoch ms): events, raw hits (a hit not processed yet goes only once it
 * is older than the period), this node's spooled hits, notifications, chat lines about tracking
 * and webhook deliveries from before the cut-off; expired sessions, used or expired invites and password reset links.
 * Returns the rows deleted per kind.
 */
export async function purgeExpired(deps: RetentionDeps, now: number): Promise<RetentionReport> {
  const before = retentionCutoff(now, deps.retentionDays);
  const report: RetentionReport = {};
  for (const [name, step] of Object.entries(STEPS)) report[name] = await step(deps, before, now);
  return report;
}
