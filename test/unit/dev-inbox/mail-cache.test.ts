import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMailCache, type DevInbox } from '../../../src/dev-inbox/index.js';

/** An inbox holding `ids`, counting how often each source is read. */
function countingInbox(ids: string[]) {
  const reads = new Map<string, number>();
  let failNext = false;
  const inbox: DevInbox = {
    receive: async () => {},
    list: async () => [],
    find: async () => undefined,
    async raw(workspaceId, id) {
      // Each mail belongs to workspace w1 here.
      if (workspaceId !== 'w1') return undefined;
      reads.set(id, (reads.get(id) ?? 0) + 1);
      if (failNext) {
        failNext = false;
        throw new Error('database is locked');
      }
      return ids.includes(id) ? Buffer.from(`Subject: mail ${id}\r\n\r\nbody\r\n`) : undefined;
    },
  };
  return { inbox, reads, failOnce: () => (failNext = true) };
}

describe('createMailCache', () => {
  it('reads and parses a mail once for requests that come together or soon after', async () => {
    const { inbox, reads } = countingInbox(['a']);
    const cache = createMailCache(inbox);
    const [one, two] = await Promise.all([cache.open('w1', 'a'), cache.open('w1', 'a')]);
    assert.equal(one?.subject, 'mail a');
    assert.equal(one, two);
    assert.equal(await cache.open('w1', 'a'), one);
    assert.equal(reads.get('a'), 1);
  });

  it('forgets the least recently used mail past its capacity', async () => {
    const { inbox, reads } = countingInbox(['a', 'b', 'c']);
    const cache = createMailCache(inbox, 2);
    await cache.open('w1', 'a');
    await cache.open('w1', 'b');
    await cache.open('w1', 'a'); // a is now the most recent, b the one to go
    await cache.open('w1', 'c');
    await cache.open('w1', 'a');
    assert.equal(reads.get('a'), 1);
    await cache.open('w1', 'b');
    assert.equal(reads.get('b'), 2);
  });

  it('remembers neither an unknown id nor a failure', async () => {
    const { inbox, reads, failOnce } = countingInbox(['a']);
    const cache = createMailCache(inbox);
    assert.equal(await cache.open('w1', 'nope'), undefined);
    assert.equal(await cache.open('w1', 'nope'), undefined);
    assert.equal(reads.get('nope'), 2);
    failOnce();
    await assert.rejects(cache.open('w1', 'a'), /locked/);
    assert.equal((await cache.open('w1', 'a'))?.subject, 'mail a');
  });
});

describe('createMailCache across workspaces', () => {
  it('never serves a mail opened for its workspace to another', async () => {
    const { inbox } = countingInbox(['a']);
    const cache = createMailCache(inbox);
    assert.equal((await cache.open('w1', 'a'))?.subject, 'mail a');
    assert.equal(await cache.open('w2', 'a'), undefined);
  });
});
