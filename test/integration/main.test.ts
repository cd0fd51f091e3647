import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cliDatabaseEnv, runCli, serveCli, spawnCli } from '../helpers/cli.js';
import { testEngines } from '../helpers/engines.js';
import { HttpClient } from '../helpers/http-client.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

describe('mailbeacon refuses a bad configuration', () => {
  for (const [name, value] of [
    ['PORT', 'abc'],
    ['TRACKING_IP', 'sometimes'],
    ['DATABASE_URL', 'mysql://localhost/x'],
  ] as const) {
    it(`exits 1 with one line naming ${name}`, async () => {
      const result = await runCli(['serve'], { [name]: value, DATA_DIR: '/tmp' });
      assert.equal(result.code, 1);
      const lines = result.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, result.stderr);
      assert.match(lines[0]!, new RegExp(`^mailbeacon: ${name} must be `));
    });
  }

  if (testEngines().includes('postgres')) {
    it('exits 1 with one line when the search_path names no existing schema', async () => {
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.searchParams.set('options', '-c search_path=no_such_schema_here');
      const result = await runCli(['migrate'], { DATABASE_URL: url.href, DATA_DIR: '/tmp' });
      assert.equal(result.code, 1);
      const lines = result.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, result.stderr);
      assert.match(lines[0]!, /^mailbeacon: no schema of the connection’s search_path exists/);
    });
  }

  it('exits 1 with one line naming SUBMISSION_TLS_CERT when its file cannot be read', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mb-cli-'));
    try {
      const result = await runCli(['serve'], {
        DATA_DIR: dataDir,
        PORT: '0',
        SUBMISSION_PORT: '2587',
        SUBMISSION_TLS_CERT: join(dataDir, 'missing.crt'),
        SUBMISSION_TLS_KEY: join(dataDir, 'missing.key'),
      });
      assert.equal(result.code, 1);
      const lines = result.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, result.stderr);
      assert.match(
        lines[0]!,
        /^mailbeacon: SUBMISSION_TLS_CERT must name a readable PEM file \(.*missing\.crt: ENOENT\)$/,
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('exits 1 on an unknown command, with the usage', async () => {
    const result = await runCli(['frobnicate'], { DATA_DIR: '/tmp' });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /unknown command "frobnicate"/);
    assert.match(result.stderr, /Usage: mailbeacon/);
  });
});

for (const engine of testEngines()) {
  describe(`mailbeacon commands (${engine})`, () => {
    let database: TestDatabase;
    let env: Record<string, string>;

    before(async () => {
      database = await createTestDatabase(engine);
      env = await cliDatabaseEnv(database);
    });
    after(() => database.drop());

    it('migrate applies the migrations once', async () => {
      const first = await runCli(['migrate'], env);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /^applied: .*accounts/);
      const second = await runCli(['migrate'], env);
      assert.equal(second.code, 0, second.stderr);
      assert.equal(second.stdout, 'up to date\n');
    });

    it('user create makes the workspace with its admin, then adds members; apikey create prints a key', async () => {
      const admin = await runCli(
        [
          'user',
          'create',
          '--email',
          'Ada@Example.com',
          '--password',
          'correct horse',
          '--name',
          'Ada',
          '--workspace',
          'Acme',
        ],
        env,
      );
      assert.equal(admin.code, 0, admin.stderr);
      assert.match(admin.stdout, /created user ada@example.com \(admin\) in workspace Acme/);
      const createBob = [
        'user',
        'create',
        '--email',
        'bob@example.com',
        '--password',
        'battery staple',
        '--name',
        'Bob',
        '--workspace',
        'Acme',
      ];
      const member = await runCli(createBob, env);
      assert.match(member.stdout, /\(member\) in workspace Acme/);
      const duplicate = await runCli(createBob, env);
      assert.equal(duplicate.code, 1);
      assert.match(duplicate.stderr, /already exists/);
      const missing = await runCli(['user', 'create', '--email', 'c@example.com'], env);
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /--password is required/);

      const key = await runCli(
        ['apikey', 'create', '--email', 'ada@example.com', '--name', 'CRM'],
        env,
      );
      assert.equal(key.code, 0, key.stderr);
      assert.match(key.stdout, /^mb_[\w-]{43}\n$/);
      const nobody = await runCli(
        ['apikey', 'create', '--email', 'nobody@example.com', '--name', 'x'],
        env,
      );
      assert.equal(nobody.code, 1);
      assert.match(nobody.stderr, /no user with email nobody@example.com/);

      // serve is the default command; the key works against it, and signup is now closed.
      const server = spawnCli([], { ...env, PORT: '0', LOG_LEVEL: 'info' });
      try {
        const address = await new Promise<string>((resolve, reject) => {
          let out = '';
          server.stdout?.on('data', (chunk) => {
            out += chunk;
            const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
            if (match) resolve(match[1]!);
          });
          server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
        });
        const client = new HttpClient(address).withApiKey(key.stdout.trim());
        const me = await client.get('/api/v1/auth/me');
        assert.equal(me.status, 200);
        assert.equal(me.body.user.email, 'ada@example.com');
        assert.equal(me.body.workspace.name, 'Acme');
        const signup = await new HttpClient(address).post('/api/v1/auth/signup', {
          email: 'eve@example.com',
          password: 'password123',
          name: 'Eve',
          workspace: 'Evil',
        });
        assert.equal(signup.status, 403);
      } finally {
        server.kill('SIGTERM');
        const [code] = await once(server, 'exit');
        assert.equal(code, 0);
      }
      if (engine === 'sqlite') {
        assert.equal(statSync(join(database.dataDir, 'secret')).mode & 0o777, 0o600);
        assert.equal(statSync(join(database.dataDir, 'mailbeacon.db')).mode & 0o777, 0o600);
      }
    });
  });
}

