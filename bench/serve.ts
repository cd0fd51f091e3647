/**
 * The real Mailbeacon service in its own process, as `mailbeacon serve` runs it: SQLite in a
 * fresh DATA_DIR, mail to the relay named by SMTP_URL, logs off. Prints one JSON line with its
 * address once it listens; stops (closing the service cleanly) when its stdin closes.
 * BENCH_LOG_LEVEL (diagnostics) turns its log on.
 *
 * Usage: BENCH_DATA_DIR=<dir> BENCH_SMTP_URL=smtp://127.0.0.1:<port> node --import tsx bench/serve.ts
 */
import { loadConfig } from '../src/config.js';
import { startService } from '../src/service.js';
import { announce, stopWhenAsked } from './lib/child-protocol.js';

const dataDir = process.env.BENCH_DATA_DIR;
const smtpUrl = process.env.BENCH_SMTP_URL;
if (!dataDir || !smtpUrl) {
  process.stderr.write('bench/serve.ts needs BENCH_DATA_DIR and BENCH_SMTP_URL\n');
  process.exit(64);
}

// Diagnostics only (`bench/tracking.ts --sql-probe`, `--ablate-fanout`).
if (process.env.BENCH_SQL_PROBE) {
  const { installSqlProbe } = await import('./lib/sql-probe.js');
  installSqlProbe(process.env.BENCH_SQL_PROBE, {
    skipNotifyJobs: process.env.BENCH_ABLATE_FANOUT === '1',
  });
} else if (process.env.BENCH_ABLATE_FANOUT === '1') {
  const { installFanoutAblation } = await import('./lib/sql-probe.js');
  installFanoutAblation();
}

const config = loadConfig(
  {
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SMTP_URL: smtpUrl,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL || 'silent',
  },
  process.cwd(),
);
const service = await startService(config);
announce({
  address: service.address,
  database: config.database.engine === 'sqlite' ? config.database.file : undefined,
  dataDir: config.dataDir,
});
stopWhenAsked(() => service.close(), 20_000);
