import { type DestinationStream, pino, stdSerializers } from 'pino';
import { type Config, keptIp } from './config.js';

/**
 * What a log may keep of text (a message, an error's message and stack, a logged string): the
 * tokens of tracking URLs, the address or entry in a privacy route's path, query strings (an
 * invite, an address in `?email=`), and email addresses, plain or percent-encoded, are replaced
 * by a placeholder. Addresses are matched loosely (any local part, a domain with a letter TLD),
 * so that `JOSÉ.Ünal@ext.example` and `a%2Bb%40x.example` go too; a package's `name@1.2.3` in a
 * stack trace stays.
 */
export function scrubLogText(text: string): string {
  return text
    .replace(/(\/t\/[a-z]\/)[^\s/?#"'<>]+(\/[^\s?#"'<>]*)?/g, '$1[token]')
    .replace(/(\/api\/v1\/(?:do-not-track|recipients|consents)\/)[^\s?#"'<>]+/g, '$1[redacted]')
    .replace(/(\/[^\s?"'<>]*)\?[^\s#"'<>]+/g, '$1?[query]')
    .replace(
      /[^\s"'<>()[\]{},;:/\\?#&=@]+(?:@|%40)(?:[\p{L}\p{N}%-]+\.)+[\p{L}%][\p{L}\p{N}%-]+/gu,
      '[address]',
    );
}

/** A logged value's strings scrubbed, into nested objects (an error's cause, its details). */
function scrubbed(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubLogText(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => scrubbed(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = scrubbed(item, depth + 1);
  return copy;
}

/** A request as Fastify logs it (`{req}`), or a raw Node request. */
interface LoggedRequest {
  readonly method?: string;
  readonly url?: string;
  readonly ip?: string;
  readonly socket?: { readonly remoteAddress?: string };
}

/**
 * The one logger of the process: JSON lines on `destination` (stdout by default). Nothing
 * personal beyond what TRACKING_IP allows is written, and less (issue 13, DESIGN.md "Privacy"):
 * - a request (`req`, as Fastify logs it) is its method, its path scrubbed (scrubLogText) and
 *   the client's address anonymised (/24, /48; none at all when TRACKING_IP is `none`, and never
 *   whole, even when it is `full`); no headers, so no Referer, cookie or user agent;
 * - a response (`res`) is its status code;
 * - an error (`err`) and the message, and every string value logged, are scrubbed;
 * - credentials are redacted wherever they appear.
 * Done here, once, so that no call site has to remember it: the API's and the tracking plugin's
 * request loggers, the processing thread's and the CLI's are all made by this function.
 */
export function createLogger(
  config: Pick<Config, 'logLevel' | 'trackingIp'>,
  destination?: DestinationStream,
) {
  const ipMode = config.trackingIp === 'none' ? 'none' : 'anonymize';
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    redact: [
      'req.headers.authorization',
      'req.headers.cookie',
      'res.headers["set-cookie"]',
      '*.password',
      '*.smtpUrl',
    ],
    serializers: {
      req: (request: LoggedRequest) => {
        const ip = keptIp(request.ip ?? request.socket?.remoteAddress, ipMode);
        return {
          method: request.method,
          url: request.url === undefined ? undefined : scrubLogText(request.url),
          ...(ip ? { ip } : {}),
        };
      },
      res: (reply: { statusCode?: number }) => ({ statusCode: reply.statusCode }),
      err: (error: Error) => scrubbed(stdSerializers.err(error)),
      msg: (message: unknown) => scrubbed(message),
    },
    formatters: {
      // Objects are left to the serializers above; a string logged under any key is scrubbed.
      log: (object) => {
        let copy: Record<string, unknown> | undefined;
        for (const [key, value] of Object.entries(object)) {
          if (typeof value !== 'string') continue;
          copy ??= { ...object };
          copy[key] = scrubLogText(value);
        }
        return copy ?? object;
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
