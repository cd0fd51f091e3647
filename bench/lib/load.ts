/**
 * A closed-loop HTTP/1.1 load generator: C keep-alive connections, each sending its next request
 * as soon as the previous answer is complete (no pipelining), like wrk. It speaks HTTP over raw
 * sockets with prebuilt request bytes and a minimal response parser, so that on a small machine
 * the client costs far less CPU than the servers it measures (node:http's client would cost
 * about as much per request as the bare servers do).
 *
 * Answers are counted by the time they complete: the warm-up's, the measured window's (rate,
 * latency), and the drain's (requests in flight when the window closed; no new ones are sent
 * after it, and each is awaited) — so the run knows exactly how many answers it got.
 */
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Histogram } from './histogram.js';

export interface LoadTarget {
  readonly host: string;
  readonly port: number;
  /**
   * Several nodes of one service, on `host`: connection i goes to the i-th of these ports in
   * turn, as a round-robin proxy would spread them (default: `port` alone).
   */
  readonly ports?: readonly number[];
  /** Request paths, sent in turn by every connection (each starts at a different one). */
  readonly paths?: readonly string[];
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Requests of their own (method, path, headers beside the shared ones), instead of `paths`:
   * a traffic mix. With `ratePerSecond` they are sent in this order, one list for all
   * connections; otherwise each connection walks the list from its own starting point.
   */
  readonly requests?: readonly LoadRequest[];
}

export interface LoadRequest {
  readonly method?: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface LoadOptions {
  readonly connections: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  /** An answer slower than this counts as an error (its connection is replaced). */
  readonly timeoutMs?: number;
  /** Called as the measured window opens and as it closes (to sample the server's CPU time). */
  readonly onWindow?: (edge: 'start' | 'end') => void;
  /**
   * An open loop instead of a closed one: requests are released at this steady rate (spread
   * over the connections, as many clients would), whatever the answers' speed. Requests the
   * connections could not send in time wait, and their latency counts from their release.
   */
  readonly ratePerSecond?: number;
  /** Told the index (in `requests`) and the time (performance.now(), ms) of each request sent. */
  readonly onSend?: (index: number, atMs: number) => void;
}

export interface PhaseTally {
  /** Complete HTTP answers, by status. */
  readonly statuses: Map<number, number>;
  /** Connection failures, resets and timeouts (no HTTP answer). */
  socketErrors: number;
}

export interface LoadResult {
  readonly warmup: PhaseTally;
  readonly measured: PhaseTally & {
    readonly histogram: Histogram;
    readonly seconds: number;
    /** Answers completed in each whole second of the window, in order. */
    readonly perSecond: number[];
  };
  readonly drain: PhaseTally;
  /** The load generator's own CPU time during the measured window, in % of one core. */
  readonly clientCpuPercent: number;
  /** Body bytes of the first answer (a sanity check of what the target serves). */
  readonly firstBody: { status: number; bytes: number; headers: string } | undefined;
}

const CRLF2 = Buffer.from('\r\n\r\n');

function tally(): PhaseTally {
  return { statuses: new Map(), socketErrors: 0 };
}

export function answered(phase: PhaseTally, ok: (status: number) => boolean): number {
  let n = 0;
  for (const [status, count] of phase.statuses) if (ok(status)) n += count;
  return n;
}

export function totalAnswers(phase: PhaseTally): number {
  return answered(phase, () => true);
}

interface Head {
  status: number;
  /** Bytes of the status line and headers, blank line included. */
  headLength: number;
  contentLength: number | undefined;
  chunked: boolean;
  close: boolean;
}

const CRLF = Buffer.from('\r\n');
const LOWER_C = 0x63;
const LOWER_T = 0x74;

/**
 * Reads only what framing needs (status, content-length, transfer-encoding, connection): header
 * lines that cannot be one of those (by their first letter) are skipped without decoding.
 */
function parseHead(buffer: Buffer, end: number): Head {
  const status = (buffer[9]! - 48) * 100 + (buffer[10]! - 48) * 10 + (buffer[11]! - 48);
  let contentLength: number | undefined;
  let chunked = false;
  let close = false;
  let at = buffer.indexOf(CRLF) + 2;
  while (at > 1 && at < end) {
    let eol = buffer.indexOf(CRLF, at);
    if (eol < 0 || eol > end) eol = end;
    const first = buffer[at]! | 0x20;
    if (first === LOWER_C || first === LOWER_T) {
      const line = buffer.toString('latin1', at, eol);
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).toLowerCase();
      if (name === 'content-length') contentLength = Number(line.slice(colon + 1));
      else if (name === 'transfer-encoding') chunked = /chunked/i.test(line.slice(colon + 1));
      else if (name === 'connection') close = /^\s*close\s*$/i.test(line.slice(colon + 1));
    }
    at = eol + 2;
  }
  return { status, headLength: end + 4, contentLength, chunked, close };
}

