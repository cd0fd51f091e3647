/**
 * Environment → one typed, frozen configuration object.
 *
 * Every variable of DESIGN.md's table is read here and nowhere else. A bad value throws a
 * ConfigError whose message is one line naming the variable and what it accepts; `main.ts`
 * prints it and exits with code 1. Values that may hold credentials (SECRET, SMTP_URL,
 * DATABASE_URL) are never echoed back in those lines.
 *
 * ALLOWED_HOSTS (comma-separated host names, no port; default: the hosts of PUBLIC_URL and
 * TRACKING_URL plus localhost, 127.0.0.1 and [::1]) lists the `Host` names the server answers;
 * src/app.ts refuses any other with 421 (config/allowed-hosts.ts has the normal form).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { allowedHosts } from './config/allowed-hosts.js';
import { isValidNetwork, parseCidr } from './config/cidr.js';
import type { TrackingIpMode } from './config/kept-ip.js';

export { hostOfHeader } from './config/allowed-hosts.js';
export {
  type Cidr,
  embeddedIpv4,
  ipv6Groups,
  isValidNetwork,
  networkHas,
  parseCidr,
  unmappedIp,
} from './config/cidr.js';
export { keptIp, type TrackingIpMode } from './config/kept-ip.js';
export { localUrlWarning } from './config/local-urls.js';
export type BlobStoreKind = 'fs' | 'postgres';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export type DatabaseConfig =
  | { readonly engine: 'sqlite'; readonly file: string }
  | {
      readonly engine: 'postgres';
      readonly url: string;
      /** Connections each pool of this node may open (DATABASE_POOL_SIZE). */
      readonly poolSize: number;
    };

/** `true` trusts every hop; a list trusts only those proxy addresses or CIDR ranges. */
export type TrustProxy = boolean | readonly string[];

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly publicUrl: string;
  readonly trackingUrl: string;
  readonly dataDir: string;
  readonly database: DatabaseConfig;
  /** Unset: the embedded dev inbox catches all mail. */
  readonly smtpUrl: string | undefined;
  readonly devSmtpPort: number;
  /**
   * SMTP submission for mail clients (SUBMISSION_PORT, default 2587; undefined when set to 0,
   * which turns it off) and its certificate (SUBMISSION_TLS_CERT and SUBMISSION_TLS_KEY, PEM file
   * paths, both or neither; neither: a self-signed pair generated into DATA_DIR).
   */
  readonly submission: SubmissionConfig | undefined;
  /** Secrets from the environment, newest first (the first signs, all verify). Unset: generated. */
  readonly secrets: readonly string[] | undefined;
  readonly attachmentLinkTtlDays: number;
  readonly maxAttachmentBytes: number;
  readonly trackingIp: TrackingIpMode;
  readonly eventRetentionDays: number;
  readonly blobStore: BlobStoreKind;
  readonly trustProxy: TrustProxy;
  /**
   * ALLOW_PRIVATE_NETWORKS (old name WEBHOOK_ALLOW_PRIVATE): webhooks and workspace relays may
   * reach private and loopback addresses (the outbound module's policy).
   */
  readonly allowPrivateNetworks: boolean;
  /** Host names (normal form, see hostOfHeader) the server answers; others get 421. */
  readonly allowedHosts: ReadonlySet<string>;
  readonly logLevel: LogLevel;
}

export interface SubmissionConfig {
  readonly port: number;
  /** The operator's certificate chain and key (absolute paths); undefined: generated. */
  readonly tls: { readonly certFile: string; readonly keyFile: string } | undefined;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

const MIN_SECRET_LENGTH = 32;

/**
 * Reads `.env` (when present) under the process environment: a variable set in the environment
 * wins over the same one in the file, as with `node --env-file`.
 */
export function readEnv(cwd = process.cwd(), env: Env = process.env): Env {
  const file = resolve(cwd, '.env');
  if (!existsSync(file)) return env;
  const fromFile = parseEnv(readFileSync(file, 'utf8'));
  return { ...fromFile, ...env };
}

export function loadConfig(env: Env = readEnv(), cwd = process.cwd()): Config {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };

