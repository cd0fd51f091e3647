import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts the worker_thread whose entry is the module `name` beside `base` (a caller's
 * `import.meta.url`): the compiled `name.js`; or, running from source, `name.ts` through a small
 * script that loads tsx into the thread first (a worker does not take its entry through loaders
 * registered with `--import`, and a test runner's children do not always pass them on).
 *
 *   const worker = startThread(import.meta.url, 'thread', { workerData });
 */
export function startThread(base: string, name: string, options: WorkerOptions = {}): Worker {
  const js = new URL(`./${name}.js`, base);
  if (existsSync(fileURLToPath(js))) return new Worker(js, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const ts = new URL(`./${name}.ts`, base).href;
  const code = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(ts)}); });`;
  return new Worker(code, { ...options, eval: true });
}
