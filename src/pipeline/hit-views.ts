import { type HitLogRow, HONEYPOT_LINK_INDEX, type NewEventRow } from '../store/index.js';
import type { Classification } from '../vocabulary.js';
import type { HitFacts, PriorHit, Verdict } from './classify/index.js';
import { parseHitHeaders } from './hit-headers.js';
import { parseClient } from './user-agent.js';

/** A stored or pending event as the classifier sees an earlier hit of the copy. */
export function priorOf(row: {
  type: string;
  at: number;
  linkIdx?: number | null;
  ip?: string | null;
  userAgent?: string | null;
  classification?: string;
  reason?: string | null;
}): PriorHit {
  return {
    type: row.type as PriorHit['type'],
    at: row.at,
    linkIndex: row.linkIdx ?? undefined,
    ip: row.ip ?? undefined,
    userAgent: row.userAgent ?? undefined,
    honeypot: row.linkIdx === HONEYPOT_LINK_INDEX,
    classification: (row.classification ?? 'human') as Classification,
    reason: row.reason ?? null,
  };
}

/** What the classifier reads of a logged hit; `internalNetwork`: it came from the workspace's. */
export function factsOf(hit: HitLogRow, internalNetwork: boolean): HitFacts {
  const headers = parseHitHeaders(hit.headers);
  return {
    type: hit.type,
    method: hit.method,
    at: hit.at,
    ip: hit.ip ?? undefined,
    userAgent: hit.userAgent ?? undefined,
    accept: headers.accept,
    secPurpose: headers.secPurpose,
    referer: headers.referer,
    secFetchSite: headers.secFetchSite,
    secFetchMode: headers.secFetchMode,
    linkIndex: hit.linkIdx ?? undefined,
    honeypot: hit.linkIdx === HONEYPOT_LINK_INDEX,
    senderSession: hit.senderSession === 1,
    internalNetwork,
  };
}

/** The event a logged hit becomes, with the classifier's verdict and its client parsed. */
export function eventOf(hit: HitLogRow, verdict: Verdict): NewEventRow {
  const client = hit.userAgent ? parseClient(hit.userAgent) : undefined;
  return {
    id: hit.id,
    workspaceId: hit.workspaceId,
    messageId: hit.messageId,
    recipientId: hit.recipientId,
    type: hit.type,
    at: hit.at,
    linkIdx: hit.linkIdx,
    attachmentId: hit.attachmentId,
    ip: hit.ip,
    userAgent: hit.userAgent,
    client: client ? JSON.stringify(client) : null,
    method: hit.method,
    classification: verdict.classification,
    reason: verdict.reason,
    inferred: 0,
    details: hit.headers,
  };
}
