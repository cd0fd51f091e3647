export interface SseEvent {
  event: string;
  id: string | undefined;
  data: any;
}

/**
 * A real Server-Sent Events client over fetch: collects events as they arrive, can be dropped
 * (the connection closed mid-stream) and tells the id to resume from.
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  comments = 0;
  #controller = new AbortController();
  #done: Promise<void>;
  #waiters: (() => void)[] = [];
  status = 0;

  constructor(url: string, headers: Record<string, string>) {
    this.#done = this.#run(url, headers);
  }

  async #run(url: string, headers: Record<string, string>): Promise<void> {
    try {
      const response = await fetch(url, { headers, signal: this.#controller.signal });
      this.status = response.status;
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          this.#parse(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
        }
      }
    } catch (error) {
      if ((error as Error).name !== 'AbortError') throw error;
    }
  }

  #parse(block: string): void {
    const lines = block.split('\n');
    if (lines.every((line) => line.startsWith(':'))) {
      this.comments += 1;
    }
    let event = 'message';
    let id: string | undefined;
    const data: string[] = [];
    for (const line of lines) {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('id: ')) id = line.slice(4);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (data.length === 0) {
      for (const wake of this.#waiters.splice(0)) wake();
      return;
    }
    this.events.push({ event, id, data: JSON.parse(data.join('\n')) });
    for (const wake of this.#waiters.splice(0)) wake();
  }

  /** Resolves when `check` holds for the events received, or rejects after the timeout. */
  async waitFor(check: (events: SseEvent[]) => boolean, timeoutMs = 30_000): Promise<SseEvent[]> {
    const deadline = Date.now() + timeoutMs;
    while (!check(this.events)) {
      if (Date.now() > deadline)
        throw new Error(`timed out; received ${JSON.stringify(this.events)}`);
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
    return this.events;
  }

  get lastId(): string | undefined {
    return this.events.at(-1)?.id;
  }

  /** Resolves when the server ended the stream (cleanly: no reset, no abort). */
  ended(): Promise<void> {
    return this.#done;
  }

  async close(): Promise<void> {
    this.#controller.abort();
    await this.#done.catch(() => {});
  }
}
