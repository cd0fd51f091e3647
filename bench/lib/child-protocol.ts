/**
 * How a bench server child talks to the bench: one JSON line on stdout once it listens; it stops
 * when its stdin closes (so it never outlives the bench, even one killed by a signal), or on
 * SIGTERM/SIGINT.
 */
export interface ReadyLine {
  readonly ready: true;
  readonly address: string;
  readonly pid: number;
  readonly [key: string]: unknown;
}

export function announce(line: Omit<ReadyLine, 'ready' | 'pid'>): void {
  process.stdout.write(`${JSON.stringify({ ready: true, pid: process.pid, ...line })}\n`);
}

/** Runs `stop` once, when the parent goes away or asks, then exits (forced after `graceMs`). */
export function stopWhenAsked(stop: () => Promise<void>, graceMs = 10_000): void {
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(2), graceMs).unref();
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`bench child: stop failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.stdin.on('end', shutdown);
  process.stdin.on('close', shutdown);
  process.stdin.resume();
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
