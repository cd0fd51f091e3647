import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';

/** Where the Debian package puts the server (CI installs it: .ci/run). */
export const DOVECOT = '/usr/sbin/dovecot';

/**
 * Whether the IMAP tests can run here: Dovecot is installed. In CI it must be (.ci/run installs
 * it), so its absence is a failure there, not a skip.
 */
export function dovecotInstalled(): boolean {
  if (existsSync(DOVECOT)) return true;
  if (process.env.CI === 'true')
    throw new Error(`CI=true but ${DOVECOT} is missing: .ci/run installs dovecot-imapd`);
  return false;
}

/** A private Dovecot IMAP server on loopback, for one test file; never the system's. */
export interface TestDovecot {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** The test user (`mario`) and password, plain login over loopback without TLS. */
  readonly user: string;
  readonly password: string;
  /** A logged-in client of the test user, for the test to read and write folders. */
  client(): Promise<ImapFlow>;
  /** Appends an RFC 5322 mail to a folder (INBOX: as if delivered). */
  deliver(raw: string, folder?: string): Promise<void>;
  /** Every mail of a folder, oldest first, as its source. */
  read(folder: string): Promise<string[]>;
  stop(): Promise<void>;
}

interface MailUser {
  readonly uid: number;
  readonly gid: number;
}

/**
 * Whom the mail processes run as: this user, or, for root (Dovecot refuses uid 0 for mail), the
 * package's own `dovecot` user.
 */
function mailUser(): MailUser {
  const me = userInfo();
  if (me.uid !== 0) return { uid: me.uid, gid: me.gid };
  const id = (flag: string) => Number(execFileSync('id', [flag, 'dovecot']).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** A free loopback port (Dovecot cannot be told to pick one itself). */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * The configuration (Dovecot 2.3 names, as `dovecot -n` prints them): IMAP only, on 127.0.0.1 at
 * `port`, no TLS and plain logins allowed (loopback), maildirs, runtime and state in `dir`, a
 * passwd-file with plain passwords, Sent/Drafts/Trash flagged by RFC 6154 special-use (unless
 * `specialUse` is false: then the account has its INBOX alone). Dovecot
 * refuses to run its login processes as root: as root it uses the package's own users
 * (dovenull, dovecot); as another user, that user for everything (it cannot switch anyway).
 */
function configOf(dir: string, port: number, mail: MailUser, specialUse: boolean): string {
  const me = userInfo();
  const root = me.uid === 0;
  return `
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = mailbeacon-test-${port}
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = /dev/stderr
info_log_path = /dev/stderr
mail_location = maildir:${dir}/mail/%u
first_valid_uid = ${mail.uid}
last_valid_uid = ${mail.uid}
default_login_user = ${root ? 'dovenull' : me.username}
default_internal_user = ${root ? 'dovecot' : me.username}
default_internal_group = ${root ? 'dovecot' : me.username}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${mail.uid} gid=${mail.gid} home=${dir}/home/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
# The passwd file is private (0600): the process that reads it runs as its owner.
service auth {
  user = ${me.username}
}
service auth-worker {
  user = ${me.username}
}
service imap-login {
  chroot =
}
namespace inbox {
  inbox = yes
${specialUse ? SPECIAL_USE_FOLDERS : ''}}
`;
}

/** Sent, Drafts and Trash, flagged (RFC 6154) and made at the first login. */
const SPECIAL_USE_FOLDERS = `  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
`;

/** Resolves when the server says it is up (its listeners are bound before that line). */
function started(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (/starting up/.test(log)) {
        child.stderr?.off('data', onData);
        // Keep draining, or a chatty server would block on a full pipe.
        child.stderr?.resume();
        resolve();
      }
    };
    child.stderr?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`dovecot exited (${code}) before it started:\n${log}`)),
    );
    child.once('error', reject);
  });
}

/**
 * Starts a private Dovecot as a child process (`dovecot -F`, foreground), its configuration,
 * mail, passwd file (mode 0600) and runtime in a new temporary directory; `stop()` ends it and
 * removes the directory. Waits for Dovecot's "starting up" line, never for a time.
 */
export async function startDovecot(
  options: { readonly specialUse?: boolean } = {},
): Promise<TestDovecot> {
  const dir = await mkdtemp(join(tmpdir(), 'mailbeacon-dovecot-'));
  // The login processes run as another user and must reach the runtime directory.
  await chmod(dir, 0o755);
  const mail = mailUser();
  for (const sub of ['run', 'state', 'mail', 'home']) await mkdir(join(dir, sub), { mode: 0o700 });
  await chmod(join(dir, 'run'), 0o755);
  for (const sub of ['mail', 'home']) await chown(join(dir, sub), mail.uid, mail.gid);
  const port = await freePort();
  const user = 'mario';
  const passwd = join(dir, 'passwd');
  const password = 'segreta-1';
  await writeFile(passwd, `${user}:{PLAIN}${password}\n`, { mode: 0o600 });
  const config = join(dir, 'dovecot.conf');
  await writeFile(config, configOf(dir, port, mail, options.specialUse ?? true), { mode: 0o600 });
  const child = spawn(DOVECOT, ['-F', '-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (process.env.DOVECOT_LOG) child.stderr?.pipe(process.stderr);
  await started(child);

  const client = async () => {
    const imap = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      doSTARTTLS: false,
      auth: { user, pass: password },
      logger: false,
      disableAutoIdle: true,
    });
    imap.on('error', () => {});
    await imap.connect();
    return imap;
  };
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    client,
    async deliver(raw, folder = 'INBOX') {
      const imap = await client();
      try {
        await imap.append(folder, Buffer.from(raw.replace(/\r?\n/g, '\r\n')));
      } finally {
        await imap.logout();
      }
    },
    async read(folder) {
      const imap = await client();
      try {
        const lock = await imap.getMailboxLock(folder, { readOnly: true });
        try {
          const mails =
            imap.mailbox && imap.mailbox.exists > 0
              ? await imap.fetchAll('1:*', { source: true })
              : [];
          return mails.map((mail) => mail.source?.toString() ?? '');
        } finally {
          lock.release();
        }
      } finally {
        await imap.logout();
      }
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
