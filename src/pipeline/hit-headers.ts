import type { IncomingHttpHeaders } from 'node:http';

/**
 * The request headers the classifier reads, as the hit log and the event keep them: each cut
 * to 300 characters, the Referer reduced to its origin (a full URL may be personal), and the
 * four speculative-load markers (Sec-Purpose, Purpose, X-Purpose, X-Moz) folded into one.
 */
export interface HitHeaders {
  accept?: string;
  secPurpose?: string;
  secFetchSite?: string;
  secFetchMode?: string;
  referer?: string;
}

const MAX_HEADER = 300;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' ? value.slice(0, MAX_HEADER) : undefined;
}

function originOf(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

/** The classifier's headers of a request as JSON, or null when it sent none of them. */
export function hitHeaders(headers: IncomingHttpHeaders): string | null {
  const kept: HitHeaders = {};
  const accept = header(headers, 'accept');
  if (accept !== undefined) kept.accept = accept;
  const purpose =
    header(headers, 'sec-purpose') ??
    header(headers, 'purpose') ??
    header(headers, 'x-purpose') ??
    header(headers, 'x-moz');
  if (purpose !== undefined) kept.secPurpose = purpose;
  const site = header(headers, 'sec-fetch-site');
  if (site !== undefined) kept.secFetchSite = site;
  const mode = header(headers, 'sec-fetch-mode');
  if (mode !== undefined) kept.secFetchMode = mode;
  const referer = originOf(header(headers, 'referer'));
  if (referer !== undefined) kept.referer = referer;
  return Object.keys(kept).length > 0 ? JSON.stringify(kept) : null;
}

/** The stored JSON read back; anything unreadable counts as no headers. */
export function parseHitHeaders(json: string | null): HitHeaders {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' ? (value as HitHeaders) : {};
  } catch {
    return {};
  }
}
