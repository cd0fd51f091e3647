/**
 * Summarises a V8 .cpuprofile (as `node --cpu-prof` writes, e.g. from
 * `npx tsx bench/tracking.ts --only mb-open --cpu-prof /tmp/prof`): where the time went, by
 * function (self and inclusive time) and by module.
 *
 *   npx tsx bench/cpu-profile-top.ts /tmp/prof/<file>.cpuprofile [--top 25] [--focus name]
 *
 * --focus limits the inclusive table to stacks under a function of that name (e.g. commitBatch).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    top: { type: 'string', default: '25' },
    focus: { type: 'string' },
  },
});
const file = positionals[0];
if (!file) {
  process.stderr.write('usage: npx tsx bench/cpu-profile-top.ts <file.cpuprofile> [--top N]\n');
  process.exit(64);
}
const top = Number(values.top);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i]!;
  // A sample's delta is the time until the next one; the first has none before it.
  const delta = profile.timeDeltas[i + 1] ?? 0;
  selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
}
const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);

function shortUrl(url: string): string {
  if (!url) return '';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) return url.slice(nm + 'node_modules/'.length);
  const src = url.indexOf('/src/');
  if (src >= 0) return url.slice(src + 1);
  const bench = url.indexOf('/bench/');
  if (bench >= 0) return url.slice(bench + 1);
  return url.replace(/^file:\/\//, '');
}

function keyOf(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = shortUrl(url);
  return `${functionName || '(anonymous)'}${where ? ` ${where}:${lineNumber + 1}` : ''}`;
}

function moduleOf(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node: internals';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const src = url.indexOf('/src/');
  if (src >= 0)
    return url
      .slice(src + 1)
      .split('/')
      .slice(0, 2)
      .join('/');
  return shortUrl(url);
}

const self = new Map<string, number>();
const modules = new Map<string, number>();
const inclusive = new Map<string, number>();
const focus = values.focus;
let focusUs = 0;

function walk(id: number, stack: Set<string>, focused: boolean): void {
  const node = byId.get(id)!;
  const key = keyOf(node);
  const us = selfUs.get(id) ?? 0;
  const inFocus = focused || (focus !== undefined && node.callFrame.functionName === focus);
  self.set(key, (self.get(key) ?? 0) + us);
  modules.set(moduleOf(node), (modules.get(moduleOf(node)) ?? 0) + us);
  const added = !stack.has(key);
  if (added) stack.add(key);
  if (focus === undefined || inFocus) {
    for (const k of stack) inclusive.set(k, (inclusive.get(k) ?? 0) + us);
    if (inFocus) focusUs += us;
  }
  for (const child of node.children ?? []) walk(child, stack, inFocus);
  if (added) stack.delete(key);
}
walk(profile.nodes[0]!.id, new Set(), false);

const print = (title: string, map: Map<string, number>, base: number) => {
  process.stdout.write(`\n${title}\n`);
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    const pct = ((us / base) * 100).toFixed(1).padStart(5);
    process.stdout.write(`${pct} %  ${(us / 1000).toFixed(0).padStart(7)} ms  ${key}\n`);
  }
};

process.stdout.write(
  `${file}: ${(totalUs / 1e6).toFixed(1)} s sampled (${profile.samples.length} samples)\n`,
);
print('self time by module', modules, totalUs);
print('self time by function', self, totalUs);
if (focus !== undefined) {
  process.stdout.write(
    `\nunder ${focus}: ${(focusUs / 1000).toFixed(0)} ms (${((focusUs / totalUs) * 100).toFixed(1)} %)`,
  );
}
print(
  focus === undefined ? 'inclusive time by function' : `inclusive time under ${focus}`,
  inclusive,
  totalUs,
);
