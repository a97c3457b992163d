// One Jest run covers the whole monorepo; each Nx project is a Jest project (`jest --selectProjects domain`).
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
  moduleNameMapper: { '^@pejling/(contracts|domain|platform|testing)$': '<rootDir>/libs/$1/src/index.ts' },
  testEnvironment: 'node',
};

const project = (name, root, extra = {}) => ({
  ...shared,
  displayName: name,
  rootDir: __dirname,
  roots: [`<rootDir>/${root}`],
  testMatch: ['**/*.spec.ts'],
  ...extra,
});

module.exports = {
  // Starts a real Kafka broker when none answers at KAFKA_BROKERS (see scripts/kafka.mjs).
  globalSetup: '<rootDir>/test/global-setup.js',
  globalTeardown: '<rootDir>/test/global-teardown.js',
  testTimeout: 60_000,
  projects: [
    project('contracts', 'libs/contracts'),
    project('domain', 'libs/domain'),
    project('platform', 'libs/platform'),
    project('ingest', 'apps/ingest'),
    project('indicators', 'apps/indicators'),
    project('goals', 'apps/goals'),
    project('notifications', 'apps/notifications'),
    project('console', 'apps/console'),
    project('e2e', 'test/e2e', { testMatch: ['**/*.e2e-spec.ts'] }),
  ],
};
