import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { HitLogRow } from '../store/index.js';

/** A line written before the hit log existed: an event row, alone or with the request's facts. */
interface LegacyLine {
  readonly row?: LegacyRow;
  readonly facts?: { readonly senderSession?: boolean };
}
type LegacyRow = Omit<HitLogRow, 'headers' | 'senderSession'> & { details?: string | null };

function hitOf(line: string): HitLogRow[] {
  let parsed: (HitLogRow & LegacyLine) | LegacyRow;
  try {
    parsed = JSON.parse(line);
  } catch {
    // A line cut short by a crash mid-append was never acknowledged: it is dropped.
    return [];
  }
  if ('senderSession' in parsed) return [parsed];
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

  append(hits: readonly HitLogRow[]): Promise<void> {
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
   * by earlier versions (event rows) are read as hits too. Returns how many were moved.
   */
  async drain(move: (hits: HitLogRow[]) => Promise<void>): Promise<number> {
    let drained = 0;
    const run = this.#writing.then(async () => {
      const text = await this.#read();
      if (text === undefined) return;
      const hits = text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .flatMap(hitOf);
      if (hits.length > 0) await move(hits);
      await rm(this.#file, { force: true });
      drained = hits.length;
    });
    this.#writing = run.catch(() => {});
    await run;
    return drained;
  }
}
