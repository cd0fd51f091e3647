import { type Db, findTrackingPolicies, type HitLogRow } from '../store/index.js';
import { consentTimeline } from '../workspace/index.js';

/** A recipient of a batch's hits, as the processing stage knows it. */
interface HitRecipient {
  readonly id: string;
  /** The address's key (addressKey): consents are looked up by it, and a key is its own key. */
  readonly emailKey: string;
  readonly workspaceId: string;
}

/**
 * Which hits a recipient's consent still covers. A copy tracked under the `consent` policy is
 * tracked only because its address consented: a hit is kept only when that consent was in force
 * at the hit's time, so a withdrawal (on the privacy page, or by an admin) stops the recording
 * at once for mail already sent, like an opt-out. Hits of mail sent under any other policy pass.
 * Returns a predicate over the batch's hits.
 */
export async function consentCovers(
  db: Db,
  hits: readonly HitLogRow[],
  recipients: ReadonlyMap<string, HitRecipient>,
): Promise<(hit: HitLogRow) => boolean> {
  const policies = await findTrackingPolicies(
    db,
    hits.map((hit) => hit.messageId),
  );
  const needing = hits.filter((hit) => policies.get(hit.messageId) === 'consent');
  if (needing.length === 0) return () => true;
  const emailsByWorkspace = new Map<string, string[]>();
  for (const hit of needing) {
    const recipient = recipients.get(hit.recipientId);
    if (!recipient) continue;
    const emails = emailsByWorkspace.get(recipient.workspaceId) ?? [];
    emails.push(recipient.emailKey);
    emailsByWorkspace.set(recipient.workspaceId, emails);
  }
  const timelines = new Map<string, Awaited<ReturnType<typeof consentTimeline>>>();
  for (const [workspaceId, emails] of emailsByWorkspace) {
    timelines.set(workspaceId, await consentTimeline(db, workspaceId, emails));
  }
  return (hit) => {
    if (policies.get(hit.messageId) !== 'consent') return true;
    const recipient = recipients.get(hit.recipientId);
    const consented = recipient && timelines.get(recipient.workspaceId);
    return consented ? consented(recipient.emailKey, hit.at) : false;
  };
}
