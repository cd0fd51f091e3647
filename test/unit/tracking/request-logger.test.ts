import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { lazyRequestLogger } from '../../../src/tracking/http/request-logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const base = pino({ level: 'debug' }, stream) as unknown as FastifyBaseLogger;
  return { base, lines };
}

describe('the tracking path’s request logger', () => {
  it('logs with the request id bound, as a child logger would', async () => {
    const { base, lines } = capture();
    const log = lazyRequestLogger(base, { reqId: 'req-7' }, {});
    log.error({ kind: 'open' }, 'tracking lookup failed');
    log.debug('refused');
    log.trace('not at this level');
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(
      lines.map(({ reqId, msg, kind, level }) => ({ reqId, msg, kind, level })),
      [
        { reqId: 'req-7', msg: 'tracking lookup failed', kind: 'open', level: 50 },
        { reqId: 'req-7', msg: 'refused', kind: undefined, level: 20 },
      ],
    );
  });

  it('makes no child until something is logged, and keeps the parent’s level', () => {
    const { base } = capture();
    let children = 0;
    const counting = Object.create(base, {
      child: {
        value: (...args: Parameters<FastifyBaseLogger['child']>) => {
          children += 1;
          return base.child(...args);
        },
      },
    }) as FastifyBaseLogger;
    const log = lazyRequestLogger(counting, { reqId: 'req-8' }, {});
    assert.equal(log.level, 'debug');
    assert.equal(children, 0);
    log.warn('now');
    log.info('again');
    assert.equal(children, 1);
    const nested = log.child({ part: 'x' });
    assert.equal(typeof nested.info, 'function');
  });
});
