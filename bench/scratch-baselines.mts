import { join } from 'node:path';
import { startServerChild } from './lib/children.js';
import { runLoad } from './lib/load.js';

const ROOT = process.cwd();
for (const kind of ['node', 'fastify', 'node', 'fastify']) {
  const child = await startServerChild(kind, join(ROOT, 'bench/baseline-server.ts'), [kind]);
  const url = new URL(child.ready.address);
  const r = await runLoad(
    { host: url.hostname, port: Number(url.port), paths: ['/o/abc'] },
    { connections: 50, warmupMs: 1000, durationMs: 6000 },
  );
  const n = [...r.measured.statuses.values()].reduce((a, b) => a + b, 0);
  console.log(
    kind,
    Math.round(n / r.measured.seconds),
    'client cpu',
    Math.round(r.clientCpuPercent),
  );
  await child.stop();
}
