// The lists of words the parts share about tracked mail: the kinds of tracking event, the labels
// the classifier gives them, the ways a relay connection is secured. Each is spelled here once, as
// a list with its type derived from it; the store's columns, the classifier, the API's schemas,
// webhooks and the web app (which bundles this file as is) take theirs from here. Pure data that
// imports nothing, on the lowest rank, so that every module may import it.

/** What a recipient did to a tracked mail: a hit, then an event, a notification, a webhook. */
export const EVENT_TYPES = ['open', 'click', 'download', 'expired_access', 'opt_out'] as const;

export type EventType = (typeof EVENT_TYPES)[number];

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
