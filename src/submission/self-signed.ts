import { generateKeyPairSync, randomBytes, sign, X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import {
  bitString,
  boolean,
  explicit,
  implicit,
  integer,
  octetString,
  oid,
  sequence,
  set,
  time,
  utf8String,
} from './der.js';

/** ecdsa-with-SHA256 (RFC 5758 §3.2): the signature algorithm, without parameters. */
const ECDSA_SHA256 = sequence(oid('1.2.840.10045.4.3.2'));

/**
 * How long a generated certificate lasts, in days: 825, the most Apple's clients accept for a
 * TLS server certificate (support.apple.com/HT210176), and long enough that a user who accepted
 * it in their mail client is not asked again soon.
 */
export const SELF_SIGNED_DAYS = 825;

export interface SelfSigned {
  /** The certificate, PEM. */
  readonly cert: string;
  /** Its private key (PKCS #8, PEM): a secret, to be written 0600. */
  readonly key: string;
}

/** An IPv4 or IPv6 address's bytes, for a subjectAltName iPAddress (RFC 5280 §4.2.1.6). */
function ipBytes(address: string): Buffer {
  if (isIP(address) === 4) return Buffer.from(address.split('.').map(Number));
  const [head = '', tail = ''] = address.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const before = groups(head);
  const after = groups(tail);
  const all = address.includes('::')
    ? [...before, ...Array(8 - before.length - after.length).fill('0'), ...after]
    : before;
  return Buffer.from(all.flatMap((group) => [parseInt(group, 16) >> 8, parseInt(group, 16) & 255]));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return sequence(oid(id), ...(critical ? [boolean(true)] : []), octetString(value));
}

/**
 * A self-signed TLS server certificate for `names` (host names and IP addresses, the first also
 * its common name), valid from an hour before `now` for SELF_SIGNED_DAYS, on a new ECDSA P-256
 * key. Pure node:crypto: the certificate is written in DER (RFC 5280) and signed here, so no
 * `openssl` binary or package is needed. Checks its own signature before returning; throws if it
 * does not verify (a bug, not an input problem).
 */
export function createSelfSigned(names: readonly string[], now: Date): SelfSigned {
  if (names.length === 0) throw new Error('a certificate needs at least one name');
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const serial = randomBytes(16);
  serial[0]! &= 0x7f;
  const subject = sequence(set(sequence(oid('2.5.4.3'), utf8String(names[0]!))));
  const altNames = names.map((name) =>
    isIP(name) ? implicit(7, ipBytes(name)) : implicit(2, Buffer.from(name, 'ascii')),
  );
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))),
    integer(serial),
    ECDSA_SHA256,
    subject,
    sequence(
      time(new Date(now.getTime() - 3_600_000)),
      time(new Date(now.getTime() + SELF_SIGNED_DAYS * 86_400_000)),
    ),
    subject,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(
      3,
      sequence(
        // Not a CA: the key signs TLS handshakes only (digitalSignature), for a server.
        extension('2.5.29.19', true, sequence()),
        extension('2.5.29.15', true, bitStringOf(0x80, 7)),
        extension('2.5.29.37', false, sequence(oid('1.3.6.1.5.5.7.3.1'))),
        extension('2.5.29.17', false, sequence(...altNames)),
      ),
    ),
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = sequence(tbs, ECDSA_SHA256, bitString(signature));
  const cert = `-----BEGIN CERTIFICATE-----\n${der
    .toString('base64')
    .replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`;
  if (!new X509Certificate(cert).verify(publicKey)) {
    throw new Error('the generated certificate does not verify with its own key');
  }
  return { cert, key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

/** A one-byte BIT STRING with `unused` trailing bits not part of it (keyUsage's flags). */
function bitStringOf(byte: number, unused: number): Buffer {
  return Buffer.from([0x03, 0x02, unused, byte]);
}
