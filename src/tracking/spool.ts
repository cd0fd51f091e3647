import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { HitRecord } from './label-hits.js';

/**
 * A durable side file for events the database could not take: each batch is appended as JSON
 * lines and fsynced before the hit is answered, and replayed into the database later (at start,
 * and while the file is not empty). Event ids make the replay idempotent.
 */
export class EventSpool {
  readonly #file: string;
  #writing: Promise<void> = Promise.resolve();

  constructor(file: string) {
    this.#file = file;
  }

  append(events: readonly HitRecord[]): Promise<void> {
    const lines = events.map((event) => `${JSON.stringify(event)}\n`).join('');
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

  /** Hands the spooled events to `replay`; the file is emptied only when it succeeds. */
  async drain(replay: (events: HitRecord[]) => Promise<void>): Promise<number> {
    let drained = 0;
    const run = this.#writing.then(async () => {
      let text: string;
      try {
        text = await readFile(this.#file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw error;
      }
      // A line cut short by a crash mid-append was never acknowledged: it is dropped.
      const events = text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .flatMap((line) => {
          try {
            const parsed = JSON.parse(line) as HitRecord | HitRecord['row'];
            // Lines written before hits carried their facts are bare rows.
            return ['row' in parsed ? parsed : { row: parsed }];
          } catch {
            return [];
          }
        });
      if (events.length > 0) await replay(events);
      await rm(this.#file, { force: true });
      drained = events.length;
    });
    this.#writing = run.catch(() => {});
    await run;
    return drained;
  }
}
