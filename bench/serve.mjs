/**
 * The real Mailbeacon service in its own process, as `npm start` runs it: the build in dist/
 * (`npm run build:server`), no tsx. The database named by BENCH_DATABASE_URL (default: SQLite in
 * BENCH_DATA_DIR), the secret BENCH_SECRET (the bench signs its tokens with it), TRUST_PROXY on
 * (the traffic says where it comes from in X-Forwarded-For), no mail relay needed (nothing is
 * sent), logs off. Prints one JSON line with its address once it listens; stops (closing the
 * service cleanly) when its stdin closes. BENCH_LOG_LEVEL (diagnostics) turns its log on.
 *
 * Usage: BENCH_DATA_DIR=<dir> BENCH_SECRET=<32+ chars> node bench/serve.mjs
 */
import { loadConfig } from '../dist/config.js';
import { startService } from '../dist/service.js';
import { announce, stopWhenAsked } from './lib/child-protocol.mjs';

const dataDir = process.env.BENCH_DATA_DIR;
const secret = process.env.BENCH_SECRET;
if (!dataDir || !secret) {
  process.stderr.write('bench/serve.mjs needs BENCH_DATA_DIR and BENCH_SECRET\n');
  process.exit(64);
}

const config = loadConfig(
  {
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SECRET: secret,
    TRUST_PROXY: 'true',
    DEV_SMTP_PORT: '0',
    SUBMISSION_PORT: '0',
    ...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL || 'silent',
  },
  process.cwd(),
);
const service = await startService(config);
announce({ address: service.address, dataDir: config.dataDir });
stopWhenAsked(() => service.close(), 60_000);
