import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError } from '../../../src/config.js';
import {
  certificateNames,
  createSelfSigned,
  GENERATED_CERT_FILE,
  GENERATED_KEY_FILE,
  loadSubmissionTls,
  SELF_SIGNED_DAYS,
} from '../../../src/submission/index.js';

const DAY = 86_400_000;
const NAMES = ['localhost', 'mail.example.com', '127.0.0.1', '::1'];
const generated = { port: 2587, tls: undefined };

describe('the submission certificate', () => {
  const dirs: string[] = [];
  const newDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'mb-tls-'));
    dirs.push(dir);
    return dir;
  };
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('is made self-signed by node:crypto, for server TLS, naming every host and address', () => {
    const now = new Date('2026-12-04T10:00:00Z');
    const made = createSelfSigned(NAMES, now);
    const x509 = new X509Certificate(made.cert);
    assert.equal(x509.subject, 'CN=localhost');
    assert.equal(x509.issuer, x509.subject);
    assert.ok(x509.verify(x509.publicKey), 'signed by its own key');
    assert.equal(x509.ca, false);
    assert.deepEqual(x509.keyUsage, ['1.3.6.1.5.5.7.3.1'], 'serverAuth');
    assert.equal(
      x509.subjectAltName,
      'DNS:localhost, DNS:mail.example.com, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1',
    );
    assert.equal(Date.parse(x509.validTo) - now.getTime(), SELF_SIGNED_DAYS * DAY);
    assert.match(made.key, /^-----BEGIN PRIVATE KEY-----/);
  });

  it('names localhost, PUBLIC_URL’s host, the machine, a specific HOST and loopback; not a wildcard HOST', () => {
    assert.deepEqual(certificateNames('https://Mail.Example.com', '0.0.0.0', 'box1'), [
      'localhost',
      'mail.example.com',
      'box1',
      '127.0.0.1',
      '::1',
    ]);
    assert.deepEqual(certificateNames('http://[::1]:3000', '192.0.2.2', 'bad name!'), [
      'localhost',
      '::1',
      '192.0.2.2',
      '127.0.0.1',
    ]);
  });

  it('is generated into DATA_DIR once (key 0600) and kept while it is whole, current and names all', () => {
    const dir = newDir();
    const now = Date.parse('2026-12-04T10:00:00Z');
    const first = loadSubmissionTls(generated, dir, NAMES, now);
    assert.equal(first.source, 'generated');
    assert.equal(statSync(join(dir, GENERATED_KEY_FILE)).mode & 0o777, 0o600);
    assert.equal(readFileSync(join(dir, GENERATED_CERT_FILE), 'utf8'), first.cert);
    const again = loadSubmissionTls(generated, dir, NAMES, now + 10 * DAY);
    assert.equal(again.source, 'kept');
    assert.equal(again.fingerprint, first.fingerprint);
    assert.match(again.fingerprint, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);

    const renamed = loadSubmissionTls(generated, dir, [...NAMES, 'new.example.com'], now);
    assert.equal(renamed.source, 'generated', 'a new name makes a new certificate');
    const late = now + (SELF_SIGNED_DAYS - 20) * DAY;
    assert.equal(
      loadSubmissionTls(generated, dir, NAMES, late).source,
      'generated',
      'near its end',
    );
    writeFileSync(join(dir, GENERATED_KEY_FILE), 'garbage');
    assert.equal(loadSubmissionTls(generated, dir, NAMES, now).source, 'generated', 'broken');
  });

  it('takes the operator’s files, and refuses missing or mismatched ones naming the variables', () => {
    const dir = newDir();
    const a = createSelfSigned(['mail.example.com'], new Date());
    const b = createSelfSigned(['mail.example.com'], new Date());
    writeFileSync(join(dir, 'a.crt'), a.cert);
    writeFileSync(join(dir, 'a.key'), a.key);
    writeFileSync(join(dir, 'b.key'), b.key);
    const files = (cert: string, key: string) => ({
      port: 587,
      tls: { certFile: join(dir, cert), keyFile: join(dir, key) },
    });
    const taken = loadSubmissionTls(files('a.crt', 'a.key'), dir, NAMES, Date.now());
    assert.equal(taken.source, 'operator');
    assert.equal(taken.cert, a.cert);
    assert.throws(
      () => loadSubmissionTls(files('none.crt', 'a.key'), dir, NAMES, Date.now()),
      (error: Error) =>
        error instanceof ConfigError &&
        /^SUBMISSION_TLS_CERT must name a readable PEM file \(.*none\.crt: ENOENT\)$/.test(
          error.message,
        ),
    );
    assert.throws(
      () => loadSubmissionTls(files('a.crt', 'b.key'), dir, NAMES, Date.now()),
      (error: Error) =>
        error instanceof ConfigError &&
        error.message ===
          'SUBMISSION_TLS_CERT and SUBMISSION_TLS_KEY: the key is not the certificate’s',
    );
    assert.throws(
      () => loadSubmissionTls(files('a.key', 'a.key'), dir, NAMES, Date.now()),
      (error: Error) =>
        error instanceof ConfigError && !error.message.includes('PRIVATE KEY-----\n'),
    );
  });
});
