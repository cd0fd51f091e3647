import { closeSync, fsyncSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { availableParallelism, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Histogram } from './histogram.js';

export interface Machine {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly node: string;
  readonly kernel: string;
  readonly memoryGiB: number;
}

export function describeMachine(): Machine {
  let cpuModel = 'unknown';
  try {
    cpuModel =
      /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ??
      cpuModel;
  } catch {
    // Not Linux: leave it unknown.
  }
  return {
    cpus: availableParallelism(),
    cpuModel,
    node: process.version,
    kernel: `Linux ${release()}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  };
}

/** CPU time used on the whole machine so far (all cores, all processes), in ms; Linux only. */
export function machineBusyMs(): number | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    // user nice system idle iowait irq softirq steal: everything but idle and iowait is work.
    const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
    const busy = ticks.reduce((sum, t, i) => (i === 3 || i === 4 ? sum : sum + t), 0);
    return (busy * 1000) / 100;
  } catch {
    return undefined;
  }
}

/**
 * Waits (at most `maxMs`) until processes other than ours use less than `thresholdPercent` of
 * one core over half a second. `ownMs` is the CPU time our processes have used so far.
 * Returns the others' last figure.
 */
export async function waitForQuiet(
  ownMs: () => number,
  maxMs: number,
  thresholdPercent = 15,
): Promise<number | undefined> {
  const until = performance.now() + maxMs;
  for (;;) {
    const busy0 = machineBusyMs();
    const own0 = ownMs();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const busy1 = machineBusyMs();
    if (busy0 === undefined || busy1 === undefined) return undefined;
    const others = ((busy1 - busy0 - (ownMs() - own0)) / 500) * 100;
    if (others < thresholdPercent || performance.now() > until) return Math.max(0, others);
  }
}

/**
 * How long one small write + fsync takes in `dir` (median and p99 of up to 200 tries, at most
 * ~1 s): the floor of a durable commit on that disk.
 */
export function fsyncLatency(dir: string): { p50Ms: number; p99Ms: number; samples: number } {
  const file = join(dir, 'fsync-probe');
  const fd = openSync(file, 'w');
  const histogram = new Histogram();
  const page = Buffer.alloc(4096, 1);
  const until = performance.now() + 1000;
  try {
    for (let i = 0; i < 200 && performance.now() < until; i++) {
      const started = performance.now();
      writeSync(fd, page, 0, page.length, (i % 16) * page.length);
      fsyncSync(fd);
      histogram.record((performance.now() - started) * 1000);
    }
  } finally {
    closeSync(fd);
    rmSync(file, { force: true });
  }
  return {
    p50Ms: histogram.quantile(0.5) / 1000,
    p99Ms: histogram.quantile(0.99) / 1000,
    samples: histogram.count,
  };
}
