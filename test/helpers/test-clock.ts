/**
 * A clock that runs with real time and can be moved forward: a test passes a settle window or a
 * retry delay by advancing it, then waits for the service to be idle, instead of sleeping.
 */
export interface TestClock {
  (): number;
  /** Moves the clock forward by `ms`. */
  advance(ms: number): void;
}

export function testClock(): TestClock {
  let offset = 0;
  const clock = (() => Date.now() + offset) as TestClock;
  clock.advance = (ms: number) => {
    offset += ms;
  };
  return clock;
}
