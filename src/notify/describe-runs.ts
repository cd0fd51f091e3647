import {
  countOpensUpToEach,
  type Db,
  type EventRow,
  findRecipientNames,
  type NoticeMessage,
} from '../store/index.js';
import type { JobLookups } from './job-lookups.js';
import type { EventNotice } from './wording.js';

/** A reply's excerpt, kept in its event's details by src/mailbox. */
function excerptOf(event: EventRow): { excerpt?: string } {
  if ((event.type !== 'reply' && event.type !== 'auto_reply') || event.details === null) return {};
  try {
    const details = JSON.parse(event.details) as { excerpt?: unknown };
    return typeof details.excerpt === 'string' && details.excerpt !== ''
      ? { excerpt: details.excerpt }
      : {};
  } catch {
    return {};
  }
}

/**
 * What each run's notice says (who, which link or file, the how-manieth open), for a chunk of
 * runs with a handful of queries rather than several per run. By the run's last event.
 */
export async function describeRuns(
  trx: Db,
  runs: readonly { last: EventRow; message: NoticeMessage }[],
  known: JobLookups,
): Promise<Map<EventRow, EventNotice>> {
  const lasts = runs.map((r) => r.last);
  const names = await findRecipientNames(trx, [...new Set(lasts.map((e) => e.recipientId))]);
  const ordinals = await countOpensUpToEach(
    trx,
    lasts.filter((e) => e.type === 'open'),
  );
  const linksOf = await known.links(
    trx,
    runs.filter((r) => r.last.linkIdx !== null).map((r) => r.message.id),
  );
  const notices = new Map<EventRow, EventNotice>();
  for (const { last, message } of runs) {
    const recipient = names.get(last.recipientId);
    const url =
      last.linkIdx === null
        ? undefined
        : linksOf(message.id).find((l) => l.idx === last.linkIdx)?.url;
    const filename =
      last.attachmentId === null
        ? undefined
        : (await known.attachments(trx, message.id)).find((a) => a.id === last.attachmentId)
            ?.filename;
    notices.set(last, {
      type: last.type,
      who: recipient?.name || recipient?.email || '?',
      subject: message.subject,
      url,
      filename,
      openNumber: last.type === 'open' ? (ordinals.get(last.id) ?? 0) : undefined,
      inferred: last.inferred === 1,
      ...(last.classification === 'machine' && last.inferred !== 1 && last.type !== 'auto_reply'
        ? { machineReason: last.reason }
        : {}),
      ...excerptOf(last),
    });
  }
  return notices;
}
