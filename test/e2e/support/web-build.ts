import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..', '..');

/**
 * The browser tests need the built app; a fresh checkout that ran only `npm ci` may not have
 * it (the build runs on `npm install`/`npm start`), so it is built here once when missing.
 */
export function ensureWebBuild(): void {
  if (existsSync(join(ROOT, 'web', 'dist', 'index.html'))) return;
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', 'web', '--logLevel', 'warn'],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (result.status !== 0) throw new Error('could not build the web app (vite build web)');
}
