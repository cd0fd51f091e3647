import { toLanguage } from '../../i18n/index.js';
import type { WebhookFormat } from '../../store/index.js';
import type { Classification, EventType } from '../../vocabulary.js';
import { noticeText } from '../wording.js';

/** An event as a webhook tells it: the event row's fields plus its message and recipient. */
export interface WebhookEvent {
  readonly id: string;
  readonly workspaceId: string;
  readonly messageId: string;
  readonly recipientId: string;
  readonly type: EventType;
  readonly at: number;
  readonly classification: Classification;
  readonly reason?: string | null;
  readonly inferred: number | boolean;
  readonly linkIdx?: number | null;
  readonly attachmentId?: string | null;
  readonly messageSubject: string;
  /** The message's language (its sender's at send time); the Slack line speaks it. */
  readonly messageLanguage?: string;
  readonly recipientEmail: string;
  readonly recipientName: string | null;
  /** The clicked link as it was sent, for clicks. */
  readonly linkUrl?: string | null;
  /** The file's name, for downloads and expired accesses. */
  readonly attachmentFilename?: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The JSON a `json` subscription receives. `id` is the delivery's (the same on every retry: a
 * receiver drops repeats by it), `at` when the delivery was queued; the event carries its own.
 */
export function jsonPayload(deliveryId: string, event: WebhookEvent, queuedAt: number) {
  return {
    id: deliveryId,
    type: event.type,
    at: iso(queuedAt),
    event: {
      id: event.id,
      type: event.type,
      at: iso(event.at),
      classification: event.classification,
      reason: event.reason ?? null,
      inferred: event.inferred === true || event.inferred === 1,
      ...(event.linkUrl ? { link: { url: event.linkUrl } } : {}),
      ...(event.attachmentId
        ? { attachment: { id: event.attachmentId, filename: event.attachmentFilename ?? null } }
        : {}),
    },
    message: { id: event.messageId, subject: event.messageSubject },
    recipient: { id: event.recipientId, email: event.recipientEmail, name: event.recipientName },
  };
}

/** Slack's three control characters; everything else goes through as it is. */
export function escapeSlack(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The one line a chat channel shows: the same words as the message's chat (in its language),
 * with the subject added where the chat line leaves it out, since a channel mixes messages.
 */
export function slackText(event: WebhookEvent): string {
  const language = toLanguage(event.messageLanguage);
  const subject = oneLine(event.messageSubject);
  const line = noticeText(
    {
      type: event.type,
      who: oneLine(event.recipientName || event.recipientEmail),
      subject,
      url: event.linkUrl ?? undefined,
      filename: event.attachmentFilename ? oneLine(event.attachmentFilename) : undefined,
      inferred: event.inferred === true || event.inferred === 1,
    },
    language,
    // A chat channel's line stands away from its message.
    { namesMessage: true },
  );
  return escapeSlack(line);
}

/**
 * Whether a subscription of this format hears about the event. A JSON receiver gets everything
 * with its classification and filters as it likes; a chat channel cannot filter, so it gets what
 * the message's followers would: no colleagues' own hits, no scanners (inferred opens are kept).
 */
export function formatWants(format: WebhookFormat, event: WebhookEvent): boolean {
  if (format === 'json') return true;
  if (event.classification === 'self') return false;
  // An out-of-office is a machine's, but says something about the person, as the bell does
  // (src/notify/fanout.ts): a channel that hears replies hears it.
  if (event.type === 'auto_reply') return true;
  if (event.classification === 'machine') return event.inferred === true || event.inferred === 1;
  return true;
}

/** The exact body posted (and signed) for a delivery; stored, so every retry sends the same. */
export function deliveryBody(
  format: WebhookFormat,
  deliveryId: string,
  event: WebhookEvent,
  queuedAt: number,
): string {
  if (format === 'slack') return JSON.stringify({ text: slackText(event) });
  return JSON.stringify(jsonPayload(deliveryId, event, queuedAt));
}
