import { DEFAULT_LANGUAGE, wording } from '../../i18n/index.js';
import {
  type Db,
  failPendingDeliveries,
  insertNotifications,
  listWorkspaceAdmins,
  markWebhookDisabled,
  type NotificationChanges,
  type NotificationRow,
  newId,
  type WebhookRow,
} from '../../store/index.js';
import type { NotificationType } from '../../vocabulary.js';
import { factJson } from '../facts.js';

export const WEBHOOK_DISABLED_NOTIFICATION = 'webhook_disabled' satisfies NotificationType;

/**
 * How a subscription is named to people: its origin, with the path elided, as a chat webhook's
 * path is its secret (Slack's /services/T…/B…/X…) and a notification may be read over a shoulder.
 */
export function shownWebhookUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.pathname === '/' && !parsed.search ? parsed.origin : `${parsed.origin}/…`;
  } catch {
    return 'webhook';
  }
}

/**
 * Disables a subscription that keeps failing: marks it, gives up its pending deliveries, and
 * leaves each workspace admin a notification. Only the caller that disables it notifies, so two
 * workers failing at once tell the admins once. Returns the notifications, for the live stream.
 */
export async function disableWebhook(
  trx: Db,
  changes: NotificationChanges,
  webhook: WebhookRow,
  failures: number,
  lastError: string,
  now: number,
): Promise<NotificationRow[]> {
  // The reason is the subscription's status, read by whoever looks at it: in the default
  // language, like the chat's system lines.
  const reason = wording(DEFAULT_LANGUAGE).notify.webhookDisabledReason(failures, lastError);
  if (!(await markWebhookDisabled(trx, webhook.id, now, reason))) return [];
  await failPendingDeliveries(trx, webhook.id, 'not sent: the subscription was disabled');
  const admins = await listWorkspaceAdmins(trx, webhook.workspaceId);
  return changes.write(
    trx,
    async (nextSequence) => {
      const rows = admins.map(
        (admin): NotificationRow => ({
          id: newId(now),
          workspaceId: webhook.workspaceId,
          userId: admin.id,
          messageId: null,
          eventId: null,
          type: WEBHOOK_DISABLED_NOTIFICATION,
          // Worded when read, in the admin's language then.
          fact: factJson({
            kind: 'webhook_disabled',
            data: { url: shownWebhookUrl(webhook.url), failures, lastError },
          }),
          at: now,
          count: 1,
          foldKey: null,
          read: 0,
          seq: nextSequence(),
          retracted: 0,
          classification: null,
        }),
      );
      await insertNotifications(trx, rows);
      return rows;
    },
    now,
  );
}
