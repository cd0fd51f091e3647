/**
 * One turn at a time per blob key, in this process: an upload that found its bytes stored
 * already and is recording its attachment, and a deletion asking whether anyone still holds
 * those bytes, must not interleave (the deletion would remove the bytes the new attachment
 * names). Keys no one waits on are forgotten.
 */
const turns = new Map<string, Promise<unknown>>();

/** Runs `work` once every earlier turn on `key` has ended; its result or error is the caller's. */
export async function withBlobTurn<T>(key: string, work: () => Promise<T>): Promise<T> {
  const before = turns.get(key) ?? Promise.resolve();
  const mine = before.then(work, work);
  const settled = mine.then(
    () => undefined,
    () => undefined,
  );
  turns.set(key, settled);
  try {
    return await mine;
  } finally {
    if (turns.get(key) === settled) turns.delete(key);
  }
}
