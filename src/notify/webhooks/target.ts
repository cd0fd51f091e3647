import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { forbiddenAddress } from './ip-ranges.js';

export type TargetProblem = 'invalid' | 'forbidden' | 'unresolvable';

export type TargetCheck =
  | { readonly ok: true; readonly url: URL }
  | { readonly ok: false; readonly problem: TargetProblem; readonly reason: string };

/** All addresses a host name resolves to (as the system resolver answers a connection). */
export type Resolver = (hostname: string) => Promise<string[]>;

export interface TargetOptions {
  /** WEBHOOK_ALLOW_PRIVATE: private and loopback targets are allowed (tests, intranets). */
  readonly allowPrivate: boolean;
  readonly resolve?: Resolver;
}

const MAX_URL_LENGTH = 2048;

const refuse = (problem: TargetProblem, reason: string): TargetCheck => ({
  ok: false,
  problem,
  reason,
});

/** The host as an address when it is one (URL keeps IPv6 in brackets), else undefined. */
function literalAddress(url: URL): string | undefined {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(host) ? host : undefined;
}

/** `localhost` and its subdomains are loopback by definition (RFC 6761), whatever DNS says. */
function isLocalhostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
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
  if (isLocalhostName(url.hostname)) {
    return refuse('forbidden', `The webhook URL points at this machine (${url.hostname})`);
  }
  const address = literalAddress(url);
  const kind = address === undefined ? undefined : forbiddenAddress(address);
  if (kind) return refuse('forbidden', `The webhook URL points at a ${kind} address (${address})`);
  return { ok: true, url };
}

export const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => {
      if (error) reject(error);
      else resolve(addresses.map((a) => a.address));
    });
  });

/**
 * The full check at subscription time: the URL, then every address its host resolves to. A host
 * with one public and one private address is refused, as a connection may pick either.
 */
export async function checkWebhookTarget(
  raw: string,
  options: TargetOptions,
): Promise<TargetCheck> {
  const checked = checkTargetUrl(raw, options.allowPrivate);
  if (!checked.ok || options.allowPrivate || literalAddress(checked.url)) return checked;
  const hostname = checked.url.hostname;
  let addresses: string[];
  try {
    addresses = await (options.resolve ?? systemResolver)(hostname);
  } catch {
    return refuse('unresolvable', `The webhook URL’s host ${hostname} does not resolve`);
  }
  if (addresses.length === 0) {
    return refuse('unresolvable', `The webhook URL’s host ${hostname} does not resolve`);
  }
  for (const address of addresses) {
    const kind = forbiddenAddress(address);
    if (kind) {
      return refuse('forbidden', `${hostname} resolves to a ${kind} address (${address})`);
    }
  }
  return checked;
}

/** The error a connection fails with when its host resolved to a refused address. */
export class ForbiddenTargetError extends Error {
  override readonly name = 'ForbiddenTargetError';
  readonly code = 'EWEBHOOKFORBIDDEN';
}

/**
 * A `lookup` for http(s).request that resolves, checks every address and hands the connection
 * exactly the addresses it checked: DNS answering differently between a check and the connect
 * (rebinding) cannot slip a private address through. Node calls it with `all: true` when it
 * tries several addresses (happy eyeballs), with a single answer otherwise.
 */
export function guardedLookup(resolveAll: typeof dnsLookup = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolveAll(
      hostname,
      { family: options.family, hints: options.hints, all: true },
      (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => {
        if (error) return callback(error, '', 4);
        for (const { address } of addresses) {
          const kind = forbiddenAddress(address);
          if (kind) {
            const refused = new ForbiddenTargetError(
              `${hostname} resolves to a ${kind} address (${address})`,
            );
            return callback(refused, '', 4);
          }
        }
        const first = addresses[0];
        if (!first) return callback(new Error(`${hostname} does not resolve`), '', 4);
        if (options.all) return (callback as AllCallback)(null, addresses);
        callback(null, first.address, first.family);
      },
    );
  };
}

type AllCallback = (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void;
