/**
 * How a bench server child talks to the bench: one JSON line on stdout once it listens; it stops
 * when its stdin closes (so it never outlives the bench, even one killed by a signal), or on
 * SIGTERM/SIGINT. Plain JavaScript (types in child-protocol.d.mts): the Mailbeacon child runs
 * the built service without tsx, as `npm start` does.
 */

/** Prints the ready line: `{"ready": true, "pid": …, ...line}`. */
export function announce(line) {
  process.stdout.write(`${JSON.stringify({ ready: true, pid: process.pid, ...line })}\n`);
}

/** Runs `stop` once, when the parent goes away or asks, then exits (forced after `graceMs`). */
export function stopWhenAsked(stop, graceMs = 10_000) {
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(2), graceMs).unref();
    stop().then(
      () => process.exit(0),
      (error) => {
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
