/**
 * Load benchmark of the tracking endpoints, against bare Node and bare Fastify in the same run.
 *
 *   npx tsx bench/tracking.ts [--seconds 10] [--warmup 2] [--connections 32]
 *   node --import tsx bench/tracking.ts --seconds 10 --connections 32      (the same, without npm)
 *
 * It starts the real service in a child process (SQLite in a fresh temp DATA_DIR, mail to a
 * loopback SMTP relay started here), signs up, sends one tracked message to a few recipients,
 * reads their copies from the relay and takes each copy's open pixel and click URLs. Then it
 * loads each target with the same closed-loop keep-alive load generator (this process; every
 * server is another process): bare Node and bare Fastify answering the same GIF and 302, then
 * Mailbeacon's /t/o/<token> and /t/c/<token>. Afterwards it stops the service and checks, in the
 * SQLite file, that every hit answered 200/302 was recorded. It prints a Markdown table and
 * rewrites its section of BENCHMARKS.md (--no-write to skip). Loopback only; everything it starts
 * stops by itself and its temp dir is removed.
 *
 * Other options: --recipients 4, --only mb-open,node-gif,…, --output BENCHMARKS.md, --settle 5
 * (before each target, wait up to that many seconds for other processes to quiet down: the CPU
 * they use during each window is reported, as a shared machine skews every figure). Diagnostics
 * (their runs do not write BENCHMARKS.md): --cpu-prof <dir> profiles the service (a .cpuprofile
 * is written there when it stops; summarise it with bench/cpu-profile-top.ts); --sql-probe times
 * every SQL statement and transaction in the service and prints the totals; --ablate-fanout
 * keeps the notify worker from claiming jobs, to see the hit path alone.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { type ServerChild, startServerChild } from './lib/children.js';
import { answered, type LoadResult, runLoad, totalAnswers } from './lib/load.js';
import { describeMachine, fsyncLatency, machineBusyMs, waitForQuiet } from './lib/machine.js';
import { startRelay, trackingPaths } from './lib/relay.js';
import { formatProbeReport, type ProbeReport } from './lib/sql-probe.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const THUNDERBIRD = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.4.0';
const OPEN_HEADERS = { 'user-agent': THUNDERBIRD, accept: 'image/avif,image/webp,*/*' };
/** A person's click opens the link in their browser: a browser's navigation request. */
const CLICK_HEADERS = {
  'user-agent':
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
  'accept-language': 'it-IT,it;q=0.9,en;q=0.8',
  'sec-fetch-dest': 'document',
  'sec-fetch-mode': 'navigate',
  'sec-fetch-site': 'none',
  'sec-fetch-user': '?1',
  'upgrade-insecure-requests': '1',
};
const BEGIN = '<!-- bench:tracking:begin — written by bench/tracking.ts; edit outside -->';
const END = '<!-- bench:tracking:end -->';

type ServerName = 'node' | 'fastify' | 'mailbeacon';
type Kind = 'open' | 'click';

interface Scenario {
  readonly id: string;
  readonly label: string;
  readonly server: ServerName;
  readonly kind: Kind;
}

/** In the order they run: the baselines first, so the service's background work cannot touch them. */
const SCENARIOS: readonly Scenario[] = [
  { id: 'node-gif', label: 'bare Node, GIF', server: 'node', kind: 'open' },
  { id: 'node-302', label: 'bare Node, 302', server: 'node', kind: 'click' },
  { id: 'fastify-gif', label: 'bare Fastify, GIF', server: 'fastify', kind: 'open' },
  { id: 'fastify-302', label: 'bare Fastify, 302', server: 'fastify', kind: 'click' },
  {
    id: 'mb-open',
    label: 'Mailbeacon `GET /t/o/<token>` (open, recorded)',
    server: 'mailbeacon',
    kind: 'open',
  },
  {
    id: 'mb-click',
    label: 'Mailbeacon `GET /t/c/<token>` (click, recorded)',
    server: 'mailbeacon',
    kind: 'click',
  },
];

