// One Jest run covers the whole monorepo; each Nx project is a Jest project (`jest --selectProjects domain-goals`).
// Tiers go by file name: unit = `*.spec.ts` (pure: no broker, database, Redis or network),
// integration = `*.integration.spec.ts` (real broker, PostgreSQL, Redis), e2e = `test/e2e/*.e2e-spec.ts`.
// JEST_TIER=unit|integration|e2e picks one tier (`npm run test:unit` etc.); unset runs all of them in
// one run, as `npm test` and CI want (one `Tests:` summary line). An env switch rather than a second
// config file keeps the projects defined once, and lets the unit tier drop the broker's globalSetup.
const tier = process.env.JEST_TIER;
if (tier !== undefined && !['unit', 'integration', 'e2e'].includes(tier)) {
  throw new Error(`JEST_TIER must be unit, integration or e2e (got "${tier}")`);
}
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    },
    module: { type: 'commonjs' },
  },
];

const shared = {
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    // fast-check only where the fuzz suites run: every other spec imports the testing lib without it.
    '^@pejling/testing/fuzz$': '<rootDir>/libs/testing/src/fuzz-suite.ts',
    '^@pejling/(contracts|domain-[a-z]+|platform|testing)$': '<rootDir>/libs/$1/src/index.ts',
  },
  testEnvironment: 'node',
};

// The spec files of a lib or app project for the chosen tier (both tiers when none is chosen).
// The unit tier also refuses every TCP connection (test/unit-no-network.js), so it stays pure.
const specFiles = {
  unit: {
    testMatch: ['**/*.spec.ts'],
    testPathIgnorePatterns: ['/node_modules/', '\\.integration\\.spec\\.ts$'],
    setupFiles: ['<rootDir>/test/unit-no-network.js'],
  },
  integration: { testMatch: ['**/*.integration.spec.ts'] },
  e2e: undefined,
  all: { testMatch: ['**/*.spec.ts'] },
}[tier ?? 'all'];

const project = (name, root, files) => ({
  ...shared,
  displayName: name,
  rootDir: __dirname,
  roots: [`<rootDir>/${root}`],
  ...files,
});

const libsAndApps = [
  ['contracts', 'libs/contracts'],
  ['domain-kernel', 'libs/domain-kernel'],
  ['domain-indicators', 'libs/domain-indicators'],
  ['domain-figures', 'libs/domain-figures'],
  ['domain-goals', 'libs/domain-goals'],
  ['domain-alerting', 'libs/domain-alerting'],
  ['domain-reports', 'libs/domain-reports'],
  ['platform', 'libs/platform'],
  ['ingest', 'apps/ingest'],
  ['indicators', 'apps/indicators'],
  ['goals', 'apps/goals'],
  ['notifications', 'apps/notifications'],
  ['console', 'apps/console'],
  // The import-graph rules of every app (issue 14): pure file reading, so in the unit tier.
  ['architecture', 'test/architecture'],
];

module.exports = {
  // Starts a real Kafka broker when none answers at KAFKA_BROKERS (see scripts/kafka.mjs); the unit
  // tier needs none, so it neither waits for nor starts one.
  ...(tier === 'unit' ? {} : { globalSetup: '<rootDir>/test/global-setup.js', globalTeardown: '<rootDir>/test/global-teardown.js' }),
  testTimeout: 60_000,
  projects: [
    ...(specFiles ? libsAndApps.map(([name, root]) => project(name, root, specFiles)) : []),
    ...(tier === 'unit' || tier === 'integration' ? [] : [project('e2e', 'test/e2e', { testMatch: ['**/*.e2e-spec.ts'] })]),
  ],
};
