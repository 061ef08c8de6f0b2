import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', 'cdk.out.*/', 'load/reports/', 'web/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', fetch: 'readonly', WebSocket: 'readonly', structuredClone: 'readonly', AbortController: 'readonly', performance: 'readonly', document: 'readonly', window: 'readonly', localStorage: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'error',
    },
  },
  {
    files: ['test/**/*.ts', 'load/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Functions run in Lambda: no imports from the local cloud or infrastructure code.
    files: ['functions/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/local/**', 'aws-cdk-lib', 'aws-cdk-lib/*'], message: 'Lambda code must not import local-cloud or CDK code.' }] }],
    },
  },
  {
    // Domain rules are pure: no SDK, no Redis, no I/O.
    files: ['functions/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@aws-sdk/*', 'ioredis', '#adapters/*', '#platform/clients', 'node:fs', 'node:http'], message: 'Domain code is pure: put I/O in an adapter behind a port.' }] }],
    },
  },
);
