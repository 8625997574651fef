/**
 * The layer rules (`npm run lint` runs `depcruise`): which folder may import which. ESLint checks
 * code style; this checks architecture, on the resolved import graph (so re-exports and relative
 * paths cannot slip past it).
 */
const TEST_SUPPORT = '(\\.test\\.tsx?|\\.test-helper\\.ts|\\.contract\\.ts)$|/testing/|^web/tests/';
const FRAMEWORKS =
  'node_modules/(hono|@hono|@aws-sdk|pg|kysely|kysely-pglite-dialect|@electric-sql|@neondatabase|@qdrant|pino)/';

module.exports = {
  forbidden: [
    {
      name: 'core-is-plain-logic',
      comment: 'core/ is plain logic over ports: no adapters, apps, Lambda handlers, composition, config or server.',
      severity: 'error',
      from: { path: '^functions/src/core/' },
      to: { path: '^functions/src/(adapters|apps|lambda|composition|config|server)/' },
    },
    {
      name: 'core-uses-no-frameworks',
      comment: 'core/ reaches no framework, driver or cloud SDK; adapters wrap them.',
      severity: 'error',
      from: { path: '^functions/src/core/' },
      to: { path: FRAMEWORKS },
    },
    {
      name: 'adapters-use-each-other-through-their-entry',
      comment:
        'An adapter reaches another adapter only through its index.ts, never its internals (adapters/http is shared plumbing).',
      severity: 'error',
      from: { path: '^functions/src/adapters/([^/]+)/', pathNot: TEST_SUPPORT },
      to: {
        path: '^functions/src/adapters/',
        pathNot: [
          '^functions/src/adapters/$1/',
          '^functions/src/adapters/[^/]+/index\\.ts$',
          '^functions/src/adapters/http/',
        ],
      },
    },
    {
      name: 'adapters-take-their-own-options',
      comment: 'config/ is read by the composition root, which hands adapters their own option types.',
      severity: 'error',
      from: { path: '^functions/src/adapters/', pathNot: TEST_SUPPORT },
      to: { path: '^functions/src/config/' },
    },
    {
      name: 'production-code-imports-no-test-support',
      comment: 'Test helpers, fixtures and contract suites are for tests (and other test support) only.',
      severity: 'error',
      from: { pathNot: TEST_SUPPORT },
      to: { path: TEST_SUPPORT },
    },
    {
      name: 'scripts-use-public-entries',
      comment:
        'scripts/ reaches functions/ only through the entry modules its package.json exports (functions/src/entries/).',
      severity: 'error',
      from: { path: '^scripts/' },
      to: { path: '^functions/src/', pathNot: '^functions/src/entries/' },
    },
    {
      name: 'web-shared-code-imports-no-features',
      comment:
        'web/src: components/, hooks/, lib/ and testing/ are shared by every feature and import none (bulletproof-react).',
      severity: 'error',
      from: { path: '^web/src/(components|hooks|lib|testing)/' },
      to: { path: '^web/src/(features|app)/' },
    },
    {
      name: 'web-features-are-independent',
      comment: 'A feature never imports another feature or the app; screens in app/routes compose them.',
      severity: 'error',
      from: { path: '^web/src/features/([^/]+)/' },
      to: { path: ['^web/src/features/', '^web/src/app/'], pathNot: '^web/src/features/$1/' },
    },
    {
      name: 'web-runs-no-server-code',
      comment: 'The browser app reaches the API over HTTP through the generated client, never functions/ code.',
      severity: 'error',
      from: { path: '^web/src/' },
      to: { path: '^functions/' },
    },
    {
      name: 'web-tooling-uses-public-entries',
      comment: 'web/scripts and web/tests reach functions/ only through its exported entry modules.',
      severity: 'error',
      from: { path: '^web/(scripts|tests)/' },
      to: { path: '^functions/src/', pathNot: '^functions/src/entries/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    // tsconfig.json maps web's `@/` imports to web/src, so the web rules see them.
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'default'],
      extensions: ['.ts', '.tsx', '.js'],
    },
  },
};
