import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig, readEnv } from '../../src/config.js';

const CWD = '/srv/mailbeacon';
const load = (env: Record<string, string>) => loadConfig(env, CWD);

function refusal(env: Record<string, string>): string {
  try {
    load(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.message;
  }
  assert.fail(`expected ${JSON.stringify(env)} to be refused`);
}

describe('loadConfig', () => {
  it('has the embedded defaults of DESIGN.md', () => {
    const config = load({});
    assert.equal(config.port, 3000);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.publicUrl, 'http://localhost:3000');
    assert.equal(config.trackingUrl, 'http://localhost:3000');
    assert.equal(config.dataDir, '/srv/mailbeacon/data');
    assert.deepEqual(config.database, {
      engine: 'sqlite',
      file: '/srv/mailbeacon/data/mailbeacon.db',
    });
    assert.equal(config.smtpUrl, undefined);
    assert.equal(config.devSmtpPort, 2525);
    assert.deepEqual(config.submission, { port: 2587, tls: undefined });
    assert.equal(config.secrets, undefined);
    assert.equal(config.attachmentLinkTtlDays, 30);
    assert.equal(config.maxAttachmentBytes, 25 * 1024 * 1024);
    assert.equal(config.trackingIp, 'anonymize');
    assert.equal(config.eventRetentionDays, 365);
    assert.equal(config.blobStore, 'fs');
    assert.equal(config.trustProxy, false);
    assert.equal(config.allowPrivateNetworks, false);
    assert.ok(Object.isFrozen(config));
  });

  it('reads every variable', () => {
    const config = load({
      PORT: '8080',
      HOST: '0.0.0.0',
      PUBLIC_URL: 'https://mail.example.com/',
      TRACKING_URL: 'https://t.example.com',
      DATA_DIR: '/var/lib/mb',
      DATABASE_URL: 'postgres://mb:pw@db:5432/mb',
      DATABASE_POOL_SIZE: '20',
      SMTP_URL: 'smtps://user:p%40ss@smtp.example.com:465',
      DEV_SMTP_PORT: '2526',
      SECRET: `${'a'.repeat(32)},${'b'.repeat(40)}`,
      ATTACHMENT_LINK_TTL_DAYS: '7',
      MAX_ATTACHMENT_MB: '2.5',
      TRACKING_IP: 'none',
      EVENT_RETENTION_DAYS: '90',
      TRUST_PROXY: '10.0.0.1, 192.168.0.0/16, ::1',
      ALLOW_PRIVATE_NETWORKS: 'true',
    });
    assert.equal(config.port, 8080);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.publicUrl, 'https://mail.example.com');
    assert.equal(config.trackingUrl, 'https://t.example.com');
    assert.equal(config.dataDir, '/var/lib/mb');
    assert.deepEqual(config.database, {
      engine: 'postgres',
      url: 'postgres://mb:pw@db:5432/mb',
      poolSize: 20,
    });
    assert.equal(
      (load({ DATABASE_URL: 'postgres://db/mb' }).database as { poolSize: number }).poolSize,
      10,
      'ten connections a pool by default',
    );
    assert.equal(config.blobStore, 'postgres');
    assert.equal(config.smtpUrl, 'smtps://user:p%40ss@smtp.example.com:465');
    assert.equal(config.devSmtpPort, 2526);
    assert.deepEqual(config.secrets, ['a'.repeat(32), 'b'.repeat(40)]);
    assert.equal(config.attachmentLinkTtlDays, 7);
    assert.equal(config.maxAttachmentBytes, Math.round(2.5 * 1024 * 1024));
    assert.equal(config.trackingIp, 'none');
    assert.equal(config.eventRetentionDays, 90);
    assert.deepEqual(config.trustProxy, ['10.0.0.1', '192.168.0.0/16', '::1']);
    assert.equal(config.allowPrivateNetworks, true);
  });

  it('reads SUBMISSION_PORT (0 turns submission off) and the certificate files, paths resolved', () => {
    assert.equal(load({ SUBMISSION_PORT: '0' }).submission, undefined);
    assert.deepEqual(
      load({
        SUBMISSION_PORT: '587',
        SUBMISSION_TLS_CERT: 'tls/fullchain.pem',
        SUBMISSION_TLS_KEY: '/etc/mb/key.pem',
      }).submission,
      {
        port: 587,
        tls: { certFile: '/srv/mailbeacon/tls/fullchain.pem', keyFile: '/etc/mb/key.pem' },
      },
    );
  });

  it('reads ALLOW_PRIVATE_NETWORKS, or its old name WEBHOOK_ALLOW_PRIVATE when it is unset', () => {
    assert.equal(load({ WEBHOOK_ALLOW_PRIVATE: 'true' }).allowPrivateNetworks, true);
    assert.equal(load({ ALLOW_PRIVATE_NETWORKS: '1' }).allowPrivateNetworks, true);
    const both = { ALLOW_PRIVATE_NETWORKS: 'false', WEBHOOK_ALLOW_PRIVATE: 'true' };
    assert.equal(load(both).allowPrivateNetworks, false, 'the new name wins');
  });

  it('follows PORT in the default PUBLIC_URL, and PUBLIC_URL in the default TRACKING_URL', () => {
    assert.equal(load({ PORT: '4000' }).publicUrl, 'http://localhost:4000');
    assert.equal(load({ PUBLIC_URL: 'https://a.example' }).trackingUrl, 'https://a.example');
    assert.deepEqual(load({ DATABASE_URL: 'sqlite:db/x.db' }).database, {
      engine: 'sqlite',
      file: '/srv/mailbeacon/db/x.db',
    });
    assert.equal(load({ TRUST_PROXY: 'true' }).trustProxy, true);
  });

  const refused: [Record<string, string>, RegExp][] = [
    [{ PORT: 'abc' }, /^PORT must be a whole number from 0 to 65535 \(got "abc"\)$/],
    [{ PORT: '70000' }, /^PORT must be/],
    [{ PUBLIC_URL: 'localhost:3000' }, /^PUBLIC_URL must be an absolute http/],
    [{ PUBLIC_URL: 'ftp://x.example' }, /^PUBLIC_URL must be/],
    [{ TRACKING_URL: 'https://t.example/?a=1' }, /^TRACKING_URL must be a URL without/],
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL must be a postgres:\/\/.* or sqlite:/],
    [{ DATABASE_POOL_SIZE: '0' }, /^DATABASE_POOL_SIZE must be a whole number from 1 to 1000/],
    [{ DATABASE_POOL_SIZE: 'many' }, /^DATABASE_POOL_SIZE must be/],
    [{ SMTP_URL: 'http://smtp.example' }, /^SMTP_URL must be an smtp:\/\//],
    [{ DEV_SMTP_PORT: '-1' }, /^DEV_SMTP_PORT must be/],
    [{ SUBMISSION_PORT: 'smtp' }, /^SUBMISSION_PORT must be a whole number from 0 to 65535/],
    [
      { SUBMISSION_TLS_CERT: 'cert.pem' },
      /^SUBMISSION_TLS_KEY must be set together with the other of SUBMISSION_TLS_CERT/,
    ],
    [
      { SUBMISSION_PORT: '0', SUBMISSION_TLS_KEY: 'key.pem' },
      /^SUBMISSION_TLS_CERT must be set together/,
    ],
    [{ SECRET: 'short' }, /^SECRET must be one or more comma-separated secrets of at least 32/],
    [{ ATTACHMENT_LINK_TTL_DAYS: '0' }, /^ATTACHMENT_LINK_TTL_DAYS must be a whole number from 1/],
    [{ MAX_ATTACHMENT_MB: 'lots' }, /^MAX_ATTACHMENT_MB must be a number of megabytes/],
    [
      { TRACKING_IP: 'partial' },
      /^TRACKING_IP must be one of anonymize, full, none \(got "partial"\)$/,
    ],
    [{ EVENT_RETENTION_DAYS: '1.5' }, /^EVENT_RETENTION_DAYS must be/],
    [{ BLOB_STORE: 's3' }, /^BLOB_STORE must be one of fs, postgres/],
    [{ BLOB_STORE: 'postgres' }, /^BLOB_STORE must be "fs" unless DATABASE_URL selects PostgreSQL/],
    [
      { TRUST_PROXY: 'yes please' },
      /^TRUST_PROXY must be "true", "false" or a comma-separated list/,
    ],
    [{ TRUST_PROXY: '10.0.0.0/33' }, /^TRUST_PROXY must be/],
    [{ TRUST_PROXY: '10.0.0.1, 0.0.0.0/0' }, /^TRUST_PROXY must be a list without \/0 ranges/],
    [{ TRUST_PROXY: '::/00' }, /^TRUST_PROXY must be a list without \/0 ranges/],
    [{ TRUST_PROXY: '::ffff:0.0.0.0/96' }, /^TRUST_PROXY must be a list without \/0 ranges/],
    [{ WEBHOOK_ALLOW_PRIVATE: 'maybe' }, /^WEBHOOK_ALLOW_PRIVATE must be "true" or "false"/],
    [{ ALLOW_PRIVATE_NETWORKS: 'maybe' }, /^ALLOW_PRIVATE_NETWORKS must be "true" or "false"/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL must be one of/],
  ];
  for (const [env, expected] of refused) {
    it(`refuses ${JSON.stringify(env)} with one line naming the variable`, () => {
      const message = refusal(env);
      assert.match(message, expected);
      assert.doesNotMatch(message, /\n/);
    });
  }

  it('never echoes a secret or a credential-bearing URL in its refusal', () => {
    assert.doesNotMatch(refusal({ SECRET: 'hunter2-password' }), /hunter2/);
    assert.doesNotMatch(refusal({ SMTP_URL: 'http://user:hunter2@x' }), /hunter2/);
    assert.doesNotMatch(refusal({ DATABASE_URL: 'mysql://user:hunter2@x' }), /hunter2/);
  });
});

describe('readEnv', () => {
  it('reads .env under the environment: the environment wins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mb-env-'));
    try {
      writeFileSync(
        join(dir, '.env'),
        'PORT=4100\nTRACKING_IP=full\n# a comment\nHOST="0.0.0.0"\n',
      );
      const env = readEnv(dir, { PORT: '4200' });
      const config = loadConfig(env, dir);
      assert.equal(config.port, 4200);
      assert.equal(config.trackingIp, 'full');
      assert.equal(config.host, '0.0.0.0');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is the environment alone when there is no .env', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mb-env-'));
    try {
      assert.deepEqual(readEnv(dir, { PORT: '1' }), { PORT: '1' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