/** Length of a complete chunked body at `start`, or -1 while more bytes are needed. */
function chunkedLength(buffer: Buffer, start: number): number {
  let at = start;
  for (;;) {
    const lineEnd = buffer.indexOf('\r\n', at, 'latin1');
    if (lineEnd < 0) return -1;
    const size = Number.parseInt(buffer.toString('latin1', at, lineEnd), 16);
    if (Number.isNaN(size)) throw new Error('bad chunk size');
    at = lineEnd + 2;
    if (size === 0) {
      // Trailers end with an empty line.
      const trailerEnd = buffer.indexOf(CRLF2, at - 2);
      return trailerEnd < 0 ? -1 : trailerEnd + 4 - start;
    }
    if (buffer.length < at + size + 2) return -1;
    at += size + 2;
  }
}

export async function runLoad(target: LoadTarget, options: LoadOptions): Promise<LoadResult> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const headerLines = Object.entries({
    host: `${target.host}:${target.port}`,
    ...target.headers,
  })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  const list: readonly LoadRequest[] =
    target.requests ?? (target.paths ?? []).map((path) => ({ path }));
  const requests = list.map(({ method = 'GET', path, headers = {} }) => {
    const own = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    return Buffer.from(`${method} ${path} HTTP/1.1\r\n${headerLines}${own}\r\n`, 'latin1');
  });
  const isHead = list.map((r) => (r.method ?? 'GET').toUpperCase() === 'HEAD');
  // The open loop's schedule: requests released so far, and connections waiting for one.
  const rate = options.ratePerSecond;
  let released = 0;
  let taken = 0;
  const releasedAt: number[] = [];
  const idle: (() => void)[] = [];
  let releaseTimer: NodeJS.Timeout | undefined;
  if (rate !== undefined) {
    const begun = performance.now();
    releaseTimer = setInterval(() => {
      const due = Math.floor(((performance.now() - begun) / 1000) * rate);
      while (released < due) releasedAt[released++] = begun + (released * 1000) / rate;
      while (taken < released && idle.length > 0) idle.shift()!();
    }, 2);
  }

  const warmup = tally();
  const measured = {
    ...tally(),
    histogram: new Histogram(),
    seconds: 0,
    perSecond: [] as number[],
  };
  let windowStart = 0;
  const drain = tally();
  let phase: 'warmup' | 'measured' | 'drain' = 'warmup';
  const current = (): PhaseTally =>
    phase === 'warmup' ? warmup : phase === 'measured' ? measured : drain;
  let firstBody: LoadResult['firstBody'];
  let sending = true;
  const finished: Promise<void>[] = [];

  function connection(slot: number): Promise<void> {
    return new Promise<void>((done) => {
      let next = slot % requests.length;
      let socket: Socket;
      let pending: Buffer | undefined;
      let head: Head | undefined;
      let sentAt = 0;
      let inFlight = false;
      let connected = false;
      const timer = setInterval(() => {
        if (inFlight && performance.now() - sentAt > timeoutMs) socket.destroy();
      }, 1000);

      const finish = () => {
        clearInterval(timer);
        done();
      };

      const open = () => {
        pending = undefined;
        head = undefined;
        inFlight = false;
        connected = false;
        const ports = target.ports ?? [target.port];
        socket = connect({ host: target.host, port: ports[slot % ports.length]!, noDelay: true });
        socket.on('connect', () => {
          connected = true;
          send();
        });
        socket.on('data', onData);
        socket.on('error', () => {});
        socket.on('close', onClose);
      };

      let sentIndex = 0;
      const send = () => {
        if (!sending) {
          socket.removeListener('close', onClose);
          socket.destroy();
          finish();
          return;
        }
        if (rate !== undefined) {
          if (taken >= released) {
            idle.push(send);
            return;
          }
          const index = taken++;
          sentIndex = index % requests.length;
          // Latency counts from the request's release: waiting for a free connection is slowness.
          sentAt = releasedAt[index]!;
        } else {
          sentIndex = next;
          next = (next + 1) % requests.length;
          sentAt = performance.now();
        }
        inFlight = true;
        options.onSend?.(sentIndex, performance.now());
        socket.write(requests[sentIndex]!);
      };

      const onClose = () => {
        if (inFlight) current().socketErrors += 1;
        if (!sending) {
          finish();
          return;
        }
        // A refused connection is retried after a breath, not in a tight loop.
        setTimeout(open, connected ? 0 : 50);
      };

      const onData = (chunk: Buffer) => {
        let buffer = pending ? Buffer.concat([pending, chunk]) : chunk;
        for (;;) {
          if (!head) {
            const end = buffer.indexOf(CRLF2);
            if (end < 0) break;
            head = parseHead(buffer, end);
          }
          let bodyLength: number;
          if (head.chunked) {
            bodyLength = chunkedLength(buffer, head.headLength);
            if (bodyLength < 0) break;
          } else if (isHead[sentIndex]) {
            bodyLength = 0;
          } else if (head.contentLength !== undefined) {
            bodyLength = head.contentLength;
            if (buffer.length < head.headLength + bodyLength) break;
          } else if (head.status === 204 || head.status === 304 || head.status < 200) {
            bodyLength = 0;
          } else {
            // A body delimited by the end of the connection: not something we measure.
            socket.destroy();
            return;
          }
          const status = head.status;
          const close = head.close;
          firstBody ??= {
            status,
            bytes: bodyLength,
            headers: buffer.toString('latin1', 0, head.headLength),
          };
          const micros = (performance.now() - sentAt) * 1000;
          const phaseTally = current();
          phaseTally.statuses.set(status, (phaseTally.statuses.get(status) ?? 0) + 1);
          if (phase === 'measured') {
            measured.histogram.record(micros);
            const second = Math.floor((performance.now() - windowStart) / 1000);
            measured.perSecond[second] = (measured.perSecond[second] ?? 0) + 1;
          }
          inFlight = false;
          buffer = buffer.subarray(head.headLength + bodyLength);
          head = undefined;
          if (close) {
            socket.destroy();
            return;
          }
          send();
        }
        pending = buffer.length > 0 ? buffer : undefined;
      };

      open();
    });
  }

  for (let i = 0; i < options.connections; i++) finished.push(connection(i));

  await new Promise((resolve) => setTimeout(resolve, options.warmupMs));
  phase = 'measured';
  options.onWindow?.('start');
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  windowStart = startedAt;
  await new Promise((resolve) => setTimeout(resolve, options.durationMs));
  phase = 'drain';
  sending = false;
  clearInterval(releaseTimer);
  // Connections waiting for a release have nothing in flight: they end now.
  for (const waiting of idle.splice(0)) waiting();
  const elapsedMs = performance.now() - startedAt;
  const cpu = process.cpuUsage(cpuBefore);
  options.onWindow?.('end');
  measured.seconds = elapsedMs / 1000;
  // Only whole seconds: the last, partial one would read low.
  measured.perSecond.length = Math.min(measured.perSecond.length, Math.round(measured.seconds));
  for (let i = 0; i < measured.perSecond.length; i++) measured.perSecond[i] ??= 0;
  await Promise.all(finished);
  return {
    warmup,
    measured,
    drain,
    clientCpuPercent: ((cpu.user + cpu.system) / 1000 / elapsedMs) * 100,
    firstBody,
  };
}
