import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import pg from 'pg';
import type { TestDatabase } from './test-database.js';

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const MAIN = new URL('../../src/main.ts', import.meta.url).pathname;
// Resolved here, so the command can run in another folder (where `.env` would be read).
const TSX = import.meta.resolve('tsx');

/** Starts the real `mailbeacon` command (from source, through tsx) with exactly this environment. */
export function spawnCli(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', TSX, MAIN, ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'silent',
      DEV_SMTP_PORT: '0',
      SUBMISSION_PORT: '0',
      ...env,
    },
    cwd: env.DATA_DIR ?? process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export async function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  const child = spawnCli(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

/**
 * Starts `mailbeacon serve` and resolves with its address once it listens (it logs at info
 * level for that, or at the LOG_LEVEL given, debug or trace); the caller stops it, SIGKILL
 * included. `output()` is everything it has written to stdout so far: its log.
 */
export async function serveCli(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; output(): string }> {
  const child = spawnCli(['serve'], { LOG_LEVEL: 'info', ...env, PORT: '0' });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  return { child, url, output: () => out };
}

/**
 * The environment a `mailbeacon` child needs to reach `database`: on PostgreSQL the child has no
 * test options, so its connection string names the schema (created here) through search_path.
 */
export async function cliDatabaseEnv(database: TestDatabase): Promise<Record<string, string>> {
  if (!database.schema) return { ...database.env };
  const client = new pg.Client({ connectionString: database.env.DATABASE_URL });
  await client.connect();
  await client.query(`create schema if not exists ${database.schema}`);
  await client.end();
  const url = new URL(database.env.DATABASE_URL!);
  url.searchParams.set('options', `-c search_path=${database.schema}`);
  return { ...database.env, DATABASE_URL: url.href };
}
