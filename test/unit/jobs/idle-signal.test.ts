import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IdleSignal } from '../../../src/jobs/index.js';

describe('IdleSignal', () => {
  it('ends a wait only at an empty look that began after it was asked', async () => {
    const signal = new IdleSignal();
    const during = signal.look();
    let ended = false;
    const wait = signal.wait().then(() => {
      ended = true;
    });
    signal.nothingFound(during);
    await Promise.resolve();
    assert.equal(ended, false, 'the look in progress may have missed the work');
    signal.nothingFound(signal.look());
    await wait;
    assert.equal(ended, true);
  });

  it('ends every wait when the loop stops', async () => {
    const signal = new IdleSignal();
    const waits = [signal.wait(), signal.wait()];
    signal.release();
    await Promise.all(waits);
  });
});
