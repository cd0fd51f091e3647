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
