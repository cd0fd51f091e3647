import { addressKey } from '../mail/index.js';
import {
  addToRecipientsCounters,
  type CounterDelta,
  type Db,
  findRecordedEventIds,
  type HitLog,
  type HitLogRow,
  insertEventRows,
  type LoggedHit,
  listMemberEmails,
  listRecentHitsOf,
  type NewEventRow,
  precedingId,
  recipientsForHits,
  relabelEvent,
  ZERO_COUNTERS,
} from '../store/index.js';
import type { Classification } from '../vocabulary.js';
import { countAggregateOpens, isAggregateHit } from './aggregate-opens.js';
import { type ClassifierLists, classifyHit, relabelPrior, type Verdict } from './classify/index.js';
import { consentCovers } from './consent-filter.js';
import { type CopyHistories, type CopyHistory, MAX_KNOWN_HITS } from './copy-histories.js';
import { eventOf, factsOf, priorOf } from './hit-views.js';
import type { InternalNetworks } from './internal-networks.js';

export interface BatchDeps {
  /** The log the hits come from: they are consumed in the batch's transaction. */
  readonly log: Pick<HitLog, 'consume'>;
  readonly lists: ClassifierLists;
  readonly histories: CopyHistories;
  readonly internal: InternalNetworks;
  /**
   * Work that must commit with the batch's events (the fan-out's jobs): its new events, and the
   * ids of stored events it relabelled (their fan-out may have told them already).
   */
  readonly inTransaction?: (
    db: Db,
    events: readonly NewEventRow[],
    relabelled: readonly string[],
  ) => Promise<void>;
}

/** A copy addressed to a member of the workspace (the sender's own Bcc, a colleague in Cc). */
const WORKSPACE_MEMBER: Verdict = { classification: 'self', reason: 'workspace_member' };
const OPEN_INFERRING: ReadonlySet<string> = new Set(['click', 'download']);
const COUNTED = { open: 'opens', click: 'clicks', download: 'downloads' } as const;
const MACHINE_COUNTED = {
  open: 'machineOpens',
  click: 'machineClicks',
  download: 'machineDownloads',
} as const;

const zero = (): CounterDelta => ({ ...ZERO_COUNTERS, lastEventAt: 0 });

/**
 * Adds `sign` (±1) to the counter an event of this type and label counts on: people's counters
 * for `human` and `proxy`, machines' for `machine`, none for `self` (the team's own).
 */
function count(
  delta: CounterDelta,
  type: string,
  classification: Classification | undefined,
  sign: 1 | -1,
): void {
  if (!(type in COUNTED)) return;
  const key = type as keyof typeof COUNTED;
  if (classification === 'human' || classification === 'proxy') delta[COUNTED[key]] += sign;
  else if (classification === 'machine') delta[MACHINE_COUNTED[key]] += sign;
}

/** The `addressKey`s of the members of these workspaces, by workspace. */
async function memberKeysOf(db: Db, workspaceIds: string[]): Promise<Map<string, Set<string>>> {
  const members = await listMemberEmails(db, workspaceIds);
  return new Map(
    [...members].map(([workspaceId, emails]) => [
      workspaceId,
      new Set([...emails].map((email) => addressKey(email) ?? email)),
    ]),
  );
}

/** The histories of a batch's copies: from memory, else loaded (in the batch's transaction). */
async function historiesOf(
  db: Db,
  recipients: readonly { id: string; emailKey: string; workspaceId: string }[],
  histories: CopyHistories,
): Promise<Map<string, CopyHistory>> {
  const found = new Map<string, CopyHistory>();
  const missing = recipients.filter((r) => {
    const history = histories.get(r.id);
    if (history) found.set(r.id, history);
    return !history;
  });
  if (missing.length === 0) return found;
  const members = await memberKeysOf(db, [...new Set(missing.map((r) => r.workspaceId))]);
  const recents = await listRecentHitsOf(
    db,
    missing.map((r) => r.id),
    MAX_KNOWN_HITS,
  );
  for (const recipient of missing) {
    const recent = recents.get(recipient.id) ?? [];
    const history: CopyHistory = {
      // Compared by address key: `Anna.Bianchi@ACME.it` in Cc is Anna, a member.
      member: members.get(recipient.workspaceId)?.has(recipient.emailKey) ?? false,
      known: recent.map((r) => ({ prior: priorOf(r), eventId: r.id })),
    };
    histories.set(recipient.id, history);
    found.set(recipient.id, history);
  }
  return found;
}