  const port = integer('PORT', read('PORT'), 3000, 0, 65_535);
  const host = read('HOST') ?? '127.0.0.1';
  const publicUrl = httpUrl('PUBLIC_URL', read('PUBLIC_URL')) ?? `http://localhost:${port}`;
  const trackingUrl = httpUrl('TRACKING_URL', read('TRACKING_URL')) ?? publicUrl;
  const dataDir = resolve(cwd, read('DATA_DIR') ?? './data');
  const database = databaseConfig(read('DATABASE_URL'), dataDir, cwd, read('DATABASE_POOL_SIZE'));
  const blobStore = blobStoreKind(read('BLOB_STORE'), database);

  return Object.freeze({
    port,
    host,
    publicUrl,
    trackingUrl,
    dataDir,
    database: Object.freeze(database),
    smtpUrl: smtpUrl(read('SMTP_URL')),
    devSmtpPort: integer('DEV_SMTP_PORT', read('DEV_SMTP_PORT'), 2525, 0, 65_535),
    submission: submissionConfig(read, cwd),
    secrets: secrets(read('SECRET')),
    attachmentLinkTtlDays: integer(
      'ATTACHMENT_LINK_TTL_DAYS',
      read('ATTACHMENT_LINK_TTL_DAYS'),
      30,
      1,
      3650,
    ),
    maxAttachmentBytes: Math.round(megabytes(read('MAX_ATTACHMENT_MB')) * 1024 * 1024),
    trackingIp: oneOf(
      'TRACKING_IP',
      read('TRACKING_IP'),
      ['anonymize', 'full', 'none'],
      'anonymize',
    ),
    eventRetentionDays: integer(
      'EVENT_RETENTION_DAYS',
      read('EVENT_RETENTION_DAYS'),
      365,
      1,
      36_500,
    ),
    blobStore,
    trustProxy: trustProxy(read('TRUST_PROXY')),
    allowPrivateNetworks: allowPrivateNetworks(read),
    allowedHosts: hosts(read('ALLOWED_HOSTS'), [publicUrl, trackingUrl]),
    logLevel: oneOf(
      'LOG_LEVEL',
      read('LOG_LEVEL'),
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      'info',
    ),
  });
}

function reject(name: string, accepts: string, got?: string): never {
  const shown = got === undefined ? '' : ` (got ${JSON.stringify(got)})`;
  throw new ConfigError(`${name} must be ${accepts}${shown}`);
}

function integer(
  name: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    reject(name, `a whole number from ${min} to ${max}`, raw);
  }
  return Number(raw);
}

function megabytes(raw: string | undefined): number {
  if (raw === undefined) return 25;
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || value <= 0 || value > 1024) {
    reject('MAX_ATTACHMENT_MB', 'a number of megabytes above 0 and at most 1024', raw);
  }
  return value;
}

function boolean(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined) return fallback;
  const lower = raw.toLowerCase();
  if (lower === 'true' || lower === '1') return true;
  if (lower === 'false' || lower === '0') return false;
  return reject(name, '"true" or "false"', raw);
}

/** ALLOW_PRIVATE_NETWORKS, or its old name WEBHOOK_ALLOW_PRIVATE when only that one is set. */
function allowPrivateNetworks(read: (name: string) => string | undefined): boolean {
  const name =
    read('ALLOW_PRIVATE_NETWORKS') === undefined
      ? 'WEBHOOK_ALLOW_PRIVATE'
      : 'ALLOW_PRIVATE_NETWORKS';
  return boolean(name, read(name), false);
}

function oneOf<const T extends string>(
  name: string,
  raw: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (raw === undefined) return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  return reject(name, `one of ${allowed.join(', ')}`, raw);
}

function httpUrl(name: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return reject(name, 'an absolute http:// or https:// URL', raw);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    reject(name, 'an absolute http:// or https:// URL', raw);
  }
  if (url.search || url.hash || url.username || url.password) {
    reject(name, 'a URL without credentials, query or fragment', raw);
  }
  return url.href.replace(/\/+$/, '');
}

function smtpUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || !url.hostname) {
    reject('SMTP_URL', 'an smtp://user:pass@host:port or smtps://… URL');
  }
  return raw;
}

