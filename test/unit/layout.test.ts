import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const config = createRequire(import.meta.url)('../../.dependency-cruiser.cjs') as {
  forbidden: { name: string }[];
};
/** The modules in their order of rank, as the dependency rules hold them. */
const ranks = config.forbidden
  .map((rule) => /^rank-(.+)$/.exec(rule.name)?.[1])
  .filter((name): name is string => name !== undefined);

describe('the layout', () => {
  it('ranks every module of src/, as the README lists them, in the same order', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    // The layout's code block: from its opening fence after the heading to the closing one.
    const from = readme.indexOf('```', readme.indexOf('## Layout')) + 3;
    const layout = readme.slice(from, readme.indexOf('```', from));
    const listed = [...layout.matchAll(/^src\/([a-z0-9-]+)(?:\/|\.ts)/gm)].map((m) => m[1]);
    assert.deepEqual(listed, ranks);
  });

  it('has no module in src/ without a rank', () => {
    const present = readdirSync(`${root}src`, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() || entry.name.endsWith('.ts'))
      .map((entry) => entry.name.replace(/\.ts$/, ''));
    const unranked = present.filter((name) => !ranks.includes(name));
    assert.deepEqual(unranked, []);
  });
});
