import nx from '@nx/eslint-plugin';
import eslintConfigPrettier from 'eslint-config-prettier/flat';

// Controllers, consumers and processors parse input and call one use case; use cases hold the flow and
// the transaction; repositories hold the SQL (issue 14). Only repositories, migrations and the wiring
// (modules, bootstraps, CLIs, the platform's transaction and outbox machinery) touch the database handle.
const NO_DATABASE_HANDLE =
  'Only repositories and migrations touch the database: put the SQL in a *.repository.ts and call it from a use case.';

// Production code of an app never imports test helpers.
const NO_TEST_HELPERS = { name: '@pejling/testing', message: 'Test helpers are for *.spec.ts files.' };

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  // Plain JavaScript (scripts, benchmarks, the console's browser assets, Jest's global setup): the JS rules
  // with Node and browser globals, and no type information (they are not in a tsconfig).
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/node_modules', '**/.nx', '.pejling', 'coverage'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // The architecture in one rule: apps never import each other; libs never import apps;
      // the domain libs are pure (no Nest, no I/O) and the contracts lib depends on nothing of ours.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            // Apps may use the testing lib in their *.spec.ts files only (see the override below).
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:platform', 'type:testing'] },
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:contracts', 'context:kernel'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:platform', 'type:domain'] },
            // The domain libs, one per bounded context, import only each other and only downwards (no cycles):
            // kernel <- indicators <- figures, goals <- alerting, reports (alerting also words indicators' benchmark bases).
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'] },
            { sourceTag: 'context:kernel', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'context:indicators', onlyDependOnLibsWithTags: ['context:kernel'] },
            { sourceTag: 'context:figures', onlyDependOnLibsWithTags: ['context:kernel', 'context:indicators'] },
            { sourceTag: 'context:goals', onlyDependOnLibsWithTags: ['context:kernel', 'context:indicators'] },
            { sourceTag: 'context:alerting', onlyDependOnLibsWithTags: ['context:kernel', 'context:indicators', 'context:goals'] },
            { sourceTag: 'context:reports', onlyDependOnLibsWithTags: ['context:kernel', 'context:goals'] },
            // Each service uses the kernel and its own contexts: who may use a context lib.
            {
              sourceTag: 'scope:ingest',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:platform', 'type:testing', 'context:kernel', 'context:figures'],
            },
            {
              sourceTag: 'scope:indicators',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:platform', 'type:testing', 'context:kernel', 'context:indicators'],
            },
            {
              sourceTag: 'scope:goals',
              onlyDependOnLibsWithTags: [
                'type:contracts',
                'type:platform',
                'type:testing',
                'context:kernel',
                'context:indicators',
                'context:goals',
              ],
            },
            {
              sourceTag: 'scope:notifications',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:platform', 'type:testing', 'context:kernel', 'context:alerting'],
            },
            // The console is a backend-for-frontend: it reaches the services over HTTP and their published events
            // (the contracts) only, never through their code. It renders goals and reports, so it reads those contexts.
            {
              sourceTag: 'scope:console',
              onlyDependOnLibsWithTags: [
                'type:contracts',
                'type:platform',
                'type:testing',
                'context:kernel',
                'context:indicators',
                'context:goals',
                'context:reports',
              ],
            },
            // End-to-end tests drive the apps themselves.
            {
              sourceTag: 'type:e2e',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:testing', 'type:platform', 'type:app'],
            },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      // Rules that catch bugs, with the type checker's help: a promise nobody awaits loses its error
      // (and its ordering), a promise where a boolean or a void callback is expected is always truthy
      // or never awaited, and a switch over a union must say what it does with every member.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^_', argsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    rules: { '@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^_', argsIgnorePattern: '^_' }] },
  },
  {
    // The console's browser scripts are ES5 on purpose (var, function, a named catch binding), so older browsers run them.
    files: ['apps/console/src/assets/**/*.js'],
    rules: {
      'no-var': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { varsIgnorePattern: '^_', argsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^ignored$' },
      ],
    },
  },
  {
    // The domain libs are plain TypeScript: no framework, no I/O (their tests may read fixture files).
    files: ['libs/domain-*/**/*.ts'],
    ignores: ['libs/domain-*/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            '@nestjs/*',
            'typeorm',
            'kafkajs',
            '@platformatic/kafka',
            'pg',
            'bull',
            'ioredis',
            'nodemailer',
            'node:*',
            // Node's I/O modules (files, network, processes, threads, the host).
            'fs',
            'fs/*',
            'http',
            'https',
            'http2',
            'net',
            'tls',
            'dgram',
            'dns',
            'dns/*',
            'child_process',
            'cluster',
            'worker_threads',
            'os',
            'readline',
          ],
        },
      ],
    },
  },
  {
    files: ['apps/**/*.ts'],
    ignores: ['apps/**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_TEST_HELPERS] }] },
  },
  {
    files: ['apps/**/src/**/*.ts', 'libs/platform/src/**/*.ts'],
    ignores: [
      '**/*.spec.ts',
      '**/*.repository.ts',
      '**/migrations/**',
      '**/*-migrations.ts',
      '**/*.module.ts',
      '**/*.app.ts',
      '**/main.ts',
      '**/*-cli.ts',
      'libs/platform/src/bootstrap.ts',
      'libs/platform/src/database/**',
      'libs/platform/src/outbox/transactions.ts',
      'libs/platform/src/outbox/outbox-relay.ts',
      'libs/platform/src/outbox/outbox.providers.ts',
    ],
    rules: {
      // A use case may name the transaction's EntityManager as a type, to hand it on to repositories.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'typeorm', importNames: ['DataSource', 'QueryRunner'], message: NO_DATABASE_HANDLE },
            { name: 'typeorm', importNames: ['EntityManager'], message: NO_DATABASE_HANDLE, allowTypeImports: true },
            {
              name: '@nestjs/typeorm',
              importNames: ['InjectDataSource', 'InjectEntityManager', 'InjectRepository'],
              message: NO_DATABASE_HANDLE,
            },
          ],
        },
      ],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='query']", message: NO_DATABASE_HANDLE }],
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts', 'libs/testing/**/*.ts', 'scripts/**/*', 'bench/**/*'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  // Last: Prettier owns the layout, so no ESLint rule may fight it.
  eslintConfigPrettier,
];
