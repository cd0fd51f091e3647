/** What an SMTP URL says, decoded. */
export interface SmtpUrl {
  host: string;
  port: number;
  /** smtps://: TLS from the first byte. smtp://: plain, upgraded with STARTTLS when offered. */
  secure: boolean;
  auth?: { user: string; pass: string };
  /** `?tls=required`: fail unless the session is encrypted (STARTTLS must be offered). */
  requireTls: boolean;
  /** `?tls=insecure`: accept any certificate (self-signed, wrong name, expired). */
  insecureTls: boolean;
  /** `smtp://user:***@host:port`: safe to log or put in an error message. */
  redacted: string;
}

const TLS_FLAGS = new Set(['insecure', 'required']);

/**
 * Parses `smtp://[user[:pass]@]host[:port][?tls=insecure|required]` or `smtps://…`.
 *
 * Userinfo is percent-decoded (a password with `@` or `:` is written `%40`, `%3A`). Ports
 * default to 587 (submission, STARTTLS) and 465 (implicit TLS). `tls` takes a comma-separated
 * list: `insecure` accepts self-signed certificates (a local relay; never across the internet),
 * `required` refuses to send in plaintext. Anything else is refused with a TypeError that
 * names the problem but never the password.
 */
export function parseSmtpUrl(url: string): SmtpUrl {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError('SMTP URL is not a URL: expected smtp://[user:pass@]host[:port]');
  }
  const scheme = parsed.protocol;
  if (scheme !== 'smtp:' && scheme !== 'smtps:') {
    throw new TypeError(`SMTP URL scheme "${scheme}" is not supported: use smtp:// or smtps://`);
  }
  const secure = scheme === 'smtps:';
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw new TypeError('SMTP URL has no host');
  const port = parsed.port ? Number(parsed.port) : secure ? 465 : 587;
  if (parsed.pathname !== '' && parsed.pathname !== '/') {
    throw new TypeError(
      `SMTP URL has a path (${parsed.pathname}); only host, port and ?tls= are read`,
    );
  }
  let auth: SmtpUrl['auth'];
  if (parsed.username || parsed.password) {
    try {
      auth = {
        user: decodeURIComponent(parsed.username),
        pass: decodeURIComponent(parsed.password),
      };
    } catch {
      throw new TypeError(
        'SMTP URL user or password is not valid percent-encoding (write % as %25)',
      );
    }
  }
  const flags = new Set<string>();
  for (const [key, value] of parsed.searchParams) {
    if (key !== 'tls') {
      throw new TypeError(`SMTP URL parameter "${key}" is unknown; the only one is tls`);
    }
    for (const flag of value.split(',').map((f) => f.trim().toLowerCase())) {
      if (!TLS_FLAGS.has(flag)) {
        throw new TypeError(
          `SMTP URL tls=${value} is not understood: use tls=insecure, tls=required or both`,
        );
      }
      flags.add(flag);
    }
  }
  const hostPort = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const userinfo = auth ? `${encodeURIComponent(auth.user)}:***@` : '';
  return {
    host,
    port,
    secure,
    auth,
    requireTls: flags.has('required'),
    insecureTls: flags.has('insecure'),
    redacted: `${secure ? 'smtps' : 'smtp'}://${userinfo}${hostPort}`,
  };
}
