import assert from 'node:assert/strict';
import type { ErrorName } from '../../src/errors.js';

/** A check for assert.throws/rejects: the error is the named Mailbeacon error. */
export const isError =
  (errorName: ErrorName) =>
  (error: unknown): boolean =>
    (error as { errorName?: unknown }).errorName === errorName;

/** Asserts that the promise fails with the named Mailbeacon error. */
export function rejectsWith(promise: Promise<unknown>, errorName: ErrorName): Promise<void> {
  return assert.rejects(promise, isError(errorName));
}
