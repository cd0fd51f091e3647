import { createPrivateKey, X509Certificate } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import { ConfigError, type SubmissionConfig } from '../config.js';
import { createSelfSigned } from './self-signed.js';

/** The generated pair's files in DATA_DIR: the key 0600, the certificate 0644 (it is public). */
export const GENERATED_KEY_FILE = 'submission-tls.key';
export const GENERATED_CERT_FILE = 'submission-tls.crt';

/** A generated certificate is replaced when less than this is left of it (ms): 30 days. */
const RENEW_BEFORE_MS = 30 * 86_400_000;

export interface SubmissionTls {
  /** PEM. */
  readonly cert: string;
  /** PEM; never logged. */
  readonly key: string;
  /** The certificate's SHA-256 fingerprint (`AB:CD:…`), what a mail client's warning shows. */
  readonly fingerprint: string;
  /** `operator` (SUBMISSION_TLS_CERT/KEY), `generated` now, or `kept` (generated earlier). */
  readonly source: 'operator' | 'generated' | 'kept';
}

/**
 * The names a generated certificate carries: `localhost`, the loopback addresses, the host of
 * PUBLIC_URL, the host the server listens on when it is a specific one, and this machine's name.
 */
export function certificateNames(publicUrl: string, host: string, hostname: string): string[] {
  const names = ['localhost', new URL(publicUrl).hostname.replace(/^\[|\]$/g, ''), hostname];
  if (host !== '0.0.0.0' && host !== '::') names.push(host);
  names.push('127.0.0.1', '::1');
  const valid = names.filter(
    (name) => isIP(name) !== 0 || /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]*[a-z0-9])?\.?)+$/i.test(name),
  );
  return [...new Set(valid.map((name) => name.toLowerCase()))];
}

/**
 * The certificate and key STARTTLS offers (RFC 3207): the operator's files when
 * SUBMISSION_TLS_CERT and SUBMISSION_TLS_KEY are set (a file that cannot be read, or a key that
 * is not the certificate's, throws a ConfigError naming the variable), else the self-signed pair
 * in `dataDir`, made on first start, and made again when it is unreadable, expires within 30
 * days or does not name one of `names`. `now` in epoch ms.
 */
export function loadSubmissionTls(
  config: SubmissionConfig,
  dataDir: string,
  names: readonly string[],
  now: number,
): SubmissionTls {
  if (config.tls) {
    const cert = readPem('SUBMISSION_TLS_CERT', config.tls.certFile);
    const key = readPem('SUBMISSION_TLS_KEY', config.tls.keyFile);
    const problem = pairProblem(cert, key);
    if (problem) throw new ConfigError(`SUBMISSION_TLS_CERT and SUBMISSION_TLS_KEY: ${problem}`);
    return { cert, key, fingerprint: fingerprintOf(cert), source: 'operator' };
  }
  const keyFile = join(dataDir, GENERATED_KEY_FILE);
  const certFile = join(dataDir, GENERATED_CERT_FILE);
  const kept = readGenerated(certFile, keyFile, names, now);
  if (kept) return kept;
  const made = createSelfSigned(names, new Date(now));
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // Written aside and renamed into place: a crash never leaves half a key behind.
  writeFileSync(`${keyFile}.tmp`, made.key, { mode: 0o600 });
  chmodSync(`${keyFile}.tmp`, 0o600);
  writeFileSync(`${certFile}.tmp`, made.cert, { mode: 0o644 });
  renameSync(`${keyFile}.tmp`, keyFile);
  renameSync(`${certFile}.tmp`, certFile);
  return { ...made, fingerprint: fingerprintOf(made.cert), source: 'generated' };
}

function readPem(variable: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigError(`${variable} must name a readable PEM file (${file}: ${code})`);
  }
}

/** Why `cert` and `key` cannot serve TLS together, or undefined when they can. */
function pairProblem(cert: string, key: string): string | undefined {
  try {
    const x509 = new X509Certificate(cert);
    if (!x509.checkPrivateKey(createPrivateKey(key))) return 'the key is not the certificate’s';
    createSecureContext({ cert, key });
    return undefined;
  } catch (error) {
    // The parser's reason only; never the file's content.
    return `not a PEM certificate and its private key (${(error as Error).message})`;
  }
}

/** The pair generated earlier, when it is still whole, current and names every one of `names`. */
function readGenerated(
  certFile: string,
  keyFile: string,
  names: readonly string[],
  now: number,
): SubmissionTls | undefined {
  let cert: string;
  let key: string;
  try {
    cert = readFileSync(certFile, 'utf8');
    key = readFileSync(keyFile, 'utf8');
  } catch {
    return undefined;
  }
  if (pairProblem(cert, key)) return undefined;
  const x509 = new X509Certificate(cert);
  if (Date.parse(x509.validTo) - now < RENEW_BEFORE_MS) return undefined;
  const named = names.every((name) =>
    isIP(name) ? x509.checkIP(name) !== undefined : x509.checkHost(name) !== undefined,
  );
  if (!named) return undefined;
  chmodSync(keyFile, 0o600);
  return { cert, key, fingerprint: fingerprintOf(cert), source: 'kept' };
}

function fingerprintOf(cert: string): string {
  return new X509Certificate(cert).fingerprint256;
}
