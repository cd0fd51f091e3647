import { addressKey } from '../../mail/index.js';
import {
  type CopyCounts,
  type Db,
  listMemberEmails,
  listMessageRates,
  listSenderRates,
} from '../../store/index.js';
import { principalOf } from '../plugins/auth.js';
import { parseRange } from '../plugins/date-range.js';
import { nextCursor, responses } from '../schemas.js';
import type { Api } from '../typed.js';
import { Rates, RatesQuery } from './schema.js';

/** A share, 0 to 1; null when there is nothing to divide by. */
const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** Counts as the API shows them: the counts, and the rates they make (docs/decisions.md). */
function presentCounts(counts: CopyCounts) {
  return {
    recipients: counts.recipients,
    tracked: counts.tracked,
    delivered: counts.delivered,
    deliveredWithFiles: counts.deliveredWithFiles,
    opened: counts.opened,
    clicked: counts.clicked,
    downloaded: counts.downloaded,
    rates: {
      opened: share(counts.opened, counts.delivered),
      clicked: share(counts.clicked, counts.delivered),
      downloaded: share(counts.downloaded, counts.deliveredWithFiles),
    },
  };
}

/**
 * The workspace's members' address keys: copies to them are the team's own (the processing
 * stage labels their hits `self`) and count in no rate. Keys are computed here, as the stage
 * computes them, since SQL cannot fold case the Unicode way.
 */
async function memberKeysOf(db: Db, workspaceId: string): Promise<string[]> {
  const emails = (await listMemberEmails(db, [workspaceId])).get(workspaceId) ?? new Set();
  return [...emails].map((email) => addressKey(email) ?? email);
}

/**
 * `GET /api/v1/stats/rates`: people's open, click and download rates of the messages sent in
 * the range, per message (a page, newest first) or per sender. Bad bounds, or `from` after
 * `to`: 400 `validation_failed`.
 */
export function ratesRoute(api: Api): void {
  api.get(
    '/api/v1/stats/rates',
    {
      schema: {
        tags: ['stats'],
        summary:
          'People’s open, click and download rates of the messages sent in a range, per message or per sender',
        querystring: RatesQuery,
        response: responses({ 200: Rates }),
      },
    },
    async (request) => {
      const { workspaceId } = principalOf(request).user;
      const { from, to } = parseRange(request.query);
      const { db } = api.store;
      const range = { from, to, memberKeys: await memberKeysOf(db, workspaceId) };
      if (request.query.by === 'sender') {
        const senders = await listSenderRates(db, workspaceId, range);
        return {
          senders: senders.map((s) => ({
            id: s.senderId,
            name: s.name,
            email: s.email,
            messages: s.messages,
            trackedMessages: s.trackedMessages,
            ...presentCounts(s),
          })),
          cursor: null,
        };
      }
      const limit = request.query.limit ?? 50;
      const messages = await listMessageRates(db, workspaceId, range, {
        limit,
        after: request.query.cursor,
      });
      return {
        messages: messages.map((m) => ({
          id: m.id,
          subject: m.subject,
          sentAt: new Date(m.sentAt).toISOString(),
          sender: { id: m.senderId, name: m.senderName },
          ...presentCounts(m),
        })),
        cursor: nextCursor(messages, limit),
      };
    },
  );
}
