import { isIP } from 'node:net';
import {
  checkOutboundHost,
  literalHostRefusal,
  type OutboundPolicy,
} from '../../outbound/index.js';

export type TargetProblem = 'invalid' | 'forbidden' | 'unresolvable';

export type TargetCheck =
  | { readonly ok: true; readonly url: URL }
  | { readonly ok: false; readonly problem: TargetProblem; readonly reason: string };

/** ALLOW_PRIVATE_NETWORKS, and the resolver to ask (outbound's policy). */
export type TargetOptions = OutboundPolicy;

const MAX_URL_LENGTH = 2048;

const refuse = (problem: TargetProblem, reason: string): TargetCheck => ({
  ok: false,
  problem,
  reason,
});

/** The host as URL keeps it, without IPv6's brackets. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * What can be said of a URL without DNS: http(s), no credentials, and a literal address or
 * `localhost` that is not private. The WHATWG parser has already turned `http://2130706433/`
 * and `http://0x7f.1/` into `127.0.0.1`, so those tricks meet the address check like any other.
 */
export function checkTargetUrl(raw: string, allowPrivate: boolean): TargetCheck {
  if (raw.length > MAX_URL_LENGTH) return refuse('invalid', 'The URL is too long');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('invalid', 'The webhook URL is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return refuse('invalid', `The webhook URL must be http or https, not ${url.protocol}`);
  }
  if (url.username || url.password) {
    return refuse('invalid', 'The webhook URL may not carry a user name or password');
  }
  if (allowPrivate) return { ok: true, url };
  const refusal = literalHostRefusal(hostOf(url));
  if (refusal) return refuse('forbidden', `The webhook URL’s host: ${refusal}`);
  return { ok: true, url };
}

/**
 * The full check at subscription time: the URL, then every address its host resolves to
 * (outbound's checkOutboundHost). A literal address is not sent to DNS.
 */
export async function checkWebhookTarget(
  raw: string,
  options: TargetOptions,
): Promise<TargetCheck> {
  const checked = checkTargetUrl(raw, options.allowPrivate);
  if (!checked.ok || options.allowPrivate || isIP(hostOf(checked.url))) return checked;
  const host = await checkOutboundHost(hostOf(checked.url), options);
  if (!host.ok) return refuse(host.problem, `The webhook URL’s host: ${host.reason}`);
  return checked;
}