/** SUBMISSION_PORT (0: off) and the certificate files, which go in pairs. */
function submissionConfig(
  read: (name: string) => string | undefined,
  cwd: string,
): SubmissionConfig | undefined {
  const port = integer('SUBMISSION_PORT', read('SUBMISSION_PORT'), 2587, 0, 65_535);
  const certFile = read('SUBMISSION_TLS_CERT');
  const keyFile = read('SUBMISSION_TLS_KEY');
  // Checked even when submission is off: a half-set pair is a mistake either way.
  if ((certFile === undefined) !== (keyFile === undefined)) {
    reject(
      certFile === undefined ? 'SUBMISSION_TLS_CERT' : 'SUBMISSION_TLS_KEY',
      'set together with the other of SUBMISSION_TLS_CERT and SUBMISSION_TLS_KEY (PEM file paths)',
    );
  }
  if (port === 0) return undefined;
  const tls =
    certFile !== undefined && keyFile !== undefined
      ? Object.freeze({ certFile: resolve(cwd, certFile), keyFile: resolve(cwd, keyFile) })
      : undefined;
  return Object.freeze({ port, tls });
}

function databaseConfig(
  raw: string | undefined,
  dataDir: string,
  cwd: string,
  poolSize: string | undefined,
): DatabaseConfig {
  // Checked whatever the engine: a typo should not wait for the day PostgreSQL is switched on.
  const connections = integer('DATABASE_POOL_SIZE', poolSize, 10, 1, 1000);
  if (raw === undefined) return { engine: 'sqlite', file: resolve(dataDir, 'mailbeacon.db') };
  if (/^postgres(ql)?:\/\//i.test(raw)) {
    try {
      new URL(raw);
    } catch {
      reject('DATABASE_URL', 'a postgres://user:pass@host:port/db URL or sqlite:<file path>');
    }
    return { engine: 'postgres', url: raw, poolSize: connections };
  }
  if (raw.startsWith('sqlite:') && raw.length > 'sqlite:'.length) {
    return { engine: 'sqlite', file: resolve(cwd, raw.slice('sqlite:'.length)) };
  }
  return reject('DATABASE_URL', 'a postgres://user:pass@host:port/db URL or sqlite:<file path>');
}

function blobStoreKind(raw: string | undefined, database: DatabaseConfig): BlobStoreKind {
  const fallback = database.engine === 'postgres' ? 'postgres' : 'fs';
  const kind = oneOf('BLOB_STORE', raw, ['fs', 'postgres'], fallback);
  if (kind === 'postgres' && database.engine !== 'postgres') {
    reject('BLOB_STORE', '"fs" unless DATABASE_URL selects PostgreSQL', raw);
  }
  return kind;
}

function secrets(raw: string | undefined): readonly string[] | undefined {
  if (raw === undefined) return undefined;
  const list = raw.split(',').map((s) => s.trim());
  if (list.some((s) => s.length < MIN_SECRET_LENGTH)) {
    reject(
      'SECRET',
      `one or more comma-separated secrets of at least ${MIN_SECRET_LENGTH} characters, newest first`,
    );
  }
  return Object.freeze(list);
}

function hosts(raw: string | undefined, urls: readonly string[]): ReadonlySet<string> {
  const allowed = allowedHosts(raw, urls);
  if ('invalid' in allowed) {
    reject('ALLOWED_HOSTS', 'a comma-separated list of host names, without port', allowed.invalid);
  }
  return allowed as ReadonlySet<string>;
}

function trustProxy(raw: string | undefined): TrustProxy {
  if (raw === undefined) return false;
  const lower = raw.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  const list = raw.split(',').map((s) => s.trim());
  const valid = list.every(isValidNetwork);
  if (!valid) {
    reject(
      'TRUST_PROXY',
      '"true", "false" or a comma-separated list of IP addresses or CIDR ranges',
      raw,
    );
  }
  // A /0 range holds every address: that is `true`, which proxy-addr wants said so (it refuses
  // a zero prefix at start-up, after this check would have let it through).
  if (list.some((network) => parseCidr(network).prefix === 0)) {
    reject('TRUST_PROXY', 'a list without /0 ranges (to trust every hop, write "true")', raw);
  }
  return Object.freeze(list);
}
