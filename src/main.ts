#!/usr/bin/env node
/**
 * The `mailbeacon` command: serve (the default), migrate, user create, apikey create, recipient
 * erase.
 * Configuration comes from the environment and `.env` (see src/config.ts).
 */
import { parseArgs } from 'node:util';
import { assertPasswordAllowed, createApiKey, createUserInWorkspace } from './accounts/index.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { isMailbeaconError } from './errors.js';
import { eraseRecipient } from './privacy/index.js';
import { startService } from './service.js';
import { findUserByEmail, findWorkspaceByName, openStore, type Store } from './store/index.js';

const USAGE = `Usage: mailbeacon [command]

Commands:
  serve                         run the server (the default)
  migrate                       apply pending database migrations and exit
  user create --email E --password P --name N --workspace W [--role admin|member]
                                add a user; creates workspace W, with this user as its admin,
                                when no workspace has that name
  apikey create --email E --name N
                                create an API key for the user and print it (shown once)
  recipient erase EMAIL --workspace W
                                erase everything workspace W holds about that recipient (any
                                spelling of the address); prints the rows erased per table
`;

class UsageError extends Error {}

/** Runs `work` on a migrated store: commands work on the current schema, as the server would. */
async function withStore<T>(
  config: Config,
  work: (store: Store, applied: string[]) => Promise<T>,
): Promise<T> {
  const store = await openStore(config.database);
  try {
    const applied = await store.migrate();
    return await work(store, applied);
  } finally {
    await store.close();
  }
}

function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '')
    throw new UsageError(`--${name} is required`);
  return value;
}

/** A start-up failure said in one line, without a stack: what to change is in the words. */
class StartError extends Error {}

/**
 * The one line for a port another program holds (EADDRINUSE), naming the variable that moves
 * it; undefined for any other error.
 */
function portInUse(error: unknown, config: Config): StartError | undefined {
  const failure = error as { code?: string; port?: number };
  if (failure?.code !== 'EADDRINUSE') return undefined;
  const port = failure.port ?? config.port;
  const variable = port === config.devSmtpPort && port !== config.port ? 'DEV_SMTP_PORT' : 'PORT';
  return new StartError(
    `port ${port} is in use: set ${variable} to a free port, or stop the program listening there`,
  );
}

async function serve(config: Config): Promise<void> {
  let service: Awaited<ReturnType<typeof startService>>;
  try {
    service = await startService(config);
  } catch (error) {
    throw portInUse(error, config) ?? error;
  }
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    service.app.log.info({ signal }, 'shutting down');
    await service.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

async function run(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      workspace: { type: 'string' },
      role: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const [command = 'serve', sub] = positionals;
  const config = loadConfig();

  switch (`${command}${sub ? ` ${sub}` : ''}`) {
    case 'serve':
      return serve(config);
    case 'migrate': {
      const applied = await withStore(config, async (_store, applied) => applied);
      process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'up to date\n');
      return;
    }
    case 'user create': {
      const role = values.role;
      if (role !== undefined && role !== 'admin' && role !== 'member') {
        throw new UsageError('--role must be admin or member');
      }
      const account = {
        email: required(values, 'email'),
        password: required(values, 'password'),
        name: required(values, 'name'),
      };
      passwordAllowed(account.password, account.email);
      const workspace = required(values, 'workspace');
      const created = await withStore(config, (store) =>
        createUserInWorkspace(store.db, account, workspace, role),
      );
      process.stdout.write(
        `created user ${created.user.email} (${created.user.role}) in workspace ${created.workspace.name}\n`,
      );
      return;
    }
    case 'apikey create': {
      const email = required(values, 'email');
      const name = required(values, 'name');
      const key = await withStore(config, async (store) => {
        const user = await findUserByEmail(store.db, email);
        if (!user) throw new UsageError(`no user with email ${email}`);
        return (await createApiKey(store.db, user, name)).key;
      });
      process.stdout.write(`${key}\n`);
      return;
    }
    case 'recipient erase': {
      const email = positionals[2];
      if (!email) throw new UsageError('recipient erase needs the address: recipient erase EMAIL');
      const name = required(values, 'workspace');
      const erased = await withStore(config, async (store) => {
        const workspace = await findWorkspaceByName(store.db, name);
        if (!workspace) throw new UsageError(`no workspace named ${name}`);
        // On SQLite the hit log's file has one writer, the server's: this process leaves the
        // raw hits to it (the copies are marked erased, so they are dropped unprocessed).
        const hitLog = store.singleProcess ? undefined : store.hitLog;
        return eraseRecipient({ db: store.db, hitLog, now: Date.now }, workspace.id, email);
      });
      const counts = Object.entries(erased).map(([table, n]) => `${table}: ${n}`);
      process.stdout.write(`erased ${counts.join(', ')}\n`);
      return;
    }
    default:
      throw new UsageError(`unknown command "${positionals.join(' ')}"`);
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`mailbeacon: ${error.message}\n`);
  } else if (
    error instanceof UsageError ||
    (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
  ) {
    process.stderr.write(`mailbeacon: ${(error as Error).message}\n\n${USAGE}`);
  } else if (isMailbeaconError(error) || error instanceof StartError) {
    process.stderr.write(`mailbeacon: ${error.message}\n`);
  } else {
    process.stderr.write(`mailbeacon: ${(error as Error)?.stack ?? String(error)}\n`);
  }
  process.exit(1);
});

/** The password rule of every signup (src/accounts), said as a usage error of the CLI. */
function passwordAllowed(password: string, email: string): void {
  try {
    assertPasswordAllowed(password, email);
  } catch (error) {
    throw new UsageError(`--password: ${(error as Error).message}`);
  }
}
