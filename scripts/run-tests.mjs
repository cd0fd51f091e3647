#!/usr/bin/env node
// Runs every test file under test/ with Node's own test runner (through tsx, so TypeScript runs
// as it is). Node 20's runner cannot glob .ts files itself, hence this list.
// Usage: npm test [-- path-or-folder ...]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
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
const defaults = ['test/unit', 'test/integration', 'test/e2e'].filter((root) => existsSync(root));
const files = (roots.length ? roots : defaults).flatMap(collect);
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=120000', ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