/** What a batch accumulates while its hits are classified, before anything is written. */
interface BatchState {
  /** Counter changes per recipient id (relabels of earlier events, then the new events). */
  readonly counters: Map<string, CounterDelta>;
  /** The inferred open a click or download brought, by that event's id. */
  readonly inferredOf: Map<string, NewEventRow>;
  /** Whether the recipient's mail is known opened (by anyone, the team included). */
  readonly hasOpen: Map<string, boolean>;
  /** New events in log order, inferred opens just before the event that implied them. */
  readonly written: NewEventRow[];
  /** Stored events relabelled (inferred opens with their click): what was told may be wrong. */
  readonly relabelled: string[];
}

function deltaOf(state: BatchState, recipientId: string): CounterDelta {
  const delta = state.counters.get(recipientId) ?? zero();
  state.counters.set(recipientId, delta);
  return delta;
}

/**
 * Applies what a hit unmasks about earlier hits of its copy: an event of this batch takes its
 * final label before it is written (and counted once); a stored one is relabelled, with the
 * open it implied, and its counts move.
 */
async function applyRelabels(
  db: Db,
  state: BatchState,
  history: CopyHistory,
  recipientId: string,
  changes: readonly { index: number; verdict: Verdict }[],
): Promise<void> {
  for (const change of changes) {
    const target = history.known[change.index]!;
    const from = target.prior.classification;
    const to = change.verdict.classification;
    if (from === to) continue;
    target.prior.classification = to;
    target.prior.reason = change.verdict.reason;
    if (target.pending) {
      // Still in this batch: counted once, at the end, with its final label.
      for (const row of [target.pending, state.inferredOf.get(target.eventId)]) {
        if (!row) continue;
        row.classification = to;
        row.reason = change.verdict.reason;
      }
      continue;
    }
    const delta = deltaOf(state, recipientId);
    // The open a click implied goes with it.
    for (const id of [target.eventId, precedingId(target.eventId)]) {
      const type = await relabelEvent(db, id, from, to, change.verdict.reason);
      if (type) {
        count(delta, type, from, -1);
        count(delta, type, to, 1);
        state.relabelled.push(id);
      }
    }
  }
}

/** The hit's event, after the open it implies when it is a copy's first sign of being opened. */
function addEvent(state: BatchState, hit: HitLogRow, verdict: Verdict, history: CopyHistory) {
  const row = eventOf(hit, verdict);
  if (row.type === 'open') state.hasOpen.set(hit.recipientId, true);
  if (OPEN_INFERRING.has(row.type) && !state.hasOpen.get(hit.recipientId)) {
    state.hasOpen.set(hit.recipientId, true);
    const inferred: NewEventRow = {
      ...row,
      id: precedingId(row.id),
      type: 'open',
      linkIdx: null,
      attachmentId: null,
      inferred: 1,
    };
    state.inferredOf.set(row.id, inferred);
    state.written.push(inferred);
  }
  state.written.push(row);
  history.known.push({ prior: priorOf(row), eventId: row.id, pending: row });
}