interface Outcome {
  readonly scenario: Scenario;
  readonly result: LoadResult;
  readonly serverCpuPercent: number | undefined;
  /** CPU used by processes not started by this bench during the window, % of one core. */
  readonly othersCpuPercent: number | undefined;
  readonly peakRss: number | undefined;
  readonly peakRssSinceStart: boolean;
}

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '32' },
    recipients: { type: 'string', default: '4' },
    settle: { type: 'string', default: '5' },
    only: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
    'sql-probe': { type: 'boolean', default: false },
    'ablate-fanout': { type: 'boolean', default: false },
    'log-level': { type: 'string' },
    output: { type: 'string', default: 'BENCHMARKS.md' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (args.help) {
  process.stdout.write(
    'usage: npx tsx bench/tracking.ts [--seconds 10] [--warmup 2] [--connections 32] ' +
      `[--recipients 4] [--settle 5] [--only ${SCENARIOS.map((s) => s.id).join(',')}] [--no-write] ` +
      '[--cpu-prof DIR] [--sql-probe] [--ablate-fanout] [--output BENCHMARKS.md]\n',
  );
  process.exit(0);
}

function positive(name: string, raw: string, max: number): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > max) {
    throw new Error(`--${name} must be a number above 0 and at most ${max} (got ${raw})`);
  }
  return value;
}

const seconds = positive('seconds', args.seconds, 120);
const warmup = positive('warmup', args.warmup, 30);
const connections = Math.round(positive('connections', args.connections, 1000));
const recipientCount = Math.round(positive('recipients', args.recipients, 500));
const settle = Number(args.settle);
if (!(settle >= 0 && settle <= 60)) throw new Error('--settle must be from 0 to 60 seconds');
const only = args.only?.split(',').map((s) => s.trim());
if (only) {
  const unknown = only.filter((id) => !SCENARIOS.some((s) => s.id === id));
  if (unknown.length > 0) throw new Error(`--only: unknown scenario(s) ${unknown.join(', ')}`);
}
const scenarios = SCENARIOS.filter((s) => !only || only.includes(s.id));
const command = [
  'npx tsx bench/tracking.ts',
  `--seconds ${args.seconds}`,
  `--warmup ${args.warmup}`,
  `--connections ${connections}`,
  ...(recipientCount === 4 ? [] : [`--recipients ${recipientCount}`]),
  ...(only ? [`--only ${only.join(',')}`] : []),
].join(' ');

const log = (line: string) => process.stderr.write(`${line}\n`);

// ---------------------------------------------------------------------------------------------

const machine = describeMachine();
const revision = gitRevision();
const work = mkdtempSync(join(tmpdir(), 'mailbeacon-bench-'));
const children: ServerChild[] = [];
let stopRelay: (() => Promise<void>) | undefined;
let exitCode = 0;

const cleanUp = async () => {
  await Promise.all(children.map((child) => child.stop().catch(() => null)));
  await stopRelay?.().catch(() => {});
  rmSync(work, { recursive: true, force: true });
};
process.once('SIGINT', () => {
  log('interrupted: stopping the servers');
  cleanUp().finally(() => process.exit(130));
});

