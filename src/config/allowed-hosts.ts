// ALLOWED_HOSTS: the Host names the server answers, a DNS-rebinding guard. One normal form for
// both sides of the comparison (the configured names and each request's Host header), so the
// check itself is a Set lookup.

/** Names every installation answers to: the machine itself, however a local browser names it. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

// A DNS name (labels of letters, digits and hyphens), or an IPv4 address, which has that shape.
const DNS_NAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
// What may sit between IPv6 brackets: hex groups, colons, and a dotted IPv4 tail.
const IPV6 = /^[0-9a-f:.]{2,45}$/;

/**
 * A host name in the form compared: lower-case, an IPv6 address in brackets (`::1` and `[::1]`
 * are the same name). Undefined when `raw` is no host name (a port, a path, a space, a wildcard).
 */
export function normalHostName(raw: string): string | undefined {
  const name = raw.trim().toLowerCase();
  if (name.startsWith('[') && name.endsWith(']')) {
    return IPV6.test(name.slice(1, -1)) && name.includes(':') ? name : undefined;
  }
  if (name.includes(':')) return IPV6.test(name) ? `[${name}]` : undefined;
  return DNS_NAME.test(name) ? name : undefined;
}

/**
 * The host name a `Host` header (RFC 9110 §7.2: `uri-host [ ":" port ]`) names, in normal form,
 * the port dropped: `Example.COM:8080` → `example.com`, `[::1]:3000` → `[::1]`. Undefined when
 * the header holds no host name.
 */
export function hostOfHeader(header: string): string | undefined {
  const value = header.trim();
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    if (end < 0) return undefined;
    const port = value.slice(end + 1);
    if (port !== '' && !/^:\d*$/.test(port)) return undefined;
    return normalHostName(value.slice(0, end + 1));
  }
  const colon = value.lastIndexOf(':');
  if (colon >= 0 && !/^\d*$/.test(value.slice(colon + 1))) return undefined;
  return normalHostName(colon >= 0 ? value.slice(0, colon) : value);
}

/**
 * ALLOWED_HOSTS as a set of normal host names: the comma-separated list when set, else the hosts
 * of `publicUrl` and `trackingUrl` with the loopback names. Returns the offending entry as
 * `{ invalid }` when an entry is no bare host name (a port or a scheme included).
 */
export function allowedHosts(
  raw: string | undefined,
  urls: readonly string[],
): ReadonlySet<string> | { readonly invalid: string } {
  const entries =
    raw === undefined
      ? [...urls.map((url) => new URL(url).hostname), ...LOOPBACK_NAMES]
      : raw.split(',').filter((entry) => entry.trim() !== '');
  const names = new Set<string>();
  for (const entry of entries) {
    const name = normalHostName(entry);
    if (name === undefined) return { invalid: entry.trim() };
    names.add(name);
  }
  return names.size === 0 ? { invalid: raw ?? '' } : names;
}
