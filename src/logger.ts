import { type DestinationStream, pino, stdSerializers } from 'pino';
import { type Config, keptIp } from './config.js';

// An at-sign as it reaches a log: plain, percent-encoded once or more (`%40`, `%2540`, …).
const AT = '(?:@|%(?:25)*40)';
const HAS_AT = new RegExp(`.${AT}`, 'iu');

/**
 * An email address in free text (RFC 5322 / 6531): a local part that is a dot-atom (every
 * atext character, `!#$%&'*+/=?^_\`{|}~-`, and any non-ASCII one: everything but whitespace,
 * controls and the specials `()<>[]:;@\,"`) or a quoted string (`"a b"`, `"a\"b"`, also as
 * JSON escapes it: `\"A B\"`), the at-sign in any of its encodings, and a domain that is a host
 * name with a letter TLD (`bücher.example`, `%C3%BC.example`), an IP literal (`[1.2.3.4]`,
 * `[IPv6:…]`, `%5B…%5D`) or a bare IPv4 address. Lengths are bounded so a long line costs
 * linear time. A package's `name@1.2.3` (three numbers) is no address.
 */
const ADDRESS = new RegExp(
  String.raw`(?:\\*"(?:\\+"|[^"\r\n]){0,128}?\\*"|[^\s\x00-\x1F\x7F"(),:;<>@[\\\]]{1,256})${AT}` +
    String.raw`(?:(?:\[|%5B)[^\]\s]{1,64}?(?:\]|%5D)|(?:[\p{L}\p{M}\p{N}%_-]{1,63}\.)+[\p{L}%][\p{L}\p{M}\p{N}%-]{0,62}|\d{1,3}(?:\.\d{1,3}){3}(?!\d))`,
  'giu',
);

/**
 * A path in text: from a `/` that starts one (at the start, after whitespace, a quote, a
 * bracket, `=`, `,` or `:` (`GET:/…`), or after a URL's `scheme://host`) through its segments. A segment may
 * hold a quoted string only right before an at-sign (`"lee%20b"@x.com`), so a quote that ends
 * the text around a path ends the path too.
 */
const SEGMENT = String.raw`(?:[^\s/?#<>"]|"[^"\s/?#<>]*"(?=${AT}))*`;
const PATH = new RegExp(
  String.raw`\/(?<=(?:^|[\s"'(<=[{,:]|:\/\/[^\s/?#]{0,255})\/)${SEGMENT}(?:\/${SEGMENT})*`,
  'giu',
);
// A package and its version in a stack trace (`fastify@5.12.8`, pnpm's `a@1.0.0_b@2.0.0`).
const PACKAGE = /^@?[\w.+-]+@\d+\.\d+\.\d+(?:[-+_(].*)?$/u;

/** A path segment that holds an at-sign after at least one character, but for a package's. */
function isAddressSegment(segment: string): boolean {
  return HAS_AT.test(segment) && !PACKAGE.test(segment);
}

/**
 * What a log may keep of text (a message, an error's message and stack, a logged string), the
 * one scrubber of the process (issue 13 point 5). Replaced by a placeholder:
 * - the token of a tracking URL (`/t/o/[token]`);
 * - the entry in a privacy route's path (`/api/v1/recipients/[redacted]`);
 * - every path segment holding an at-sign, plain or percent-encoded any number of times, whole
 *   (`/api/v1/messages/[address]`): whatever its local part or domain, it is no one's business;
 * - query strings (`?[query]`: an invite, an address in `?email=`);
 * - email addresses in the rest of the text (ADDRESS: quoted local parts, every atext character,
 *   Unicode, IP domains), plain or percent-encoded.
 * A scoped package's `/@fastify/` and a version's `fastify@5.12.8` in a stack trace stay.
 */
export function scrubLogText(text: string): string {
  const scrubbed = text
    .replace(/(\/t\/[a-z]\/)[^\s/?#"'<>]+(\/[^\s?#"'<>]*)?/g, '$1[token]')
    .replace(
      /(\/api\/v1\/(?:do-not-track|recipients|consents)\/)(?:"[^"\s?#<>]*"|[^\s?#<>"])+/g,
      '$1[redacted]',
    );
  const paths = HAS_AT.test(scrubbed)
    ? scrubbed.replace(PATH, (path) =>
        path
          .split('/')
          .map((segment) => (isAddressSegment(segment) ? '[address]' : segment))
          .join('/'),
      )
    : scrubbed;
  const queries = paths.replace(/\?(?<=\/[^\s?<>/]*\?)[^\s#"<>]+/g, '?[query]');
  return HAS_AT.test(queries) ? queries.replace(ADDRESS, '[address]') : queries;
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
