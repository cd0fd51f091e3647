#!/usr/bin/env node
// Runs every test file under test/ with Node's own test runner (through tsx, so TypeScript runs
// as it is). Node 20's runner cannot glob .ts files itself, hence this list.
// Usage: npm test [-- path-or-folder ...]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function collect(path) {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const child = join(path, entry.name);
      if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : collect(child);
      return entry.name.endsWith('.test.ts') ? [child] : [];
    });
}

const roots = process.argv.slice(2);
// The default folders may not all exist yet; a path given on the command line must.
// test/faults: drills (SIGKILL under load, a relay or a webhook receiver down), each ending with
// a "lost: N of …" line, summed up again at the end of the run.
const defaults = ['test/unit', 'test/integration', 'test/e2e', 'test/faults'].filter((root) =>
  existsSync(root),
);
const files = (roots.length ? roots : defaults).flatMap(collect);
// PostgreSQL test schemas are left in place by the files that made them (dropping one while
// another file scans the catalog fails that scan); the leftovers of earlier runs go here.
if (process.env.TEST_DATABASE_URL) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query(
      "select nspname from pg_namespace where nspname ~ '^t_[0-9a-f]{12}$'",
    );
    for (const { nspname } of rows) await client.query(`drop schema if exists ${nspname} cascade`);
  } finally {
    await client.end();
  }
}

if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
// A file must finish within the timeout too: the CLI's, which starts the command a dozen times,
// takes over 90 s on a loaded 2-core machine.
// TAP goes to the terminal as before; a spec report goes to a file whose closing "failing tests"
// section (each failure with its error and stack, hook failures included) is printed again at
// the very end, where a log shown only in part still shows why a run failed.
const specFile = join(mkdtempSync(join(tmpdir(), 'mailbeacon-tests-')), 'spec.txt');
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=2',
    '--test-timeout=300000',
    '--test-reporter=tap',
    '--test-reporter-destination=stdout',
    '--test-reporter=spec',
    `--test-reporter-destination=${specFile}`,
    ...files,
  ],
  { stdio: 'inherit' },
);
if (existsSync(specFile)) {
  const spec = readFileSync(specFile, 'utf8');
  // The fault drills' counts of what was lost, one line each (must all be 0).
  const losses = spec.split('\n').filter((line) => /^\s*ℹ lost: /.test(line));
  if (losses.length > 0) console.log(`\n=== fault drills\n${losses.join('\n')}`);
  const failures = spec.lastIndexOf('failing tests:');
  if (result.status !== 0 && failures >= 0) console.log(`\n=== ${spec.slice(failures)}`);
}
process.exit(result.status ?? 1);
