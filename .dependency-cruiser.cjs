/**
 * The module graph's rules (DESIGN.md, "Code layout"; README, "Layout"), checked by
 * `npm run lint` with dependency-cruiser over src/:
 *
 * - a module (a folder of src/, or a file at its root) imports only modules below it in RANKS;
 * - it imports another module only through that module's `index.ts`;
 * - no cycle, between modules or between the files of one module, type-only imports included
 *   (but for the store's database.ts, which gathers its table files' row types).
 *
 * A module added to src/ must be given its rank here and in the README's layout (the rules
 * "unranked" and "unranked-alone" fail until it is).
 *
 * The web app (web/src, cruised too) imports from src/ only the files below: pure data it
 * bundles, and the contract it types its calls with (type-only).
 */

/** Modules from the top down: each may import only those after it. */
const RANKS = [
  'main',
  'service',
  'app',
  'api',
  'processing',
  'tracking',
  'submission',
  'mailbox',
  'pipeline',
  'messages',
  'notify',
  'privacy',
  'jobs',
  'workspace',
  'accounts',
  'attachments',
  'dev-inbox',
  'mail',
  'blobs',
  'keyring',
  'store',
  'threads',
  'html',
  'i18n',
  'outbound',
  'lru',
  'logger',
  'errors',
  'config',
  'vocabulary',
  'time-units',
];

/** The files of src/ the web app may import. */
const WEB_SHARED = [
  'src/api/contract.ts',
  'src/api/web-app/spa-routes.ts',
  'src/i18n/languages.ts',
  'src/vocabulary.ts',
  'src/time-units.ts',
];

/** A module's files: its folder, or its file at the root of src/. */
const files = (module) => `^src/${module}(/|\\.ts$)`;

module.exports = {
  forbidden: [
    {
      name: 'web-imports-shared-only',
      comment: `web/src imports from src/ only ${WEB_SHARED.join(', ')}`,
      severity: 'error',
      from: { path: '^web/src/' },
      to: { path: '^src/', pathNot: WEB_SHARED.map((file) => `^${file.replaceAll('.', '\\.')}$`) },
    },
    ...RANKS.map((module, rank) => ({
      name: `rank-${module}`,
      comment: `${module} may import only modules below it (${RANKS.slice(rank + 1).join(', ')})`,
      severity: 'error',
      from: { path: files(module) },
      to: { path: RANKS.slice(0, rank + 1).map(files), pathNot: files(module) },
    })),
    {
      name: 'unranked',
      comment: 'every module of src/ has a rank in .dependency-cruiser.cjs and the README',
      severity: 'error',
      from: { path: '^src/', pathNot: RANKS.map(files) },
      to: {},
    },
    {
      name: 'unranked',
      comment: 'every module of src/ has a rank in .dependency-cruiser.cjs and the README',
      severity: 'error',
      from: {},
      to: { path: '^src/', pathNot: RANKS.map(files) },
    },
    {
      name: 'unranked-alone',
      comment: 'a module of src/ that nothing imports and that imports nothing needs a rank too',
      severity: 'error',
      from: { orphan: true, path: '^src/', pathNot: RANKS.map(files) },
      to: {},
    },
    {
      name: 'through-index',
      comment: 'another module is imported through its index.ts, never past it',
      severity: 'error',
      from: { path: '^src/([^/.]+)' },
      to: { path: '^src/[^/]+/', pathNot: ['^src/$1/', '^src/[^/]+/index\\.ts$'] },
    },
    {
      name: 'no-cycle',
      comment: 'imports run one way: no module or file imports itself round a circle',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-type-cycle',
      comment:
        "type-only imports run one way too, but for one cycle: the store's database.ts composes " +
        "the table files' row types, and each table file types its queries with that Database " +
        '(docs/decisions.md, issue 11)',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { pathNot: '^src/store/database\\.ts$' } },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.d\\.ts$' },
  },
};
