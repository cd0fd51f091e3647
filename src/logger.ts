import { pino } from 'pino';
import type { Config } from './config.js';

/** The one logger of the process: JSON lines, credentials redacted wherever they appear. */
export function createLogger(config: Pick<Config, 'logLevel'>) {
  return pino({
    level: config.logLevel,
    redact: [
      'req.headers.authorization',
      'req.headers.cookie',
      'res.headers["set-cookie"]',
      '*.password',
      '*.smtpUrl',
    ],
  });
}
