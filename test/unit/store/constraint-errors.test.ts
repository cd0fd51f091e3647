import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import pg from 'pg';
import { toMailbeaconError } from '../../../src/api/plugins/error-handler.js';
import { isDatabaseUnavailable } from '../../../src/store/index.js';

/** A loopback port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const coded = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('a database that is away', () => {
  it('is told from a real connection refused by PostgreSQL’s client, and answered 503', async () => {
    const pool = new pg.Pool({ host: '127.0.0.1', port: await closedPort(), max: 1 });
    const error = await pool.query('select 1').then(
      () => assert.fail('a closed port answered'),
      (caught: unknown) => caught,
    );
    await pool.end();
    assert.ok(isDatabaseUnavailable(error), String(error));
    const answered = toMailbeaconError(error);
    assert.equal(answered.status, 503);
    assert.equal(answered.code, 'database_unavailable');
  });

  it('is told from socket errors, connection SQLSTATEs, SQLite locks and pg’s own words, through causes', () => {
    const unavailable = [
      coded('ECONNRESET'),
      coded('ETIMEDOUT'),
      coded('57P01', 'terminating connection due to administrator command'),
      coded('57P03', 'the database system is starting up'),
      coded('08006', 'connection failure'),
      coded('53300', 'too many connections for role'),
      coded('SQLITE_BUSY', 'database is locked'),
      coded('SQLITE_IOERR_FSYNC'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      new Error('the store failed', { cause: coded('ECONNREFUSED') }),
      new AggregateError([coded('ECONNREFUSED'), coded('ECONNREFUSED')], 'connect failed'),
    ];
    for (const error of unavailable) {
      assert.ok(isDatabaseUnavailable(error), error.message);
      assert.equal(toMailbeaconError(error).status, 503, error.message);
    }
  });

  it('is not a query’s own fault: those stay 500, and refusals stay theirs', () => {
    const notUnavailable = [
      coded('23505', 'duplicate key'),
      coded('42P01', 'relation does not exist'),
      coded('SQLITE_CONSTRAINT_UNIQUE'),
      coded('SQLITE_ERROR', 'too many SQL variables'),
      new TypeError('x is undefined'),
      new Error('connection details are secret'),
    ];
    for (const error of notUnavailable) {
      assert.equal(isDatabaseUnavailable(error), false, error.message);
      assert.equal(toMailbeaconError(error).status, 500, error.message);
    }
    assert.equal(isDatabaseUnavailable(null), false);
    assert.equal(isDatabaseUnavailable('ECONNREFUSED'), false);
  });
});