// Issue 16, point 9: what `serve` says at start-up.
describe('mailbeacon serve at start-up', () => {
  const databases: TestDatabase[] = [];
  const sqlite = async () => {
    const database = await createTestDatabase('sqlite');
    databases.push(database);
    return database.env;
  };
  after(async () => {
    for (const database of databases) await database.drop();
  });

  /** Runs `serve` until it listens, then stops it; gives back its log. */
  async function startLog(env: Record<string, string>): Promise<string> {
    const server = await serveCli(env);
    server.child.kill('SIGTERM');
    await once(server.child, 'exit');
    return server.output();
  }

  it('exits 1 with one line naming PORT when the port is in use, not a stack trace', async () => {
    const first = await serveCli(await sqlite());
    try {
      const port = new URL(first.url).port;
      const second = await runCli(['serve'], { ...(await sqlite()), PORT: port });
      assert.equal(second.code, 1);
      assert.equal(
        second.stderr,
        `mailbeacon: port ${port} is in use: set PORT to a free port, or stop the program listening there\n`,
      );
    } finally {
      first.child.kill('SIGTERM');
      await once(first.child, 'exit');
    }
  });

  it('warns in one line when SMTP_URL is set and PUBLIC_URL is unset or local, and not otherwise', async () => {
    const relay = { SMTP_URL: 'smtp://relay.example:587' };
    const warnings = (log: string) =>
      log
        .split('\n')
        .filter((line) => line.includes('SMTP_URL is set'))
        .map((line) => JSON.parse(line) as { level: number; msg: string });

    const unset = warnings(await startLog({ ...(await sqlite()), ...relay }));
    assert.equal(unset.length, 1);
    assert.equal(unset[0]!.level, 40, 'a warning');
    assert.match(unset[0]!.msg, /PUBLIC_URL is http:\/\/localhost:0\b.*real recipients/);

    const loopback = warnings(
      await startLog({ ...(await sqlite()), ...relay, PUBLIC_URL: 'http://127.0.0.1:3000' }),
    );
    assert.equal(loopback.length, 1);
    assert.match(loopback[0]!.msg, /PUBLIC_URL is http:\/\/127\.0\.0\.1:3000/);

    const publicUrl = { PUBLIC_URL: 'https://mail.example.com' };
    assert.deepEqual(warnings(await startLog({ ...(await sqlite()), ...relay, ...publicUrl })), []);
    // Without SMTP_URL the dev inbox keeps every mail on this machine: localhost is right.
    assert.deepEqual(warnings(await startLog(await sqlite())), []);
  });
});
