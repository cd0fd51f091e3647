import { type Address, messageSearchText } from '../../mail/index.js';
import {
  clearCopyResponses,
  type Db,
  deleteChatLines,
  deleteConsentsOf,
  deleteDeliveriesOfEvents,
  deleteEventsOf,
  deleteNotifications,
  eraseRecipientRows,
  failUnsentCopiesOfErased,
  findCopyResponses,
  keepReachOf,
  listAddressListsToCheck,
  listChatLinesToCheck,
  listNotificationsOfMessages,
  type MessageAddressLists,
  updateAddressLists,
} from '../../store/index.js';
import type { AddressForms } from './address-forms.js';

/** What one erasure is about: found once, handed to every step. */
export interface ErasureTarget {
  readonly workspaceId: string;
  /** Epoch ms: when the erasure happens. */
  readonly at: number;
  readonly forms: AddressForms;
  /** The recipient rows addressed to that person in the workspace (any spelling). */
  readonly recipientIds: readonly string[];
  readonly copyIds: readonly string[];
  readonly messageIds: readonly string[];
  /** Their events' ids, read before any step deletes them. */
  readonly eventIds: readonly string[];
}

/**
 * One table's share of an erasure: removes or anonymises what it holds about the target, in the
 * erasure's transaction, and says how many rows it touched (the API's `erased.<name>`). A table
 * added later (consents) is one more step in ERASURE_STEPS.
 */
export interface ErasureStep {
  readonly name: string;
  run(trx: Db, target: ErasureTarget): Promise<number>;
  /**
   * Runs again once the erasure has committed: rows of this table that a job already in hand
   * (a batch of hits, a notification fan-out) wrote meanwhile about the recipient go too.
   */
  readonly sweep?: boolean;
}

/** The events: their statistics go to the anonymous daily totals first (reach-days.ts). */
const events: ErasureStep = {
  name: 'events',
  sweep: true,
  async run(trx, target) {
    await keepReachOf(trx, target.recipientIds);
    return deleteEventsOf(trx, target.recipientIds);
  },
};

/** Webhook deliveries of those events, pending ones included: no retry carries the address. */
const webhookDeliveries: ErasureStep = {
  name: 'webhookDeliveries',
  sweep: true,
  run: (trx, target) => deleteDeliveriesOfEvents(trx, target.workspaceId, target.eventIds),
};

/** Notifications about those events or that recipient (a fold key begins with its id). */
const notifications: ErasureStep = {
  name: 'notifications',
  sweep: true,
  async run(trx, target) {
    const events = new Set(target.eventIds);
    const rows = await listNotificationsOfMessages(trx, target.workspaceId, target.messageIds);
    const named = rows.filter(
      (row) =>
        (row.eventId !== null && events.has(row.eventId)) ||
        target.recipientIds.some((id) => row.foldKey?.startsWith(`${id}:`)) ||
        target.forms.mentions(row.fact),
    );
    return deleteNotifications(
      trx,
      named.map((row) => row.id),
    );
  },
};

/** Chat lines about that recipient (tracking, delivery) and any line or note naming the address. */
const chatLines: ErasureStep = {
  name: 'chatLines',
  sweep: true,
  async run(trx, target) {
    const recipients = new Set(target.recipientIds);
    const rows = await listChatLinesToCheck(trx, target.workspaceId, target.messageIds);
    const named = rows.filter((row) => {
      const data = parseData(row.data);
      return (
        (typeof data.recipientId === 'string' && recipients.has(data.recipientId)) ||
        target.forms.mentions(row.text) ||
        target.forms.mentions(row.data) ||
        target.forms.mentions(row.fact)
      );
    });
    return deleteChatLines(
      trx,
      named.map((row) => row.id),
    );
  },
};

function parseData(data: string | null): Record<string, unknown> {
  try {
    const parsed: unknown = data ? JSON.parse(data) : {};
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * The To/Cc/Bcc lists stored with each message (drafts included): the person's entry goes (a
 * placeholder would be an invalid address in the headers of copies still to be sent to others).
 */
const addressLists: ErasureStep = {
  name: 'addressLists',
  async run(trx, target) {
    const messages = await listAddressListsToCheck(trx, target.workspaceId, target.messageIds);
    let changed = 0;
    for (const message of messages) {
      const erased = eraseFromLists(message, target.forms);
      if (!erased) continue;
      await updateAddressLists(trx, erased);
      changed += 1;
    }
    return changed;
  },
};

/**
 * The lists without the person's entries, and the search text made from what is left (so that
 * no search finds the message by them), or undefined when they hold none.
 */
function eraseFromLists(message: MessageAddressLists, forms: AddressForms) {
  let found = false;
  const erase = (json: string): Address[] =>
    (JSON.parse(json) as Address[]).filter((address) => {
      const theirs = forms.matches(address.email);
      found ||= theirs;
      return !theirs;
    });
  const to = erase(message.toList);
  const cc = erase(message.ccList);
  const bcc = erase(message.bccList);
  if (!found) return undefined;
  return {
    id: message.id,
    toList: JSON.stringify(to),
    ccList: JSON.stringify(cc),
    bccList: JSON.stringify(bcc),
    searchText: messageSearchText({ subject: message.subject, to, cc, bcc }),
  };
}

/**
 * The copies sent to that person: each recipient row keeps its counters and delivery status and
 * loses the address, the name and the relay's reply; a copy's own reply goes when it quotes
 * the address; a copy not sent yet that goes to nobody else is given up. Counts the recipient
 * rows.
 */
const copies: ErasureStep = {
  name: 'copies',
  async run(trx, target) {
    const responses = await findCopyResponses(trx, target.copyIds);
    const quoting = [...responses].filter(([, reply]) => target.forms.mentions(reply));
    await clearCopyResponses(
      trx,
      quoting.map(([id]) => id),
    );
    const erased = await eraseRecipientRows(trx, target.recipientIds, target.at);
    await failUnsentCopiesOfErased(trx, target.copyIds);
    return erased;
  },
};

/**
 * Their consents (the `consent` policy): without one, mail to them goes untracked, the safe side.
 * The opt-out proof log is kept, like the do-not-track entry it proves: an erasure must never
 * undo an opt-out, nor the means to show it was honoured.
 */
const consents: ErasureStep = {
  name: 'consents',
  run: (trx, target) => deleteConsentsOf(trx, target.workspaceId, target.forms.key),
};

/**
 * Every step, in order: the copies last, since the others find their rows through the
 * recipients' ids and the address's stored spellings.
 */
export const ERASURE_STEPS: readonly ErasureStep[] = [
  events,
  webhookDeliveries,
  notifications,
  chatLines,
  addressLists,
  consents,
  copies,
];
