// Mail goes to real recipients once SMTP_URL names a relay; the links in it are only as good as
// PUBLIC_URL (invites, password resets) and TRACKING_URL (every tracked link, pixel and download
// button). Left at their default, they name localhost, which no recipient can reach.

/** Host names that mean "this machine" to whoever opens the link. */
function isLocalHost(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name === '::1' ||
    /^127(?:\.\d{1,3}){3}$/.test(name)
  );
}

/**
 * The one-line start-up warning when mail goes out through a relay (`smtpUrl` set) while the
 * URLs put into it name this machine (localhost, 127.0.0.0/8, ::1): PUBLIC_URL unset takes
 * `http://localhost:$PORT`. Undefined when there is nothing to warn of (the dev inbox keeps all
 * mail on the machine, so localhost links are right there).
 */
export function localUrlWarning(config: {
  readonly smtpUrl: string | undefined;
  readonly publicUrl: string;
  readonly trackingUrl: string;
}): string | undefined {
  if (config.smtpUrl === undefined) return undefined;
  const local = (
    [
      ['PUBLIC_URL', config.publicUrl],
      ['TRACKING_URL', config.trackingUrl],
    ] as const
  ).filter(([, url]) => isLocalHost(new URL(url).hostname));
  if (local.length === 0) return undefined;
  const names = local.map(([name, url]) => `${name} is ${url}`).join(' and ');
  return `SMTP_URL is set but ${names}: real recipients would get links to this machine they cannot open; set ${local.map(([name]) => name).join(' and ')} to the address they reach`;
}
