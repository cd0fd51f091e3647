import { fail } from '../errors.js';
import { instrumentMail, type TrackedLink } from '../mail/index.js';
import type { Db } from '../store/index.js';
import type { TrackingPolicy } from '../vocabulary.js';
import { workspaceSettings } from '../workspace/index.js';

/**
 * Distinct links a tracked message may have (docs/limits.md). Each is a row of the message's
 * links and a number in every click token, whose largest value is the honeypot's (0xffff); a
 * mail with more links than this is a link farm, not a letter.
 */
export const MAX_TRACKED_LINKS = 1_000;

/** Whether a message sent with this switch under this policy rewrites its links for tracking. */
export function rewritesLinks(tracking: boolean, policy: TrackingPolicy): boolean {
  return tracking && (policy === 'notice' || policy === 'consent');
}

/**
 * The message's distinct http(s) links, numbered as the click tokens number them; throws
 * MB_ERR_TOO_MANY_LINKS (400, naming the limit) over MAX_TRACKED_LINKS.
 */
export function trackedLinks(content: {
  readonly html?: string | null;
  readonly text?: string | null;
}): TrackedLink[] {
  const { links } = instrumentMail(
    // A text part made from the html adds no link of its own: not worth making here.
    { html: content.html ?? undefined, text: content.text ?? undefined, textFromHtml: false },
    {},
  );
  if (links.length > MAX_TRACKED_LINKS) {
    fail(
      'MB_ERR_TOO_MANY_LINKS',
      `The message has ${links.length} distinct links; a tracked message may have at most ${MAX_TRACKED_LINKS} (send it untracked, or remove links)`,
    );
  }
  return links;
}

/**
 * Refuses, before anything is stored, content that sending now would refuse for its links
 * (MB_ERR_TOO_MANY_LINKS): the compose-and-send route and the check endpoint ask it; the send
 * itself checks again (queueMessage).
 */
export async function checkLinkLimit(
  db: Db,
  workspaceId: string,
  content: { readonly html?: string | null; readonly text?: string | null },
  tracking: boolean,
): Promise<void> {
  if (!tracking) return;
  const { trackingPolicy } = await workspaceSettings(db, workspaceId);
  if (rewritesLinks(tracking, trackingPolicy)) trackedLinks(content);
}
