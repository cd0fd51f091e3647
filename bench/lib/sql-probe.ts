/**
 * Diagnostics for `bench/tracking.ts --sql-probe`, loaded into the service's process only then:
 * wraps better-sqlite3's `prepare` to time every statement (prepare and execution, by SQL text)
 * and every transaction (begin → commit, named after its first statement), and writes the
 * totals as JSON when the process exits. The figures of a probed run are not the benchmark's:
 * the probe costs a little per query.
 *
 * With `skipNotifyJobs` (`--ablate-fanout`) the notify worker's claim finds nothing, so no
 * notification fan-out runs: what the hit path does alone. An experiment, never a benchmark.
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';

export interface StatementTotals {
  count: number;
  prepareMs: number;
  runMs: number;
}

export interface ProbeReport {
  readonly seconds: number;
  readonly eventLoopUtilization: number;
  readonly statements: Record<string, StatementTotals>;
  /** Transactions by their first statement: how many, their commit time, their wall time. */
  readonly transactions: Record<string, { count: number; commitMs: number; wallMs: number }>;
}

/** Same statement, whatever the length of its `in (?, ?, …)` lists. */
function normalise(sql: string): string {
  return sql.replace(/\(\?(?:, \?)+\)/g, '(?, …)').replace(/\s+/g, ' ');
}

export function installSqlProbe(
  outputFile: string,
  options: { skipNotifyJobs?: boolean } = {},
): void {
  const statements = new Map<string, StatementTotals>();
  const transactions = new Map<string, { count: number; commitMs: number; wallMs: number }>();
  let open: { startedAt: number; first: string | undefined } | undefined;
  const startedAt = performance.now();
  const eluStart = performance.eventLoopUtilization();

  const original = SQLite.prototype.prepare;
  SQLite.prototype.prepare = function prepare(this: SQLite.Database, sql: string) {
    const key = normalise(sql);
    const totals = statements.get(key) ?? { count: 0, prepareMs: 0, runMs: 0 };
    statements.set(key, totals);
    const t0 = performance.now();
    const statement = original.call(this, sql);
    totals.prepareMs += performance.now() - t0;
    const lower = key.trim().toLowerCase();
    const isClaim = lower.startsWith('select "id" from "jobs" where "queue" = ?');
    if (lower === 'begin') open = { startedAt: performance.now(), first: undefined };
    else if (open && open.first === undefined && lower !== 'commit') open.first = key;
    for (const method of ['run', 'all', 'get'] as const) {
      const run = statement[method] as (...args: unknown[]) => unknown;
      Object.defineProperty(statement, method, {
        value: (...args: unknown[]) => {
          if (
            options.skipNotifyJobs &&
            isClaim &&
            Array.isArray(args[0]) &&
            args[0][0] === 'notify'
          ) {
            return [];
          }
          const t1 = performance.now();
          try {
            return run.apply(statement, args);
          } finally {
            const ended = performance.now();
            totals.count += 1;
            totals.runMs += ended - t1;
            if (lower === 'commit' && open) {
              const name = open.first ?? '(empty)';
              const tx = transactions.get(name) ?? { count: 0, commitMs: 0, wallMs: 0 };
              tx.count += 1;
              tx.commitMs += ended - t1;
              tx.wallMs += ended - open.startedAt;
              transactions.set(name, tx);
              open = undefined;
            }
          }
        },
      });
    }
    return statement;
  } as typeof original;

  process.on('exit', () => {
    const report: ProbeReport = {
      seconds: (performance.now() - startedAt) / 1000,
      eventLoopUtilization: performance.eventLoopUtilization(eluStart).utilization,
      statements: Object.fromEntries(statements),
      transactions: Object.fromEntries(transactions),
    };
    writeFileSync(outputFile, JSON.stringify(report));
  });
}

/**
 * Only the ablation, without timing (for a CPU profile of the hit path alone): the notify
 * worker's claim finds nothing.
 */
export function installFanoutAblation(): void {
  const original = SQLite.prototype.prepare;
  SQLite.prototype.prepare = function prepare(this: SQLite.Database, sql: string) {
    const statement = original.call(this, sql);
    if (!sql.startsWith('select "id" from "jobs" where "queue" = ?')) return statement;
    const all = statement.all as (...args: unknown[]) => unknown;
    Object.defineProperty(statement, 'all', {
      value: (...args: unknown[]) =>
        Array.isArray(args[0]) && args[0][0] === 'notify' ? [] : all.apply(statement, args),
    });
    return statement;
  } as typeof original;
}

/** The probe's report as text: the statements and transactions that took the most time. */
export function formatProbeReport(report: ProbeReport, top = 20): string {
  const lines = [
    `SQL probe: ${report.seconds.toFixed(1)} s, event loop busy ${(report.eventLoopUtilization * 100).toFixed(0)} %`,
  ];
  const statements = Object.entries(report.statements).sort(
    (a, b) => b[1].prepareMs + b[1].runMs - (a[1].prepareMs + a[1].runMs),
  );
  const sum = (f: (t: StatementTotals) => number) =>
    statements.reduce((total, [, t]) => total + f(t), 0);
  lines.push(
    `all statements: ${sum((t) => t.count)} executions, prepare ${sum((t) => t.prepareMs).toFixed(0)} ms, ` +
      `execution ${sum((t) => t.runMs).toFixed(0)} ms`,
    '   count  prepare ms  run ms  statement',
  );
  for (const [sql, t] of statements.slice(0, top)) {
    lines.push(
      `${String(t.count).padStart(8)} ${t.prepareMs.toFixed(0).padStart(11)} ${t.runMs
        .toFixed(0)
        .padStart(7)}  ${sql.slice(0, 150)}`,
    );
  }
  lines.push('transactions by first statement:', '   count  commit ms  wall ms  first statement');
  for (const [sql, t] of Object.entries(report.transactions).sort(
    (a, b) => b[1].wallMs - a[1].wallMs,
  )) {
    lines.push(
      `${String(t.count).padStart(8)} ${t.commitMs.toFixed(0).padStart(10)} ${t.wallMs
        .toFixed(0)
        .padStart(8)}  ${sql.slice(0, 150)}`,
    );
  }
  return lines.join('\n');
}
