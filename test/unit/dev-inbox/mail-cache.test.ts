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
    async raw(id) {
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
    const [one, two] = await Promise.all([cache.open('a'), cache.open('a')]);
    assert.equal(one?.subject, 'mail a');
    assert.equal(one, two);
    assert.equal(await cache.open('a'), one);
    assert.equal(reads.get('a'), 1);
  });

  it('forgets the least recently used mail past its capacity', async () => {
    const { inbox, reads } = countingInbox(['a', 'b', 'c']);
    const cache = createMailCache(inbox, 2);
    await cache.open('a');
    await cache.open('b');
    await cache.open('a'); // a is now the most recent, b the one to go
    await cache.open('c');
    await cache.open('a');
    assert.equal(reads.get('a'), 1);
    await cache.open('b');
    assert.equal(reads.get('b'), 2);
  });

  it('remembers neither an unknown id nor a failure', async () => {
    const { inbox, reads, failOnce } = countingInbox(['a']);
    const cache = createMailCache(inbox);
    assert.equal(await cache.open('nope'), undefined);
    assert.equal(await cache.open('nope'), undefined);
    assert.equal(reads.get('nope'), 2);
    failOnce();
    await assert.rejects(cache.open('a'), /locked/);
    assert.equal((await cache.open('a'))?.subject, 'mail a');
  });
});