/**
 * Turns a batch of hits, in log order, into what they mean, inside one transaction: opens of a
 * message's shared pixel (`aggregate`) only add to its totals; hits of recipients who opted out
 * are dropped — those after the opt-out, on any copy sent to any spelling of the address
 * (`recipientsForHits` reads it by address key) — as are those of recipients whose consent (mail
 * sent under `consent`) was withdrawn (the opt-out itself is kept as proof); each hit is
 * classified against its copy's history and unmasks earlier ones (relabels move their counts);
 * a click or download with no open before it brings an inferred open; events, people's and
 * machines' counters and the fan-out's jobs are written; and the hits leave the log. Everything
 * commits together, so a crash replays the batch whole or not at all.
 *
 * `touched` collects the copies whose in-memory history changed: the caller settles them after
 * the commit, or forgets them if it failed. Returns the events written.
 */
export async function processBatch(
  db: Db,
  logged: readonly LoggedHit[],
  deps: BatchDeps,
  touched: Set<string>,
): Promise<NewEventRow[]> {
  // A hit the spool replayed although its append had committed (and been processed) counts
  // once: its event is there already. Consumed all the same.
  const recorded = await findRecordedEventIds(
    db,
    logged.map((hit) => hit.id),
  );
  const fresh = recorded.size > 0 ? logged.filter((hit) => !recorded.has(hit.id)) : logged;
  // Opens of a message's shared pixel only add to its totals: they never become events.
  await countAggregateOpens(db, fresh.filter(isAggregateHit), deps);
  const hits = fresh.filter((hit) => !isAggregateHit(hit));
  if (hits.length === 0) {
    await deps.log.consume(db, logged);
    return [];
  }
  const ids = [...new Set(hits.map((h) => h.recipientId))];
  const recipients = new Map((await recipientsForHits(db, ids)).map((r) => [r.id, r]));
  const histories = await historiesOf(db, [...recipients.values()], deps.histories);
  const covered = await consentCovers(db, hits, recipients);
  // Any open so far, the team's own included (they count nowhere, but the mail was opened).
  const hasOpen = new Map(
    [...recipients.values()].map((r) => [
      r.id,
      r.opens + r.machineOpens > 0 ||
        (histories.get(r.id)?.known.some((k) => k.prior.type === 'open') ?? false),
    ]),
  );
  const state: BatchState = {
    counters: new Map(),
    inferredOf: new Map(),
    hasOpen,
    written: [],
    relabelled: [],
  };

  for (const hit of hits) {
    const recipient = recipients.get(hit.recipientId);
    const history = histories.get(hit.recipientId);
    // Deleted or erased (src/privacy) since the hit: nothing may be attributed to it again.
    if (!recipient || !history || recipient.erasedAt !== null) continue;
    const optedOut = recipient.optedOutAt !== null && hit.at >= recipient.optedOutAt;
    if (optedOut && hit.type !== 'opt_out') continue;
    // A withdrawn consent stops the recording of mail sent under `consent`, like an opt-out.
    if (hit.type !== 'opt_out' && !covered(hit)) continue;
    touched.add(hit.recipientId);

    let verdict = WORKSPACE_MEMBER;
    if (!history.member) {
      const internal = await deps.internal.contains(db, hit.workspaceId, hit.ip);
      const facts = factsOf(hit, internal);
      const context = {
        deliveredAt: recipient.deliveredAt,
        prior: history.known.map((k) => k.prior),
      };
      verdict = classifyHit(facts, context, deps.lists);
      const changes = relabelPrior(facts, verdict, context);
      await applyRelabels(db, state, history, hit.recipientId, changes);
    }
    addEvent(state, hit, verdict, history);
  }

  const { written } = state;
  await insertEventRows(db, written);
  for (const event of written) {
    const delta = deltaOf(state, event.recipientId);
    count(delta, event.type, event.classification, 1);
    delta.lastEventAt = Math.max(delta.lastEventAt, event.at);
  }
  await addToRecipientsCounters(db, state.counters);
  if (written.length > 0) await deps.inTransaction?.(db, written, state.relabelled);
  await deps.log.consume(db, logged);
  return written;
}