try {
  const fsync = fsyncLatency(work);
  log(
    `machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.node}; fsync p50 ${fsync.p50Ms.toFixed(2)} ms`,
  );

  // The real service, with a real relay, and one tracked message to a few recipients.
  const relay = await startRelay();
  stopRelay = () => relay.close();
  const dataDir = join(work, 'data');
  const profileDir = args['cpu-prof'] ? resolve(args['cpu-prof']) : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const probeFile = args['sql-probe'] ? join(work, 'sql-probe.json') : undefined;
  const service = await startServerChild('mailbeacon', join(HERE, 'serve.ts'), [], {
    env: {
      BENCH_DATA_DIR: dataDir,
      BENCH_SMTP_URL: relay.url,
      ...(probeFile ? { BENCH_SQL_PROBE: probeFile } : {}),
      ...(args['ablate-fanout'] ? { BENCH_ABLATE_FANOUT: '1' } : {}),
      ...(args['log-level'] ? { BENCH_LOG_LEVEL: args['log-level'] } : {}),
    },
    nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  });
  children.push(service);
  log(`mailbeacon: ${service.ready.address} (pid ${service.pid})`);
  const urls = await sendTrackedMessage(service.ready.address, relay, recipientCount);
  const openTokens = urls.map((u) => u.pixel.split('/').pop()!);
  const clickTokens = urls.flatMap((u) => u.clicks.map((c) => c.split('/').pop()!));

  const baselines = new Map<ServerName, ServerChild>();
  for (const name of ['node', 'fastify'] as const) {
    if (!scenarios.some((s) => s.server === name)) continue;
    const child = await startServerChild(name, join(HERE, 'baseline-server.ts'), [name]);
    children.push(child);
    baselines.set(name, child);
    log(`bare ${name}: ${child.ready.address} (pid ${child.pid})`);
  }

  const ownCpuMs = () => {
    const self = process.cpuUsage();
    return (
      (self.user + self.system) / 1000 + children.reduce((sum, c) => sum + (c.cpuMs() ?? 0), 0)
    );
  };
  const outcomes: Outcome[] = [];
  for (const scenario of scenarios) {
    const server = scenario.server === 'mailbeacon' ? service : baselines.get(scenario.server)!;
    const address = new URL(server.ready.address);
    const tokens = scenario.kind === 'open' ? openTokens : clickTokens;
    const prefix =
      scenario.server === 'mailbeacon'
        ? scenario.kind === 'open'
          ? '/t/o/'
          : '/t/c/'
        : scenario.kind === 'open'
          ? '/o/'
          : '/c/';
    if (settle > 0) {
      const others = await waitForQuiet(ownCpuMs, settle * 1000);
      if (others !== undefined && others >= 15) {
        log(`  the machine is busy: other processes use ${others.toFixed(0)} % of a core`);
      }
    }
    log(`${scenario.id}: ${warmup} s warm-up, ${seconds} s measured, ${connections} connections`);
    const reset = server.resetPeakRss();
    let cpuAtStart: number | undefined;
    let cpuAtEnd: number | undefined;
    let machineAtStart: number | undefined;
    let machineAtEnd: number | undefined;
    let ownAtStart = 0;
    let ownAtEnd = 0;
    const result = await runLoad(
      {
        host: address.hostname,
        port: Number(address.port),
        paths: tokens.map((token) => prefix + token),
        headers: scenario.kind === 'open' ? OPEN_HEADERS : CLICK_HEADERS,
      },
      {
        connections,
        warmupMs: warmup * 1000,
        durationMs: seconds * 1000,
        onWindow: (edge) => {
          if (edge === 'start') {
            cpuAtStart = server.cpuMs();
            machineAtStart = machineBusyMs();
            ownAtStart = ownCpuMs();
          } else {
            cpuAtEnd = server.cpuMs();
            machineAtEnd = machineBusyMs();
            ownAtEnd = ownCpuMs();
          }
        },
      },
    );
    const serverCpuPercent =
      cpuAtStart === undefined || cpuAtEnd === undefined
        ? undefined
        : ((cpuAtEnd - cpuAtStart) / (result.measured.seconds * 1000)) * 100;
    const othersCpuPercent =
      machineAtStart === undefined || machineAtEnd === undefined
        ? undefined
        : Math.max(
            0,
            ((machineAtEnd - machineAtStart - (ownAtEnd - ownAtStart)) /
              (result.measured.seconds * 1000)) *
              100,
          );
    const outcome: Outcome = {
      scenario,
      result,
      serverCpuPercent,
      othersCpuPercent,
      peakRss: server.peakRss(),
      peakRssSinceStart: !reset,
    };
    outcomes.push(outcome);
    const first = result.firstBody;
    log(
      `  ${rate(outcome).toFixed(0)} req/s, p50 ${ms(result.measured.histogram.quantile(0.5))}, ` +
        `p99 ${ms(result.measured.histogram.quantile(0.99))}, errors ${errors(outcome)}, ` +
        `first answer ${first?.status} with ${first?.bytes} body bytes; ` +
        `per second: ${result.measured.perSecond.join(' ')}; ` +
        `other processes ${othersCpuPercent?.toFixed(0) ?? '?'} % CPU`,
    );
    const expected = scenario.kind === 'open' ? 200 : 302;
    if (first?.status !== expected) {
      log(
        `  UNEXPECTED: the first answer was ${first?.status}, not ${expected}:\n${first?.headers}`,
      );
      exitCode = 1;
    }
  }

  for (const child of baselines.values()) await child.stop();
  // The service stops cleanly (its recorder drains); only then is its database read.
  const stopCode = await service.stop(20_000);
  if (stopCode !== 0) log(`mailbeacon exited with code ${stopCode} (a forced stop?)`);
  await relay.close();
  stopRelay = undefined;
  if (probeFile && existsSync(probeFile)) {
    log(formatProbeReport(JSON.parse(readFileSync(probeFile, 'utf8')) as ProbeReport));
  }

  const database = service.ready.database;
  if (typeof database !== 'string')
    throw new Error('the service did not say where its database is');
  const audit = auditRecording(database, join(dataDir, 'spool', 'events.jsonl'), outcomes);
  if (!audit.ok) exitCode = 1;

  const section = renderSection({
    outcomes,
    audit,
    fsync,
    when: new Date(),
  });
  process.stdout.write(`${section}\n`);
  const diagnostic = Boolean(profileDir || probeFile || args['ablate-fanout']);
  if (diagnostic) log('a profiled or probed run: BENCHMARKS.md left as it is');
  if (!args['no-write'] && !diagnostic) {
    const output = resolve(ROOT, args.output);
    writeFileSync(
      output,
      updateDocument(existsSync(output) ? readFileSync(output, 'utf8') : '', section),
    );
    log(`wrote ${output}`);
  }
} catch (error) {
  log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  exitCode = 1;
} finally {
  await cleanUp();
}
process.exit(exitCode);

