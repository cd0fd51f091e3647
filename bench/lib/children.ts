/**
 * Server processes for the bench: started with Node itself (TypeScript through `--import tsx`,
 * plain JavaScript without it), so the pid we hold is the server's and /proc tells its memory
 * and CPU time.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { ReadyLine } from './child-protocol.mjs';

export interface ServerChild {
  readonly name: string;
  readonly pid: number;
  readonly ready: ReadyLine;
  /** Peak resident set size (VmHWM) so far, in bytes. */
  peakRss(): number | undefined;
  /** Starts the peak RSS afresh (Linux: clear_refs 5); false where the kernel does not allow it. */
  resetPeakRss(): boolean;
  /** User + system CPU time so far, in ms: all its threads, or with `thread`, its main thread. */
  cpuMs(thread?: 'main'): number | undefined;
  /** Closes its stdin (it then stops itself), and kills it if it has not exited by `graceMs`. */
  stop(graceMs?: number): Promise<number | null>;
}

const TICKS_PER_SECOND = 100;

export async function startServerChild(
  name: string,
  script: string,
  args: readonly string[] = [],
  options: { env?: NodeJS.ProcessEnv; nodeArgs?: readonly string[]; startMs?: number } = {},
): Promise<ServerChild> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      ...(script.endsWith('.ts') ? ['--import', 'tsx'] : []),
      script,
      ...args,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...options.env } },
  );
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ? null : code));
  });
  const ready = await new Promise<ReadyLine>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name}: not listening after ${options.startMs ?? 60_000} ms`));
    }, options.startMs ?? 60_000);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      let parsed: Partial<ReadyLine> | undefined;
      try {
        parsed = JSON.parse(line) as Partial<ReadyLine>;
      } catch {
        parsed = undefined;
      }
      if (parsed?.ready === true) {
        clearTimeout(timer);
        resolve(parsed as ReadyLine);
      } else {
        // Anything else the server prints (its log, when one is asked for) goes to our stderr.
        process.stderr.write(`[${name}] ${line}\n`);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name}: exited with code ${code} before listening`));
    });
  });
  const pid = ready.pid;
  return {
    name,
    pid,
    ready,
    peakRss() {
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        const kb = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
        return kb === undefined ? undefined : Number(kb) * 1024;
      } catch {
        return undefined;
      }
    },
    resetPeakRss() {
      try {
        writeFileSync(`/proc/${pid}/clear_refs`, '5');
        return true;
      } catch {
        return false;
      }
    },
    cpuMs(thread) {
      try {
        // The main thread's id is the process id (Linux: /proc/<pid>/task/<tid>).
        const stat = readFileSync(
          thread === 'main' ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`,
          'utf8',
        );
        // Fields after the command name (which may hold spaces) start at ") ".
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const ticks = Number(fields[11]) + Number(fields[12]);
        return (ticks * 1000) / TICKS_PER_SECOND;
      } catch {
        return undefined;
      }
    },
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.stdin!.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
