// The lists of words the parts share about tracked mail: the kinds of tracking event, the labels
// the classifier gives them, the ways a relay connection is secured. Each is spelled here once, as
// a list with its type derived from it; the store's columns, the classifier, the API's schemas,
// webhooks and the web app (which bundles this file as is) take theirs from here. Pure data that
// imports nothing, on the lowest rank, so that every module may import it.

/**
 * What a recipient did to a tracked mail: a hit, then an event, a notification, a webhook. A
 * `reply` and an `auto_reply` (an out-of-office, RFC 3834) come from the shared mailbox's INBOX
 * (src/mailbox), not from a hit.
 */
export const EVENT_TYPES = [
  'open',
  'click',
  'download',
  'expired_access',
  'opt_out',
  'reply',
  'auto_reply',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/**
 * What a notification tells of: an event of one of these types, or a webhook subscription the
 * service switched off (told to the workspace's admins).
 */
export const NOTIFICATION_TYPES = [...EVENT_TYPES, 'webhook_disabled'] as const;

export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/**
 * What produced an event (DESIGN.md, "classification"): a person, a mail provider's proxy
 * fetching for one, a machine (scanner, prefetch), or the sender's own side.
 */
export const CLASSIFICATIONS = ['human', 'proxy', 'machine', 'self'] as const;

export type Classification = (typeof CLASSIFICATIONS)[number];

/**
 * How the connection to a workspace's SMTP relay is secured: STARTTLS required (port 587),
 * implicit TLS (465), or no encryption required.
 */
export const SMTP_SECURITIES = ['starttls', 'tls', 'none'] as const;

export type SmtpSecurity = (typeof SMTP_SECURITIES)[number];

/**
 * A workspace's tracking policy (DESIGN.md, "Privacy"): `notice` tracks each recipient and says
 * so in the mail; `consent` tracks only recipients with a recorded consent; `aggregate` counts a
 * message's opens in total and nothing per recipient (the Garante's exemption for aggregate
 * statistics); `off` tracks nothing. Each message keeps the one in force when it was sent.
 */
export const TRACKING_POLICIES = ['notice', 'consent', 'aggregate', 'off'] as const;

export type TrackingPolicy = (typeof TRACKING_POLICIES)[number];
