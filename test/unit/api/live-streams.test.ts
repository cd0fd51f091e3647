import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pino from 'pino';
import { createLiveStreams, type OpenStream } from '../../../src/api/notifications/live-streams.js';
import { testClock } from '../../helpers/test-clock.js';

/** A stream whose check answers `verdict` and which tells when it was checked and ended. */
function fakeStream(workspaceId: string, verdict: () => Promise<boolean>) {
  let checks = 0;
  let ended = false;
  const stream: OpenStream = {
    userId: 'u',
    workspaceId,
    stillValid: () => {
      checks += 1;
      return verdict();
    },
    end: () => {
      ended = true;
    },
  };
  return { stream, checks: () => checks, ended: () => ended };
}

function waitFor(check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (!check()) return;
      clearInterval(timer);
      resolve();
    }, 5);
  });
}

describe('createLiveStreams', () => {
  const log = pino({ level: 'silent' });
  /** A registry whose periodic round never comes: only recheckWorkspace checks. */
  const onDemandOnly = () =>
    createLiveStreams({ clock: Date.now, streamRecheckMs: 1e9, streamRecheckPollMs: 1e9, log });

  it('re-checks only when the clock says a round is due, and ends what lapsed', async () => {
    const clock = testClock();
    const streams = createLiveStreams({
      clock,
      streamRecheckMs: 15_000,
      streamRecheckPollMs: 5,
      log,
    });
    const lapsed = fakeStream('w', async () => false);
    const valid = fakeStream('w', async () => true);
    streams.add(lapsed.stream);
    streams.add(valid.stream);
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(lapsed.checks(), 0, 'no round before 15 s of the clock');
    clock.advance(15_000);
    await waitFor(() => lapsed.ended());
    assert.equal(valid.ended(), false);
    streams.close();
    assert.equal(valid.ended(), true, 'closing ends every stream');
  });

  it('keeps a stream whose principal cannot be checked (the database away)', async () => {
    const streams = onDemandOnly();
    const unknown = fakeStream('w', async () => {
      throw new Error('database unreachable');
    });
    streams.add(unknown.stream);
    await streams.recheckWorkspace('w');
    assert.equal(unknown.checks(), 1);
    assert.equal(unknown.ended(), false);
    streams.close();
  });

  it('re-checks one workspace’s streams on demand, and forgets removed ones', async () => {
    const streams = onDemandOnly();
    const here = fakeStream('w1', async () => false);
    const there = fakeStream('w2', async () => false);
    const gone = fakeStream('w1', async () => false);
    streams.add(here.stream);
    streams.add(there.stream);
    streams.add(gone.stream)();
    await streams.recheckWorkspace('w1');
    assert.deepEqual([here.ended(), there.ended(), gone.checks()], [true, false, 0]);
    streams.close();
  });
});
