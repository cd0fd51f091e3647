import type { lookup as dnsLookup } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { guardedLookup } from '../../outbound/index.js';
import { checkTargetUrl } from './target.js';

export interface PostOutcome {
  /** A 2xx answer. */
  readonly ok: boolean;
  /** The receiver's status code, when it answered at all. */
  readonly status: number | null;
  /** Why it did not count as delivered; null when it did. */
  readonly error: string | null;
}

export interface PostOptions {
  readonly allowPrivate: boolean;
  readonly timeoutMs: number;
  /** The resolver the connection's guarded lookup asks (tests stand in for DNS). */
  readonly dnsLookup?: typeof dnsLookup;
}

/** Enough of a refusal's body to tell an admin what the receiver said. */
const MAX_ERROR_BODY = 300;

/**
 * Posts one delivery. The target is checked again here, not only at subscription time: the
 * literal host now, and every address DNS gives at connect time (the request connects to
 * exactly the addresses the check saw). Redirects are not followed: a 3xx is a failure. Never
 * throws; every failure comes back as an outcome.
 */
export function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: PostOptions,
): Promise<PostOutcome> {
  const target = checkTargetUrl(url, options.allowPrivate);
  if (!target.ok) return Promise.resolve({ ok: false, status: null, error: target.reason });
  const client = target.url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const request = client.request(
      target.url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'Mailbeacon-Webhooks/1',
          ...headers,
        },
        // A fresh connection per delivery: nothing reuses a socket whose address was checked
        // for another host, and a receiver that restarts is reached at once.
        agent: false,
        ...(options.allowPrivate ? {} : { lookup: guardedLookup(options.dnsLookup) }),
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (response) => {
        const status = response.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () => {
          const said = Buffer.concat(chunks).toString('utf8').replace(/\s+/g, ' ').trim();
          if (status >= 200 && status < 300) return settle({ ok: true, status, error: null });
          const why =
            status >= 300 && status < 400
              ? ' (redirects are not followed)'
              : said
                ? `: ${said}`
                : '';
          settle({ ok: false, status, error: `HTTP ${status}${why}`.slice(0, MAX_ERROR_BODY) });
        };
        response.on('data', (chunk: Buffer) => {
          if (size < MAX_ERROR_BODY) chunks.push(chunk);
          size += chunk.length;
          // The status is all that counts: stop reading a large answer early.
          if (size >= MAX_ERROR_BODY) {
            finish();
            response.destroy();
          }
        });
        response.on('end', finish);
        response.on('error', finish);
        response.on('close', finish);
      },
    );
    request.on('error', (error: Error) => {
      const timedOut = error.name === 'AbortError' || error.name === 'TimeoutError';
      const message = timedOut
        ? `no answer within ${Math.round(options.timeoutMs / 1000)} s`
        : error.message || String(error);
      settle({ ok: false, status: null, error: message });
    });
    request.end(body);
  });
}