// ---------------------------------------------------------------------------------------------

async function sendTrackedMessage(
  server: string,
  relay: Awaited<ReturnType<typeof startRelay>>,
  count: number,
): Promise<{ pixel: string; clicks: string[] }[]> {
  const post = async (path: string, body: unknown, cookie?: string) => {
    const response = await fetch(new URL(path, server), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text };
  };
  const signup = await post('/api/v1/auth/signup', {
    email: 'bench@example.com',
    password: 'bench-password-long-enough',
    name: 'Bench Sender',
    workspace: 'Bench',
  });
  if (signup.status !== 201) throw new Error(`signup: ${signup.status} ${signup.text}`);
  const cookie = signup.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('signup set no session cookie');
  const sent = await post(
    '/api/v1/messages',
    {
      to: Array.from({ length: count }, (_, i) => ({
        email: `recipient${i + 1}@example.org`,
        name: `Recipient ${i + 1}`,
      })),
      subject: 'Offerta Q4',
      html:
        '<html><body><p>Buongiorno,</p><p><a href="https://shop.example.com/offerta?id=42&amp;ref=mail">' +
        'Offerta</a> · <a href="https://docs.example.com/listino">Listino</a></p></body></html>',
      tracking: { enabled: true },
      send: true,
    },
    cookie,
  );
  if (sent.status !== 201) throw new Error(`send: ${sent.status} ${sent.text}`);
  const mails = await relay.waitFor(count, 30_000);
  const copies = mails.map((mail) => trackingPaths(mail.parsed));
  for (const copy of copies) {
    if (copy.clicks.length === 0) throw new Error('a copy without click URLs');
  }
  log(`sent one tracked message: ${copies.length} copies, ${copies[0]!.clicks.length} links each`);
  return copies;
}

interface Audit {
  readonly ok: boolean;
  readonly lines: string[];
}

