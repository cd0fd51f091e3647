import type { FastifyRequest } from 'fastify';
import { hostOfHeader } from '../../config.js';
import { MailbeaconError } from '../../errors.js';

/**
 * The host a request names, as RFC 9112 §3.2 and §3.2.2 read it, or why it names none we can
 * use: `malformed` (400) for a request no server may answer, `misdirected` (421) for one that
 * names a host we do not answer for.
 */
type HostReading =
  | { readonly kind: 'named'; readonly hosts: readonly string[] }
  | { readonly kind: 'malformed'; readonly reason: string }
  | { readonly kind: 'misdirected' };

/** How many `Host` header lines the request carried (Node joins none of them: it keeps the first). */
function hostLineCount(rawHeaders: readonly string[]): number {
  let count = 0;
  for (let index = 0; index < rawHeaders.length; index += 2) {
    if (rawHeaders[index]?.toLowerCase() === 'host') count += 1;
  }
  return count;
}

/**
 * The authority of an absolute-form request target (`GET http://example.com/path HTTP/1.1`),
 * undefined for the origin form (`/path`) and `*`. RFC 9112 §3.2.2: a server MUST ignore the Host
 * header of such a request and use the target's host instead; Node and Fastify route it by its
 * path and leave the host unchecked, so a rebinding page could name us there.
 */
function absoluteFormHost(target: string): string | undefined {
  if (target.startsWith('/') || target === '*') return undefined;
  if (!URL.canParse(target)) return '';
  return new URL(target).host;
}

/**
 * What the request says about its host (RFC 9112 §3.2): exactly one Host header line in
 * HTTP/1.1 (none, or several, is a 400); in HTTP/1.0 a missing Host is allowed by the protocol
 * but names nothing we answer for, so it is 421 like any other name we do not serve. An
 * absolute-form target's host must be ours too (RFC 9112 §3.2.2), and so must the Host line
 * (which the app reads downstream): a request naming two different hosts is refused either way.
 */
function readHosts(request: FastifyRequest): HostReading {
  const raw = request.raw;
  // HTTP/2 has no Host line: its `:authority` pseudo-header is Fastify's `request.host`.
  if (raw.httpVersionMajor >= 2) return { kind: 'named', hosts: [request.host] };
  const lines = hostLineCount(raw.rawHeaders);
  if (lines > 1) {
    return { kind: 'malformed', reason: 'A request has one Host header, not several' };
  }
  if (lines === 0 && raw.httpVersionMinor >= 1) {
    return { kind: 'malformed', reason: 'An HTTP/1.1 request must carry a Host header' };
  }
  if (lines === 0) return { kind: 'misdirected' };
  const target = absoluteFormHost(raw.url ?? '/');
  return { kind: 'named', hosts: target === undefined ? [request.host] : [target, request.host] };
}

/**
 * The refusal due to a request whose host is missing, doubled or not one of `allowed`
 * (ALLOWED_HOSTS), or undefined when it may proceed. Hosts are compared without their port and
 * case (see `hostOfHeader`). A DNS-rebinding page reaches us under the attacker's own name,
 * which no operator lists; refusing it is RFC 9110 §15.5.20's 421 Misdirected Request. The
 * port is not compared: the browser connected to our port whatever name it used, and behind a
 * proxy the port it shows is the proxy's. `request.host` is X-Forwarded-Host only where
 * TRUST_PROXY trusts the sender.
 */
export function hostRefusal(
  request: FastifyRequest,
  allowed: ReadonlySet<string>,
): MailbeaconError | undefined {
  const reading = readHosts(request);
  if (reading.kind === 'malformed')
    return new MailbeaconError('MB_ERR_BAD_REQUEST', reading.reason);
  if (reading.kind === 'misdirected') return new MailbeaconError('MB_ERR_MISDIRECTED');
  for (const host of reading.hosts) {
    const name = hostOfHeader(host);
    if (name === undefined || !allowed.has(name)) return new MailbeaconError('MB_ERR_MISDIRECTED');
  }
  return undefined;
}

/**
 * The path of a request target, also for the absolute form (`http://host/t/o/x` → `/t/o/x`),
 * so that a refusal picks its page (the recipient's, or JSON) by the path it was sent to.
 */
export function targetPath(target: string | undefined): string {
  const host = absoluteFormHost(target ?? '/');
  if (host === undefined) return target ?? '/';
  return URL.canParse(target ?? '') ? new URL(target ?? '').pathname : '/';
}
