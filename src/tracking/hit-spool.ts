import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { HitLogRow } from '../store/index.js';

/** A line written before the hit log existed: an event row, alone or with the request's facts. */
interface LegacyLine {
  readonly row?: LegacyRow;
  readonly facts?: { readonly senderSession?: boolean };
}
type LegacyRow = Omit<HitLogRow, 'headers' | 'senderSession'> & { details?: string | null };

/**
 * A hit answered while the database was away, on a copy not in memory: its token named the copy
 * (HMAC verified), but which message, recipient and workspace that is only the database knows.
 * The copy is looked up when the spool is replayed. Whether the request carried a session of the
 * sending workspace cannot be known either, so `senderSession` is 0.
 */
export type UnresolvedHit = Omit<HitLogRow, 'workspaceId' | 'messageId' | 'recipientId'> & {
  readonly trackingId: string;
};
export type SpooledHit = HitLogRow | UnresolvedHit;

/** The copy a tracking id names, for replaying unresolved hits; undefined once it is gone. */
export type CopyResolver = (
  trackingId: string,
) => Promise<Pick<HitLogRow, 'workspaceId' | 'messageId' | 'recipientId'> | undefined>;

function isUnresolved(hit: SpooledHit): hit is UnresolvedHit {
  return 'trackingId' in hit;
}

function hitOf(line: string): SpooledHit[] {
  let parsed: (SpooledHit & LegacyLine) | LegacyRow;
  try {
    parsed = JSON.parse(line);
  } catch {
    // A line cut short by a crash mid-append was never acknowledged: it is dropped.
    return [];
  }
  if ('senderSession' in parsed) return [parsed as SpooledHit];
  const legacy = parsed as LegacyLine & LegacyRow;
  const row = legacy.row ?? legacy;
  return [
    {
      id: row.id,
      at: row.at,
      workspaceId: row.workspaceId,
      messageId: row.messageId,
      recipientId: row.recipientId,
      type: row.type,
      linkIdx: row.linkIdx ?? null,
      attachmentId: row.attachmentId ?? null,
      method: row.method,
      ip: row.ip ?? null,
      userAgent: row.userAgent ?? null,
      headers: row.details ?? null,
      senderSession: legacy.facts?.senderSession ? 1 : 0,
    },
  ];
}

/**
 * A durable side file for hits the database could not take: each batch is appended as JSON
 * lines and fsynced before the hits are answered, and moved into the hit log later (at start,
 * and while the file is not empty). Hit ids make the move idempotent. It holds what the hit log
 * holds, the address as TRACKING_IP keeps it included; the file is private (0600).
 */
export class HitSpool {
  readonly #file: string;
  #writing: Promise<void> = Promise.resolve();

  constructor(file: string) {
    this.#file = file;
  }

  /** The file's text; undefined when there is no file (nothing was spooled). */
  async #read(): Promise<string | undefined> {
    try {
      return await readFile(this.#file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  append(hits: readonly SpooledHit[]): Promise<void> {
    const lines = hits.map((hit) => `${JSON.stringify(hit)}\n`).join('');
    // One append at a time, so lines never interleave.
    const write = this.#writing.then(async () => {
      await mkdir(dirname(this.#file), { recursive: true, mode: 0o700 });
      const handle = await open(this.#file, 'a', 0o600);
      try {
        await handle.appendFile(lines);
        await handle.sync();
      } finally {
        await handle.close();
      }
    });
    this.#writing = write.catch(() => {});
    return write;
  }

  /**
   * Drops the spooled hits older than `before` (epoch ms): the retention period covers the spool
   * too (DESIGN.md, "Privacy"). The file is rewritten beside and renamed over, fsynced, so a
   * crash leaves the old file or the new one, never half of one. Returns how many went.
   */
  async dropBefore(before: number): Promise<number> {
    let dropped = 0;
    const run = this.#writing.then(async () => {
      const text = await this.#read();
      if (text === undefined) return;
      const lines = text.split('\n').filter((line) => line.trim() !== '');
      const kept = lines.filter((line) => hitOf(line).some((hit) => hit.at >= before));
      dropped = lines.length - kept.length;
      if (dropped === 0) return;
      const next = `${this.#file}.next`;
      const handle = await open(next, 'w', 0o600);
      try {
        await handle.writeFile(kept.map((line) => `${line}\n`).join(''));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(next, this.#file);
    });
    this.#writing = run.catch(() => {});
    await run;
    return dropped;
  }

  /**
   * Hands the spooled hits to `move`; the file is emptied only when it succeeds. Lines written
   * by earlier versions (event rows) are read as hits too. Unresolved hits are completed through
   * `resolve` first (a throw, the database still away, leaves the file for the next try; a copy
   * that no longer exists drops its hits). Returns how many were moved.
   */
  async drain(
    move: (hits: HitLogRow[]) => Promise<void>,
    resolve: CopyResolver = async () => undefined,
  ): Promise<number> {
    let drained = 0;
    const run = this.#writing.then(async () => {
      const text = await this.#read();
      if (text === undefined) return;
      const spooled = text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .flatMap(hitOf);
      const hits = await resolveAll(spooled, resolve);
      if (hits.length > 0) await move(hits);
      await rm(this.#file, { force: true });
      drained = hits.length;
    });
    this.#writing = run.catch(() => {});
    await run;
    return drained;
  }
}

async function resolveAll(spooled: SpooledHit[], resolve: CopyResolver): Promise<HitLogRow[]> {
  const copies = new Map<string, Awaited<ReturnType<CopyResolver>>>();
  const hits: HitLogRow[] = [];
  for (const hit of spooled) {
    if (!isUnresolved(hit)) {
      hits.push(hit);
      continue;
    }
    const { trackingId, ...rest } = hit;
    if (!copies.has(trackingId)) copies.set(trackingId, await resolve(trackingId));
    const copy = copies.get(trackingId);
    if (copy) {
      hits.push({
        ...rest,
        workspaceId: copy.workspaceId,
        messageId: copy.messageId,
        recipientId: copy.recipientId,
      });
    }
  }
  return hits;
}