/**
 * The promise: every hit answered 200 (open) or 302 (click) is a row in `events` (or, if the
 * database failed, a line in the spool). More rows than answers is allowed only for requests the
 * load generator gave up on (a timeout): the server may record and answer them after that.
 */
function auditRecording(file: string, spoolFile: string, outcomes: readonly Outcome[]): Audit {
  const mine = (kind: Kind) =>
    outcomes.filter((o) => o.scenario.server === 'mailbeacon' && o.scenario.kind === kind);
  const acknowledged = (kind: Kind) =>
    mine(kind).reduce((sum, o) => {
      const ok = (status: number) => status === (kind === 'open' ? 200 : 302);
      const r = o.result;
      return sum + answered(r.warmup, ok) + answered(r.measured, ok) + answered(r.drain, ok);
    }, 0);
  const unanswered = (kind: Kind) =>
    mine(kind).reduce(
      (sum, o) =>
        sum +
        o.result.warmup.socketErrors +
        o.result.measured.socketErrors +
        o.result.drain.socketErrors,
      0,
    );
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(
        'select type, inferred, count(*) as n from events where type in (?, ?) group by type, inferred',
      )
      .all('open', 'click') as { type: string; inferred: number; n: number }[];
    const count = (type: string, inferred: number) =>
      rows.find((r) => r.type === type && r.inferred === inferred)?.n ?? 0;
    const counters = db
      .prepare(
        'select coalesce(sum(opens), 0) as opens, coalesce(sum(clicks), 0) as clicks from recipients',
      )
      .get() as { opens: number; clicks: number };
    const jobs = db
      .prepare("select status, count(*) as n from jobs where queue = 'notify' group by status")
      .all() as { status: string; n: number }[];
    const chat = db
      .prepare("select count(*) as n from chat_lines where kind = 'tracking'")
      .get() as { n: number };
    const labels = db
      .prepare(
        'select type, classification, coalesce(reason, ?) as reason, count(*) as n from events ' +
          'where inferred = 0 group by type, classification, reason order by n desc',
      )
      .all('–') as { type: string; classification: string; reason: string; n: number }[];
    const spool = existsSync(spoolFile) ? readFileSync(spoolFile, 'utf8') : '';
    const spooled = (type: string) => spool.split(`"type":"${type}"`).length - 1;
    const check = (kind: Kind, type: string) => {
      const answers = acknowledged(kind);
      const recorded = count(type, 0) + spooled(type);
      const extra = recorded - answers;
      const ok = extra >= 0 && extra <= unanswered(kind);
      const verdict =
        extra === 0
          ? '✓ equal'
          : ok
            ? `✓ none lost (${extra} more recorded: requests the load generator timed out on)`
            : extra < 0
              ? `✗ ${-extra} ACKNOWLEDGED HITS NOT RECORDED`
              : `✗ ${extra} more recorded than requested`;
      return { answers, recorded, ok, verdict };
    };
    const opens = check('open', 'open');
    const clicks = check('click', 'click');
    const lines = [
      `- opens answered 200: **${opens.answers}**; open events recorded: **${opens.recorded}** — ${opens.verdict}`,
      `- clicks answered 302: **${clicks.answers}**; click events recorded: **${clicks.recorded}** — ${clicks.verdict}` +
        (count('open', 1) > 0 ? ` (plus ${count('open', 1)} inferred opens)` : ''),
      `- recipients' counters: ${counters.opens} opens, ${counters.clicks} clicks; ` +
        `events in the spool (database failures): ${spooled('open') + spooled('click')}`,
      `- how the service labelled them: ${labels
        .map(
          (l) => `${l.type} ${l.classification}${l.reason === '–' ? '' : ` (${l.reason})`} ${l.n}`,
        )
        .join(', ')}`,
      `- notification fan-out when the service stopped: ${chat.n} chat lines written; notify jobs ${
        jobs.map((j) => `${j.status} ${j.n}`).join(', ') || 'none'
      }`,
    ];
    const ok = opens.ok && clicks.ok;
    return { ok, lines };
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------

/** The commit measured, and whether src/ differed from it (others may be editing it). */
function gitRevision(): string {
  try {
    const git = (...a: string[]) =>
      execFileSync('git', a, {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    const head = git('rev-parse', '--short', 'HEAD');
    const changed = git('status', '--porcelain', '--', 'src').split('\n').filter(Boolean).length;
    return changed === 0
      ? `commit ${head}`
      : `commit ${head} plus uncommitted changes to ${changed} path(s) under src/`;
  } catch {
    return 'unknown revision (not a git checkout)';
  }
}

function rate(o: Outcome): number {
  return totalAnswers(o.result.measured) / o.result.measured.seconds;
}

function okRate(o: Outcome): number {
  return answered(o.result.measured, (s) => s >= 200 && s < 400) / o.result.measured.seconds;
}

function errors(o: Outcome): number {
  const bad = (phase: LoadResult['warmup']) =>
    answered(phase, (s) => s < 200 || s >= 400) + phase.socketErrors;
  return bad(o.result.warmup) + bad(o.result.measured) + bad(o.result.drain);
}

function ms(micros: number): string {
  return micros >= 10_000 ? `${(micros / 1000).toFixed(0)} ms` : `${(micros / 1000).toFixed(2)} ms`;
}

function mib(bytes: number | undefined): string {
  return bytes === undefined ? 'n/a' : `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}

function percent(part: number, whole: number | undefined): string {
  if (!whole) return '–';
  const value = (part / whole) * 100;
  return `${value >= 10 ? value.toFixed(0) : value.toFixed(1)} %`;
}

function renderSection(input: {
  outcomes: readonly Outcome[];
  audit: Audit;
  fsync: { p50Ms: number; p99Ms: number };
  when: Date;
}): string {
  const { outcomes, audit, fsync, when } = input;
  const find = (id: string) => outcomes.find((o) => o.scenario.id === id);
  const reference = (kind: Kind) => find(kind === 'open' ? 'node-gif' : 'node-302');
  const ordered = [...outcomes].sort(
    (a, b) =>
      (a.scenario.kind === b.scenario.kind ? 0 : a.scenario.kind === 'open' ? -1 : 1) ||
      SCENARIOS.indexOf(a.scenario) - SCENARIOS.indexOf(b.scenario),
  );
  const rows = ordered.map((o) => {
    const h = o.result.measured.histogram;
    const ref = reference(o.scenario.kind);
    return `| ${o.scenario.label} | ${okRate(o).toFixed(0)} | ${percent(okRate(o), ref && okRate(ref))} | ${ms(
      h.quantile(0.5),
    )} | ${ms(h.quantile(0.99))} | ${ms(h.max)} | ${errors(o)} | ${
      o.serverCpuPercent === undefined ? 'n/a' : `${o.serverCpuPercent.toFixed(0)} %`
    } | ${o.result.clientCpuPercent.toFixed(0)} % | ${
      o.othersCpuPercent === undefined ? 'n/a' : `${o.othersCpuPercent.toFixed(0)} %`
    } | ${mib(o.peakRss)}${o.peakRssSinceStart ? '¹' : ''} |`;
  });

  const reading: string[] = [];
  const pairs: [Kind, string, string][] = [
    ['open', 'mb-open', 'Opens'],
    ['click', 'mb-click', 'Clicks'],
  ];
  for (const [kind, id, name] of pairs) {
    const mb = find(id);
    const node = reference(kind);
    const fastify = find(kind === 'open' ? 'fastify-gif' : 'fastify-302');
    if (!mb) continue;
    const parts = [
      `${name} run at ${percent(okRate(mb), node && okRate(node))} of bare Node's rate`,
    ];
    if (fastify) parts.push(`${percent(okRate(mb), okRate(fastify))} of bare Fastify's`);
    const p50 = mb.result.measured.histogram.quantile(0.5);
    const nodeP50 = node?.result.measured.histogram.quantile(0.5);
    reading.push(
      `${parts.join(', ')}; their median answer takes ${ms(p50)}${
        nodeP50 ? ` (bare Node: ${ms(nodeP50)})` : ''
      }, with the service at ${mb.serverCpuPercent?.toFixed(0) ?? '?'} % of a core.`,
    );
  }
  const nodeGif = find('node-gif');
  const fastifyGif = find('fastify-gif');
  if (nodeGif && fastifyGif) {
    reading.push(
      `Fastify itself (routing, request and reply objects, hooks) keeps ${percent(
        okRate(fastifyGif),
        okRate(nodeGif),
      )} of bare Node's rate on the same GIF.`,
    );
  }
  reading.push(
    `A durable commit needs at least one fsync: ${fsync.p50Ms.toFixed(2)} ms median (p99 ${fsync.p99Ms.toFixed(
      2,
    )} ms) on this disk, so without group commit the recorded endpoints could not exceed ~${Math.floor(
      1000 / fsync.p50Ms,
    )} hits/s.`,
  );

  return [
    BEGIN,
    '## Tracking endpoints: Mailbeacon against bare Node and bare Fastify',
    '',
    `Measured ${when.toISOString().replace('T', ' ').slice(0, 16)} UTC on ${machine.cpus} vCPU (${
      machine.cpuModel
    }, \`nproc\` = ${machine.cpus}), ${machine.memoryGiB} GiB, ${machine.kernel}, Node ${machine.node}. ` +
      'SQLite `synchronous=FULL` in a temp `DATA_DIR` on the same disk as the repository. ' +
      `Code measured: ${revision}.`,
    '',
    'Reproduce (from the repository root; `node --import tsx` instead of `npx tsx` needs no npm):',
    '',
    '```sh',
    command,
    '```',
    '',
    `Load: ${connections} keep-alive connections in a closed loop (each sends its next request when ` +
      `the previous answer is complete), ${warmup} s warm-up then ${seconds} s measured per target, ` +
      'loopback only. The load generator (bench/lib/load.ts, raw sockets) runs in the bench process; ' +
      'every server is a process of its own. Opens carry a Thunderbird User-Agent (the mail ' +
      "client fetching the pixel), clicks a desktop Chrome browser's navigation headers; " +
      `Mailbeacon's requests rotate over the open (or click) URLs of ${recipientCount} real ` +
      'recipient copies taken from the SMTP relay. Requests/s counts 2xx/3xx answers completed in the ' +
      'measured window; latency is from send to last byte; errors are non-2xx/3xx answers and ' +
      'socket failures over the whole run; CPU is % of one core during the window (server: its ' +
      'process; load-gen: the bench process; other processes: the rest of the machine, which ' +
      'should be near 0 — anything else there competes for the 2 cores); RSS is the ' +
      "server process's peak (VmHWM) over that target's run.",
    '',
    '| target | requests/s | vs bare Node | p50 | p99 | max | errors | server CPU | load-gen CPU | other processes | server peak RSS |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    ...(outcomes.some((o) => o.peakRssSinceStart)
      ? ['', '¹ since the process started (this kernel refused to reset VmHWM).']
      : []),
    '',
    'Answers per second through the measured window (a falling series means each hit costs more ' +
      'as the data grows):',
    '',
    ...ordered.map(
      (o) =>
        `- ${o.scenario.label}: ${o.result.measured.perSecond.map((n) => n.toLocaleString('en-US')).join(' · ')}`,
    ),
    '',
    'Every acknowledged hit recorded (counted in the SQLite file after the service stopped; warm-up ' +
      'and drain included):',
    '',
    ...audit.lines,
    '',
    `Reading: ${reading.join(' ')}`,
    END,
  ].join('\n');
}

function updateDocument(existing: string, section: string): string {
  const start = existing.indexOf(BEGIN);
  const end = existing.indexOf(END);
  if (start >= 0 && end > start) {
    return existing.slice(0, start) + section + existing.slice(end + END.length);
  }
  if (existing.trim() === '') {
    return `# Benchmarks\n\nLoad benchmarks and their baselines (see \`bench/\`).\n\n${section}\n`;
  }
  return `${existing.trimEnd()}\n\n${section}\n`;
}
