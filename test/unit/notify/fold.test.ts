import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FOLD_WINDOW_MS, type FoldTarget, foldInto } from '../../../src/notify/fold.js';
import type { EventRow } from '../../../src/store/index.js';

// The rule reads only the events' ids and times.
const event = (id: string, at: number) => ({ id, at }) as EventRow;
const line = (id: string, at: number, overrides: Partial<FoldTarget> = {}) => ({
  id,
  foldKey: 'r1:open::0',
  at,
  count: 1,
  eventId: `e-${id}`,
  ...overrides,
});

describe('the fold rule notifications and the chat share', () => {
  it('folds into the newest line of the key changed within the window, adding the run’s count', () => {
    const candidates = [line('b', 50_000), line('a', 10_000, { count: 4 })];
    const fold = foldInto([event('e1', 100_000), event('e2', 101_000)], 'r1:open::0', candidates);
    assert.deepEqual(fold, { to: 'fold', line: candidates[0], count: 3 });
  });

  it('starts a new line past the window, or for another key', () => {
    const old = [line('a', 10_000)];
    assert.deepEqual(foldInto([event('e1', 10_000 + FOLD_WINDOW_MS + 1)], 'r1:open::0', old), {
      to: 'new',
    });
    assert.deepEqual(
      foldInto([event('e1', 10_000 + FOLD_WINDOW_MS)], 'r1:open::0', old).to,
      'fold',
    );
    assert.deepEqual(foldInto([event('e1', 11_000)], 'r1:click:0:0', old), { to: 'new' });
    assert.deepEqual(foldInto([event('e1', 11_000)], 'r1:open::0', []), { to: 'new' });
  });

  it('says a run is told already when the line holds its last event (a job run again)', () => {
    const told = [line('a', 10_000, { eventId: 'e2' })];
    assert.deepEqual(foldInto([event('e1', 9_000), event('e2', 10_000)], 'r1:open::0', told), {
      to: 'told',
    });
  });
});
