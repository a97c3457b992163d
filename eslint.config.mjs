import nx from '@nx/eslint-plugin';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/.nx', '.pejling', 'coverage'] },
  {
    files: ['**/*.ts'],
    rules: {
      // The architecture in one rule: apps never import each other; libs never import apps;
      // the domain lib is pure (no Nest, no I/O) and the contracts lib depends on nothing of ours.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            // Apps may use the testing lib in their *.spec.ts files only (see the override below).
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:platform', 'type:testing'] },
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain'] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:platform', 'type:domain'] },
            // The console is a backend-for-frontend: it reaches the services over HTTP and their published events
            // (the contracts) only, never through their code.
            { sourceTag: 'scope:console', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:platform', 'type:testing'] },
            // End-to-end tests drive the apps themselves.
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:testing', 'type:platform', 'type:app'] },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['warn', { varsIgnorePattern: '^_', argsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // The domain lib is plain TypeScript: no framework, no I/O (its tests may read fixture files).
    files: ['libs/domain/**/*.ts'],
    ignores: ['libs/domain/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@nestjs/*', 'typeorm', 'kafkajs', 'pg', 'bull', 'ioredis', 'nodemailer', 'fs', 'node:*', 'http', 'https'] },
      ],
    },
  },
  {
    // Production code of an app never imports test helpers.
    files: ['apps/**/*.ts'],
    ignores: ['apps/**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ['@pejling/testing'] }] },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts', 'libs/testing/**/*.ts', 'scripts/**/*', 'bench/**/*'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
