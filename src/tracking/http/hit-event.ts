import type { FastifyRequest } from 'fastify';
import type { TrackingIpMode } from '../../config.js';
import { type EventType, type NewEventRow, newId, type TrackedCopy } from '../../store/index.js';
import type { HitFacts } from '../classify/index.js';
import { keptIp } from '../client-ip.js';
import { parseClient } from '../user-agent.js';

const MAX_USER_AGENT = 1000;

/** The headers a classifier reads; the Referer only as its origin (a full URL may be personal). */
function details(request: FastifyRequest): string | null {
  const header = (name: string) => {
    const value = request.headers[name];
    return typeof value === 'string' ? value.slice(0, 300) : undefined;
  };
  let refererOrigin: string | undefined;
  try {
    const referer = header('referer');
    refererOrigin = referer ? new URL(referer).origin : undefined;
  } catch {
    refererOrigin = undefined;
  }
  const facts = {
    accept: header('accept'),
    secPurpose:
      header('sec-purpose') ?? header('purpose') ?? header('x-purpose') ?? header('x-moz'),
    secFetchSite: header('sec-fetch-site'),
    secFetchMode: header('sec-fetch-mode'),
    referer: refererOrigin,
  };
  const present = Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined));
  return Object.keys(present).length > 0 ? JSON.stringify(present) : null;
}

export function hitEvent(
  request: FastifyRequest,
  copy: TrackedCopy,
  type: EventType,
  ipMode: TrackingIpMode,
  target: { linkIdx?: number; attachmentId?: string } = {},
): NewEventRow {
  const at = Date.now();
  const userAgent = request.headers['user-agent']?.slice(0, MAX_USER_AGENT);
  const client = parseClient(userAgent);
  return {
    id: newId(at),
    workspaceId: copy.workspaceId,
    messageId: copy.messageId,
    recipientId: copy.recipientId,
    type,
    at,
    linkIdx: target.linkIdx ?? null,
    attachmentId: target.attachmentId ?? null,
    ip: keptIp(request.ip, ipMode),
    userAgent: userAgent ?? null,
    client: client ? JSON.stringify(client) : null,
    method: request.method,
    classification: 'human',
    reason: null,
    inferred: 0,
    details: details(request),
  };
}

/** What the classifier reads off the request, before the address is anonymised. */
export function hitFacts(
  request: FastifyRequest,
  type: EventType,
  target: { linkIdx?: number },
  who: { senderSession: boolean; internalNetwork: boolean; honeypot: boolean },
): HitFacts {
  const header = (name: string) => {
    const value = request.headers[name];
    return typeof value === 'string' ? value : undefined;
  };
  return {
    type,
    method: request.method,
    at: Date.now(),
    ip: request.ip,
    userAgent: header('user-agent'),
    accept: header('accept'),
    secPurpose: header('sec-purpose'),
    purpose: header('purpose'),
    xPurpose: header('x-purpose'),
    xMoz: header('x-moz'),
    referer: header('referer'),
    secFetchSite: header('sec-fetch-site'),
    secFetchMode: header('sec-fetch-mode'),
    linkIndex: target.linkIdx,
    ...who,
  };
}
